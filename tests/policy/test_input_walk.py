"""No input gives a server error (issue 14, defect 5): every route of ``app.url_map``, with every
method it answers, as anonymous and as every role, gets ids out of range, NUL bytes, overlong and
malformed values in its path, its query string and its form fields; and every form on every page
is posted with one field at a time made hostile. Any 5xx fails. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from werkzeug.datastructures import MultiDict

from tests.helpers import csrf_token, login
from tests.policy.access_rows import ACCESS, ACTORS, ANONYMOUS, _url
from tests.policy.input_walk import (
    FIELD_VALUES,
    HOSTILE_INTS,
    HOSTILE_TEXT,
    QUERY_NAMES,
    forms_of,
    hostile_query,
    path_variants,
    with_value,
)

#: Ends the walker's own session: sent once, at the end.
LAST = {"auth.logout"}


def _methods(rule) -> list[str]:
    return sorted(set(rule.methods) - {"HEAD", "OPTIONS"})


class Walker:
    def __init__(self, client) -> None:
        self.client = client
        self.failures: list[str] = []
        self.sent = 0

    def send(self, method: str, url: str, **kw):
        self.sent += 1
        url, _, own_query = url.partition("?")
        if own_query and "query_string" in kw:  # the row's own filter stays beside the hostile one
            kw["query_string"] = f"{own_query}&{urlencode(kw['query_string'])}"
        elif own_query:
            kw["query_string"] = own_query
        try:
            response = self.client.open(url, method=method, **kw)
        except Exception as error:
            self._fail(method, url, kw, f"{type(error).__name__}: {str(error)[:200]}")
            return None
        if response.status_code >= 500:
            self._fail(method, url, kw, str(response.status_code))
        return response

    def _fail(self, method: str, url: str, kw: dict, what: str) -> None:
        self.failures.append(f"{method} {url[:100]} {kw!s:.300} -> {what}")


@pytest.mark.parametrize("actor", ACTORS)
def test_no_input_gives_a_server_error(app, client, ctx, actor: str):
    if actor != ANONYMOUS:
        login(client, ctx.users[actor])
    walker = Walker(client)
    token = csrf_token(client.get("/login" if actor == ANONYMOUS else "/settings"))
    rules = sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint != "static"),
        key=lambda r: (r.endpoint in LAST, r.endpoint),
    )

    # the pages this actor can open, and their forms
    # (the URLs are built first: a builder makes objects, a walked form may make more)
    pages = {rule.endpoint: _url(app, rule.endpoint, ACCESS[rule.endpoint], ctx) for rule in rules}
    forms = {}
    for rule in rules:
        if "GET" in rule.methods:
            response = walker.send("GET", pages[rule.endpoint])
            if (
                response is not None
                and response.status_code == 200
                and response.mimetype == "text/html"
            ):
                for form in forms_of(response.text):
                    action = form.action or pages[rule.endpoint]
                    forms.setdefault((action.split("?")[0], tuple(form.names)), (action, form))
    names = sorted({name for _, form in forms.values() for name in form.names} | set(QUERY_NAMES))

    for rule in rules:
        for method in _methods(rule):
            base = {"csrf_token": token} if method == "POST" else None
            for url in path_variants(rule.rule):
                walker.send(method, url, data=base)
            if rule.endpoint in LAST:
                continue
            url = pages[rule.endpoint]
            for value in HOSTILE_INTS + HOSTILE_TEXT:
                data = {**{name: value for name in names}, **(base or {})} if base else None
                walker.send(method, url, query_string=hostile_query(value), data=data)

    for (path, _names), (action, form) in forms.items():
        if path == "/logout":
            continue
        for name in form.names:
            if name == "csrf_token":
                continue
            for value in FIELD_VALUES:
                walker.send("POST", action, data=MultiDict(with_value(form, name, value)))

    assert walker.sent > 300
    assert not walker.failures, f"{len(walker.failures)} server errors:\n" + "\n".join(
        walker.failures[:40]
    )
