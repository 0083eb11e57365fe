"""Every route answers each actor as the access table says (tests/policy/access_rows.py)."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.helpers import csrf_token, login
from tests.policy.access_rows import (
    ACCESS,
    ACTORS,
    ANONYMOUS,
    LOGIN,
    _check,
    _url,
)


def _methods(rule) -> set[str]:
    return set(rule.methods) - {"HEAD", "OPTIONS"}


def test_every_route_has_a_row(app):
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]
    missing = sorted(
        f"{rule.endpoint} ({rule.rule})" for rule in rules if rule.endpoint not in ACCESS
    )
    assert not missing, f"routes without a row in ACCESS (add one): {', '.join(missing)}"
    endpoints = {rule.endpoint for rule in rules}
    stale = sorted(set(ACCESS) - endpoints)
    assert not stale, f"rows in ACCESS for endpoints that do not exist: {stale}"

    for rule in rules:
        row = ACCESS[rule.endpoint]
        methods = _methods(rule)
        method = "GET" if "GET" in methods else "POST"
        assert row.method == method, f"{rule.endpoint}: check it with {method}, not {row.method}"
        assert method in methods, f"{rule.endpoint} answers {methods}"
        if rule.arguments:
            assert row.url is not None, f"{rule.endpoint} ({rule.rule}) needs a URL builder"
        assert set(row.expect) == set(ACTORS), rule.endpoint
        # DESIGN §8: an anonymous visitor is sent to log in, never told "forbidden"
        assert row.expect[ANONYMOUS] != 403, f"{rule.endpoint}: anonymous gets 403"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_access(app, client, ctx, endpoint: str, actor: str):
    row = ACCESS[endpoint]
    url = _url(app, endpoint, row, ctx)
    if actor != ANONYMOUS:
        login(client, ctx.users[actor])

    if row.method == "GET":
        response = client.get(url)
    else:
        page = row.token_from or ("/login" if actor == ANONYMOUS else "/settings")
        token = csrf_token(client.get(page))
        response = client.post(url, data={**row.data, "csrf_token": token})

    _check(response, row.expect[actor], url, f"{row.method} {url} as {actor}")


def test_login_redirect_keeps_the_query_string_in_next(client, klantmanager):
    response = client.get("/settings?tab=calendar")
    _check(response, LOGIN, "/settings?tab=calendar", "anonymous")


def test_post_without_csrf_token_is_refused_for_every_post_only_route(app, client, ctx):
    login(client, ctx.users[Role.KLANTMANAGER])
    post_only = [row for row in ACCESS.values() if row.method == "POST"]
    assert post_only
    for endpoint, row in ACCESS.items():
        if row.method != "POST":
            continue
        response = client.post(_url(app, endpoint, row, ctx), data=row.data)
        assert response.status_code == 400, endpoint
    assert client.get("/settings").status_code == 200  # still logged in: logout was refused


def test_setup_answers_only_while_no_user_exists_and_only_from_localhost(client, make_user):
    assert client.get("/setup").status_code == 200
    remote = client.get("/setup", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert remote.status_code == 404
    make_user(Role.KLANTMANAGER)
    assert client.get("/setup").status_code == 404


def test_a_deactivated_user_is_logged_out_on_the_next_request(client, ctx, session):
    user = ctx.users[Role.BEHEERDER]
    login(client, user)
    assert client.get("/settings").status_code == 200
    user.active = False
    session.commit()
    _check(client.get("/settings"), LOGIN, "/settings", "deactivated beheerder")
