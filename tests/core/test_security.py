"""Security headers on every response, cookie flags, the secret key and the health check."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from portal import create_app
from tests.helpers import PASSWORD, csrf_token, login

SAFE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


def parse_csp(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            assert words[0] not in directives, f"directive {words[0]} twice"
            directives[words[0]] = words[1:]
    return directives


def assert_security_headers(response) -> None:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no CSP on {response.request.path} ({response.status_code})"
    csp = parse_csp(header)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    for directive in ("script-src", "style-src"):
        sources = csp.get(directive, csp["default-src"])
        assert "*" not in sources and "data:" not in sources, (directive, sources)
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.headers.get("Referrer-Policy") in SAFE_REFERRER_POLICIES


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/login", 200),
        ("GET", "/", 302),
        ("GET", "/does-not-exist", 404),
        ("GET", "/healthz", 200),
        ("GET", "/static/css/portal.css", 200),
        ("GET", "/static/favicon.svg", 200),
        ("GET", "/static/nothing-here.js", 404),
        ("GET", "/logout", 405),
        ("POST", "/login", 400),  # no CSRF token
    ],
)
def test_every_response_carries_the_security_headers(client, method, path, status):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert_security_headers(response)


def test_logged_in_page_and_rate_limited_answer_carry_the_headers(client, klantmanager):
    login(client, klantmanager)
    assert_security_headers(client.get("/"))
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    token = csrf_token(client.get("/login"))
    data = {"email": klantmanager.email, "password": "wrong", "csrf_token": token}
    responses = [client.post("/login", data=data) for _ in range(11)]
    assert responses[-1].status_code == 429
    assert_security_headers(responses[-1])


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    assert response.get_json() == {"status": "ok"}


# -- cookies ---------------------------------------------------------------------------------


def _cookie(response, name: str) -> str:
    found = [c for c in response.headers.getlist("Set-Cookie") if c.startswith(name + "=")]
    assert len(found) == 1, response.headers.getlist("Set-Cookie")
    return found[0]


def test_session_cookie_is_httponly_and_samesite_lax(client, klantmanager):
    token = csrf_token(client.get("/login"))
    response = client.post(
        "/login",
        data={"email": klantmanager.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302
    cookie = _cookie(response, "session")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_session_cookie_is_not_secure_while_testing(app):
    # Plain http on a developer's machine must keep working.
    assert app.config["SESSION_COOKIE_SECURE"] is False


@pytest.fixture
def production_app(database_url) -> Iterator:
    app = create_app({"TESTING": False, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database_url})
    yield app
    app.extensions["db_engine"].dispose()


def test_cookies_are_secure_outside_debug_and_testing(production_app):
    config = production_app.config
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["REMEMBER_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


def test_production_session_cookie_carries_secure(production_app):
    client = production_app.test_client()
    response = client.get("/login")  # the CSRF token puts something in the session
    assert response.status_code == 200
    cookie = _cookie(response, "session")
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert_security_headers(response)


def test_secure_cookie_can_be_switched_off_explicitly(database_url):
    app = create_app(
        {
            "TESTING": False,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SESSION_COOKIE_SECURE": False,
        }
    )
    try:
        assert app.config["SESSION_COOKIE_SECURE"] is False
        assert app.config["REMEMBER_COOKIE_SECURE"] is False
    finally:
        app.extensions["db_engine"].dispose()


# -- the secret key --------------------------------------------------------------------------


@pytest.mark.parametrize("secret", [None, ""])
def test_missing_secret_key_outside_debug_is_refused(database_url, secret):
    config = {"TESTING": False, "SQLALCHEMY_DATABASE_URI": database_url}
    if secret is not None:
        config["SECRET_KEY"] = secret
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config)


def test_missing_secret_key_while_testing_gets_a_random_one(database_url):
    apps = [
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url}) for _ in range(2)
    ]
    try:
        keys = [a.config["SECRET_KEY"] for a in apps]
        assert all(len(k) >= 32 for k in keys)
        assert keys[0] != keys[1]
    finally:
        for a in apps:
            a.extensions["db_engine"].dispose()
