"""Sessions end server-side (issue 14, defects 1 and 2): an old session or remember-me cookie no
longer works after a logout, a new password, a two-factor reset or a deactivation, and nothing of
one visitor's session (a CSRF token, a two-factor set-up secret) survives a login or logout."""

from __future__ import annotations

from flask import session as flask_session

from portal.accounts import sessions
from portal.accounts.passwords import RESET, issue_link
from portal.models import Role, User, utcnow
from tests.helpers import PASSWORD, csrf_token, login, logout, post_form


def _cookies(client) -> dict[str, str]:
    return {
        name: client.get_cookie(name).value
        for name in ("session", "remember_token")
        if client.get_cookie(name) is not None
    }


def _replay(app, cookies: dict[str, str], url: str = "/settings") -> int:
    """The status another browser gets for ``url`` with exactly these cookies."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other.get(url).status_code


def _login_remembered(client, user) -> None:
    token = csrf_token(client.get("/login"))
    data = {"email": user.email, "password": PASSWORD, "csrf_token": token, "remember": "y"}
    assert client.post("/login", data=data).status_code == 302


def test_a_login_carries_the_session_version(client, klantmanager):
    login(client, klantmanager)
    with client.session_transaction() as stored:
        assert stored["_user_id"] == f"{klantmanager.id}:1"


def test_after_logout_the_old_session_cookie_is_refused(app, client, klantmanager):
    login(client, klantmanager)
    old = {"session": client.get_cookie("session").value}
    assert _replay(app, old) == 200
    logout(client)
    assert _replay(app, old) == 302


def test_after_logout_the_old_remember_cookie_is_refused(app, client, klantmanager):
    _login_remembered(client, klantmanager)
    remember = {"remember_token": client.get_cookie("remember_token").value}
    assert _replay(app, remember) == 200
    logout(client)
    assert _replay(app, remember) == 302


def test_logout_ends_the_sessions_in_other_browsers_too(app, client, klantmanager):
    other = app.test_client()
    login(other, klantmanager)
    login(client, klantmanager)
    logout(client)
    assert other.get("/settings").status_code == 302


def test_a_new_password_ends_every_old_session_and_remember_cookie(
    app, client, session, klantmanager
):
    _login_remembered(client, klantmanager)
    both = _cookies(client)
    anonymous = app.test_client()
    with app.test_request_context():
        from portal.core.extensions import db

        _link, token = issue_link(db.session, db.session.merge(klantmanager), RESET, now=utcnow())
        db.session.commit()
    url = f"/password/{token}"
    new = "a brand new password"
    response = post_form(anonymous, url, {"password": new, "password_confirm": new})
    assert response.status_code == 302
    assert _replay(app, both) == 302
    assert _replay(app, {"remember_token": both["remember_token"]}) == 302


def test_a_two_factor_reset_ends_every_session(app, client, runner, with_2fa):
    user, _secret = with_2fa(Role.KLANTMANAGER)
    with app.test_request_context():
        sessions.start(user)  # as if the code step had been passed
        cookie_value = flask_session["_user_id"]
    assert cookie_value.endswith(":1")
    login_client = app.test_client()
    with login_client.session_transaction() as stored:
        stored["_user_id"], stored["_fresh"] = cookie_value, True
    assert login_client.get("/settings").status_code == 200
    result = runner.invoke(args=["users", "reset-2fa", user.email])
    assert result.exit_code == 0, result.output
    assert login_client.get("/settings").status_code == 302


def test_a_deactivated_user_is_logged_out_at_once(app, client, session, klantmanager):
    _login_remembered(client, klantmanager)
    both = _cookies(client)
    klantmanager.active = False
    session.commit()
    assert client.get("/settings").status_code == 302
    assert _replay(app, {"remember_token": both["remember_token"]}) == 302


def test_end_sessions_raises_the_version(app, session, klantmanager):
    with app.app_context():
        from portal.core.extensions import db

        user = db.session.get(User, klantmanager.id)
        sessions.end_sessions(user)
        db.session.commit()
    session.refresh(klantmanager)
    assert klantmanager.session_version == 2
    assert klantmanager.get_id() == f"{klantmanager.id}:2"


def test_the_loader_refuses_malformed_and_stale_ids(app, klantmanager):
    with app.app_context():
        assert sessions.load_user(f"{klantmanager.id}:1").id == klantmanager.id
        for bad in (str(klantmanager.id), f"{klantmanager.id}:2", "x:1", ":", "9" * 40 + ":1", ""):
            assert sessions.load_user(bad) is None, bad


# -- defect 2: nothing of the visitor before survives a login or logout ----------------------------


def test_a_csrf_token_from_before_login_is_refused_after_it(client, klantmanager):
    before = csrf_token(client.get("/login"))
    data = {"email": klantmanager.email, "password": PASSWORD, "csrf_token": before}
    assert client.post("/login", data=data).status_code == 302
    response = client.post("/settings", data={"locale": "en", "csrf_token": before})
    assert response.status_code == 400
    after = csrf_token(client.get("/settings"))
    assert after != before


def test_a_csrf_token_from_before_logout_is_refused_after_it(client, klantmanager):
    login(client, klantmanager)
    before = csrf_token(client.get("/settings"))
    assert client.post("/logout", data={"csrf_token": before}).status_code == 302
    data = {"email": klantmanager.email, "password": PASSWORD, "csrf_token": before}
    assert client.post("/login", data=data).status_code == 400


def test_a_two_factor_setup_secret_does_not_reach_the_next_person(client, make_user):
    first, second = make_user(Role.KLANTMANAGER), make_user(Role.KLANTMANAGER)
    login(client, first)
    client.get("/settings/two-factor")
    with client.session_transaction() as stored:
        secret = stored["two_factor_setup_secret"]
    logout(client)
    with client.session_transaction() as stored:
        assert "two_factor_setup_secret" not in stored
    login(client, second)
    assert secret.encode() not in client.get("/settings/two-factor").data


def test_a_login_keeps_the_chosen_language(client, klantmanager):
    with client.session_transaction() as stored:
        stored["locale"] = "en"
    login(client, klantmanager)
    with client.session_transaction() as stored:
        assert stored["locale"] == "en"
