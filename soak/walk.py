"""The input walk of tests/policy/input_walk.py over HTTP, as one actor, against a live server:
every rule of the URL map with hostile path parameters, every page without parameters with a
hostile query string, and every form of those pages with one field at a time made hostile."""

from __future__ import annotations

from soak.client import Client
from soak.setup import PASSWORD, WALKERS
from tests.policy.input_walk import (
    FIELD_VALUES,
    HOSTILE_INTS,
    HOSTILE_TEXT,
    forms_of,
    hostile_query,
    path_variants,
    with_value,
)

#: Seconds to wait for an answer: the walk runs beside 50 writers on a small machine.
TIMEOUT = 300


def _rules() -> list[tuple[str, str, list[str]]]:
    from portal import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    return [
        (r.endpoint, r.rule, sorted(set(r.methods) - {"HEAD", "OPTIONS"}))
        for r in app.url_map.iter_rules()
        if r.endpoint not in ("static", "auth.logout")
    ]


def walk_as(base: str, actor: str, errors: list[str]) -> None:
    client = Client(base, timeout=TIMEOUT)
    try:
        if actor in WALKERS and not client.login(WALKERS[actor], PASSWORD):
            errors.append(f"{actor}: could not log in")
            return
        token = client.token("/settings" if actor in WALKERS else "/login")
    except OSError as error:
        errors.append(f"{actor}: no answer to the login: {error}")
        return

    def send(method: str, path: str, **kw: object) -> None:
        try:
            reply = client.send(method, path, **kw)
        except OSError as error:
            errors.append(f"{actor} {method} {path[:80]}: {error}")
            return
        if reply.status >= 500:
            errors.append(f"{actor} {method} {path[:80]} {str(kw)[:120]} -> {reply.status}")

    forms = {}
    for _endpoint, rule, methods in _rules():
        for method in methods:
            data = {"csrf_token": token} if method == "POST" else None
            for path in path_variants(rule):
                send(method, path, data=data)
        if "<" in rule or "GET" not in methods:
            continue
        for value in HOSTILE_INTS + HOSTILE_TEXT:
            send("GET", rule, query=hostile_query(value))
        try:
            page = client.send("GET", rule)
        except OSError as error:
            errors.append(f"{actor} GET {rule}: {error}")
            continue
        if page.status == 200:
            for form in forms_of(page.text):
                forms.setdefault(((form.action or rule).split("?")[0], tuple(form.names)), form)
    for (action, _names), form in forms.items():
        if action == "/logout":
            continue
        for name in form.names:
            if name != "csrf_token":
                for value in FIELD_VALUES:
                    send("POST", action, data=with_value(form, name, value))
