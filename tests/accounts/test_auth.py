"""Logging in and out, the rate limit, safe redirects, setup, set-password links, language."""

from __future__ import annotations

import html
import time

import pytest
from flask_babel import force_locale, gettext
from itsdangerous.timed import TimestampSigner
from sqlalchemy import select

from portal.accounts.passwords import INVITE, issue_link
from portal.models import Role, User, utcnow
from tests.helpers import PASSWORD, csrf_token, login, logout, post_form

WRONG_CREDENTIALS = "Dit e-mailadres en wachtwoord horen niet bij elkaar."


def _post_login(client, email: str, password: str, **extra):
    token = csrf_token(client.get("/login"))
    query = extra.pop("query_string", None)
    data = {"email": email, "password": password, "csrf_token": token, **extra}
    return client.post("/login", data=data, query_string=query)


def _logged_in(client) -> bool:
    response = client.get("/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


# -- logging in ------------------------------------------------------------------------------


def test_login_works_and_shows_the_home_page(client, klantmanager):
    response = login(client, klantmanager)
    assert response.headers["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert klantmanager.display_name in page.text


def test_email_is_matched_case_insensitively(client, klantmanager):
    response = _post_login(client, "  " + klantmanager.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert _logged_in(client)


def test_wrong_password_and_unknown_email_look_the_same(client, klantmanager):
    wrong_password = _post_login(client, klantmanager.email, "not the password")
    unknown_email = _post_login(client, "nobody@test.example", PASSWORD)
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert WRONG_CREDENTIALS in wrong_password.text
    assert WRONG_CREDENTIALS in unknown_email.text
    assert not _logged_in(client)


def test_inactive_user_cannot_log_in(client, make_user):
    user = make_user(Role.KLANTMANAGER, active=False)
    response = _post_login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert WRONG_CREDENTIALS in response.text
    assert not _logged_in(client)


def test_remember_me_sets_a_remember_cookie(client, klantmanager):
    response = _post_login(client, klantmanager.email, PASSWORD, remember="y")
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    remember = [c for c in cookies if c.startswith("remember_token=")]
    assert len(remember) == 1
    assert "HttpOnly" in remember[0]
    assert "SameSite=Lax" in remember[0]


def test_remember_cookie_keeps_you_logged_in_in_a_new_browser_session(client, klantmanager):
    _post_login(client, klantmanager.email, PASSWORD, remember="y")
    client.delete_cookie("session")
    assert client.get_cookie("session") is None
    assert _logged_in(client)


def test_without_remember_me_a_new_browser_session_is_logged_out(client, klantmanager):
    _post_login(client, klantmanager.email, PASSWORD)
    client.delete_cookie("session")
    assert client.get_cookie("session") is None
    assert not _logged_in(client)


def test_without_remember_me_there_is_no_remember_cookie(client, klantmanager):
    response = _post_login(client, klantmanager.email, PASSWORD)
    assert response.status_code == 302
    cookies = response.headers.getlist("Set-Cookie")
    assert not [c for c in cookies if c.startswith("remember_token=")]


# -- where to go after logging in ------------------------------------------------------------


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "http://evil.example/settings",
        "javascript:alert(1)",
        "/\t/evil.example",
    ],
)
def test_foreign_next_is_ignored(client, klantmanager, next_url):
    response = _post_login(client, klantmanager.email, PASSWORD, query_string={"next": next_url})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_local_next_is_honoured(client, klantmanager):
    response = _post_login(client, klantmanager.email, PASSWORD, query_string={"next": "/settings"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/settings"


def test_logged_in_visit_to_login_ignores_foreign_next(client, klantmanager):
    login(client, klantmanager)
    response = client.get("/login", query_string={"next": "//evil.example"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


# -- logging out -----------------------------------------------------------------------------


def test_logout_by_get_is_not_allowed(client, klantmanager):
    login(client, klantmanager)
    response = client.get("/logout")
    assert response.status_code == 405
    assert _logged_in(client)


def test_logout_by_post_logs_out(client, klantmanager):
    login(client, klantmanager)
    response = logout(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert not _logged_in(client)


def test_logout_clears_the_remember_cookie(client, klantmanager):
    _post_login(client, klantmanager.email, PASSWORD, remember="y")
    logout(client)
    client.delete_cookie("session")  # a new browser session: only the remember cookie could help
    assert not _logged_in(client)


# -- first-time setup ------------------------------------------------------------------------


def _setup_data(email: str = "eerste@test.example") -> dict:
    return {
        "name": "Eerste Beheerder",
        "email": email,
        "password": PASSWORD,
        "password_confirm": PASSWORD,
    }


def test_setup_creates_the_first_beheerder_from_localhost(client, session):
    assert client.get("/setup").status_code == 200
    response = post_form(client, "/setup", _setup_data())
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    user = session.scalar(select(User).where(User.email == "eerste@test.example"))
    assert user is not None
    assert user.roles == {Role.BEHEERDER}
    assert user.check_password(PASSWORD)
    assert _logged_in(client)


def test_setup_is_gone_once_a_user_exists(client, session, beheerder):
    assert client.get("/setup").status_code == 404
    token = csrf_token(client.get("/login"))
    response = client.post(
        "/setup", data={**_setup_data("tweede@test.example"), "csrf_token": token}
    )
    assert response.status_code == 404
    assert session.scalar(select(User).where(User.email == "tweede@test.example")) is None


def test_setup_is_gone_after_it_was_used(client):
    post_form(client, "/setup", _setup_data())
    logout(client)
    assert client.get("/setup").status_code == 404


def test_setup_is_not_offered_to_a_remote_address(client, session):
    remote = {"REMOTE_ADDR": "10.1.2.3"}
    assert client.get("/setup", environ_base=remote).status_code == 404
    token = csrf_token(client.get("/login"))
    response = client.post(
        "/setup", data={**_setup_data(), "csrf_token": token}, environ_base=remote
    )
    assert response.status_code == 404
    assert session.scalar(select(User)) is None


# -- set-password links ----------------------------------------------------------------------


def _token_for(app, user) -> str:
    with app.test_request_context():
        from portal.core.extensions import db

        _link, token = issue_link(db.session, db.session.merge(user), INVITE, now=utcnow())
        db.session.commit()
        return token


def test_set_password_link_works_once(app, client, klantmanager):
    new_password = "a brand new passphrase"
    url = f"/password/{_token_for(app, klantmanager)}"
    assert client.get(url).status_code == 200
    response = post_form(client, url, {"password": new_password, "password_confirm": new_password})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"

    assert _post_login(client, klantmanager.email, PASSWORD).status_code == 200  # old one fails
    assert _post_login(client, klantmanager.email, new_password).status_code == 302
    logout(client)

    assert client.get(url).status_code == 404  # used up


def test_set_password_rejects_a_short_password_and_keeps_the_link(app, client, klantmanager):
    url = f"/password/{_token_for(app, klantmanager)}"
    response = post_form(client, url, {"password": "short", "password_confirm": "short"})
    assert response.status_code == 200
    assert client.get(url).status_code == 200
    assert _post_login(client, klantmanager.email, PASSWORD).status_code == 302


@pytest.mark.parametrize("token", ["nonsense", "eyJ1aWQiOjF9.AAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBB"])
def test_invalid_set_password_token_answers_404(client, klantmanager, token):
    assert client.get(f"/password/{token}").status_code == 404


def test_set_password_link_of_an_inactive_user_answers_404(app, client, make_user, session):
    user = make_user(Role.KLANTMANAGER)
    url = f"/password/{_token_for(app, user)}"
    user.active = False
    session.commit()
    assert client.get(url).status_code == 404


# -- request size and CSRF -------------------------------------------------------------------


def test_oversized_body_answers_413(app, client):
    token = csrf_token(client.get("/login"))
    too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post(
        "/login", data={"email": "a@test.example", "password": too_big, "csrf_token": token}
    )
    assert response.status_code == 413
    assert "Te veel tekst" in response.text


def test_missing_csrf_token_answers_400_with_a_friendly_page(client, klantmanager):
    client.get("/login")
    response = client.post("/login", data={"email": klantmanager.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.text
    assert not _logged_in(client)


def test_expired_csrf_token_answers_400_with_a_friendly_page(
    app, client, klantmanager, monkeypatch
):
    limit = app.config["WTF_CSRF_TIME_LIMIT"]
    with monkeypatch.context() as m:
        m.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - limit - 60)
        token = csrf_token(client.get("/login"))
    response = client.post(
        "/login", data={"email": klantmanager.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 400
    assert "Het formulier is verlopen" in response.text
    assert not _logged_in(client)


def test_logout_without_csrf_token_does_not_log_out(client, klantmanager):
    login(client, klantmanager)
    response = client.post("/logout")
    assert response.status_code == 400
    assert _logged_in(client)


# -- language --------------------------------------------------------------------------------


def _html_lang(response) -> str:
    marker = '<html lang="'
    start = response.text.index(marker) + len(marker)
    return response.text[start : response.text.index('"', start)]


def _switch(client, locale: str, page: str = "/login"):
    return post_form(client, "/language", {"locale": locale, "next": page}, token_from=page)


def test_language_switch_while_logged_out(client):
    assert _html_lang(client.get("/login")) == "nl"
    response = _switch(client, "en")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert _html_lang(client.get("/login")) == "en"


def test_language_switch_while_logged_in_is_stored(client, klantmanager, session):
    login(client, klantmanager)
    response = _switch(client, "en", page="/")
    assert response.status_code == 302
    assert _html_lang(client.get("/")) == "en"
    session.expire_all()
    assert session.get(User, klantmanager.id).locale == "en"


def test_stored_language_returns_at_next_login(client, klantmanager):
    login(client, klantmanager)
    _switch(client, "en", page="/")
    logout(client)
    client.delete_cookie("session")
    login(client, klantmanager)
    assert _html_lang(client.get("/")) == "en"


@pytest.mark.parametrize("locale", ["xx", "de", "", "EN", "en-US"])
def test_unknown_language_keeps_the_current_one(app, client, locale):
    _switch(client, "en")
    response = _switch(client, locale)
    assert response.status_code == 302
    page = client.get("/login")
    assert _html_lang(page) == "en"
    with app.test_request_context(), force_locale("en"):
        message = gettext("Die taal kennen we niet.")
    assert html.escape(message) in page.text


def test_unknown_language_keeps_dutch_and_says_so(client):
    response = _switch(client, "fr")
    assert response.status_code == 302
    page = client.get("/login")
    assert _html_lang(page) == "nl"
    assert "Die taal kennen we niet." in page.text


def test_language_switch_does_not_redirect_off_site(client):
    token = csrf_token(client.get("/login"))
    response = client.post(
        "/language", data={"locale": "en", "next": "//evil.example", "csrf_token": token}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_first_visit_to_an_empty_portal_offers_setup(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/setup"
