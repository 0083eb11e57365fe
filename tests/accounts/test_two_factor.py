"""Two-factor login (DESIGN §9): the code step, setting it up, the gate for the roles that need
it, switching it off, and the beheerder's reset."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlalchemy import select

from portal import create_app
from portal.accounts import two_factor
from portal.models import AuditEvent, Role, User
from portal.views.auth.two_factor import PENDING, SETUP_SECRET
from tests.helpers import PASSWORD, csrf_token, login, logout

NOW = datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC)


def _code(secret: str, steps_from_now: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_from_now)


def _not(code: str) -> str:
    """Six digits that are not ``code``."""
    return "000000" if code != "000000" else "111111"


@pytest.fixture
def required(app, monkeypatch):
    """The production default: verhalenbegeleiders and onderzoekers must use it."""
    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", ("verhalenbegeleider", "onderzoeker"))


def _password_step(client, user, next_url: str | None = None, **extra):
    token = csrf_token(client.get("/login"))
    url = f"/login?next={next_url}" if next_url else "/login"
    return client.post(
        url, data={"email": user.email, "password": PASSWORD, "csrf_token": token, **extra}
    )


def _code_step(client, page, code: str, next_url: str | None = None, **extra):
    url = f"/login/code?next={next_url}" if next_url else "/login/code"
    return client.post(url, data={"code": code, "csrf_token": csrf_token(page), **extra})


# --- settings -----------------------------------------------------------------------------------


def test_roles_default_to_design_in_production_and_to_nobody_in_tests(monkeypatch):
    production = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert production.config["TWO_FACTOR_ROLES"] == (
        "verhalenbegeleider",
        "onderzoeker",
        "beheerder",
    )
    testing = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert testing.config["TWO_FACTOR_ROLES"] == ()
    chosen = create_app(
        {"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://", "TWO_FACTOR_ROLES": ()}
    )
    assert chosen.config["TWO_FACTOR_ROLES"] == ()
    with pytest.raises(RuntimeError, match="unknown role"):
        create_app({"TESTING": True, "TWO_FACTOR_ROLES": ("admin",)})


# --- the service --------------------------------------------------------------------------------


def test_codes_fit_their_step_with_one_step_of_drift_and_never_twice(app_ctx, session, make_user):
    user = make_user()
    secret = two_factor.new_secret()
    totp = pyotp.TOTP(secret)
    assert not two_factor.enable(session, user, secret, _not(totp.at(NOW)), NOW)
    assert two_factor.enable(session, user, secret, totp.at(NOW), NOW)
    assert two_factor.enabled(user)
    assert not two_factor.check_login_code(user, totp.at(NOW), NOW)  # used to switch it on
    later = NOW + timedelta(seconds=30)
    assert two_factor.check_login_code(user, totp.at(later), NOW)  # a phone 30 s ahead
    assert not two_factor.check_login_code(user, totp.at(later), NOW)  # not a second time
    far = NOW + timedelta(seconds=90)
    assert not two_factor.check_login_code(user, totp.at(far), NOW)  # beyond the drift
    spaced = totp.at(NOW + timedelta(minutes=5))
    assert two_factor.check_login_code(
        user, f" {spaced[:3]} {spaced[3:]} ", NOW + timedelta(minutes=5)
    )
    assert two_factor.normalise("12345") is None and two_factor.normalise("12a456") is None
    two_factor.disable(session, user)
    assert not two_factor.enabled(user) and user.totp_secret is None


def test_the_qr_code_is_an_accessible_inline_svg_without_style_or_script():
    secret = two_factor.new_secret()
    uri = two_factor.provisioning_uri(secret, "kim@example.nl")
    assert uri.startswith("otpauth://totp/Reflectieportaal:kim%40example.nl?secret=")
    svg = str(two_factor.qr_svg(uri, "QR"))
    assert svg.startswith('<svg role="img"') and "<title>QR</title>" in svg
    assert "style=" not in svg and "<script" not in svg and "<image" not in svg
    assert two_factor.grouped("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP"


# --- logging in with a code ---------------------------------------------------------------------


def test_password_alone_does_not_log_in_the_code_does(client, session, with_2fa):
    user, secret = with_2fa()
    page = _password_step(client, user)
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.text
    assert client.get("/settings").status_code == 302  # not logged in yet

    wrong = _code_step(client, page, _not(_code(secret)))
    assert wrong.status_code == 400 and "klopt niet" in wrong.text
    assert client.get("/settings").status_code == 302

    right = _code_step(client, wrong, _code(secret))
    assert right.status_code == 302 and right.headers["Location"] == "/"
    assert client.get("/settings").status_code == 200
    actions = session.scalars(
        select(AuditEvent.action).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.id)
    )
    assert list(actions) == ["login_code_failed", "login"]


def test_a_used_code_does_not_work_a_second_time(client, with_2fa):
    user, secret = with_2fa()
    code = _code(secret)
    assert _code_step(client, _password_step(client, user), code).status_code == 302
    logout(client)
    again = _code_step(client, _password_step(client, user), code)
    assert again.status_code == 400 and "al gebruikt" in again.text


def test_next_survives_the_code_step_but_not_to_another_site(client, with_2fa):
    user, secret = with_2fa()
    page = _password_step(client, user, next_url="/stories/mine")
    done = _code_step(client, page, _code(secret), next_url="/stories/mine")
    assert done.headers["Location"] == "/stories/mine"
    logout(client)
    page = _password_step(client, user, next_url="https://evil.example/")
    done = _code_step(client, page, _code(secret, 1), next_url="https://evil.example/")
    assert done.headers["Location"] == "/"


def test_five_wrong_codes_send_you_back_to_the_password(client, with_2fa):
    user, secret = with_2fa()
    page = _password_step(client, user)
    wrong = _not(_code(secret))
    for _ in range(4):
        page = _code_step(client, page, wrong)
        assert page.status_code == 400
    last = _code_step(client, page, wrong)
    assert last.status_code == 302 and last.headers["Location"].startswith("/login")
    with client.session_transaction() as cookie:
        assert PENDING not in cookie


def test_the_code_step_expires_after_five_minutes(client, with_2fa):
    user, secret = with_2fa()
    page = _password_step(client, user)
    with client.session_transaction() as cookie:
        cookie[PENDING] = {**cookie[PENDING], "at": int(time.time()) - 301}
    late = _code_step(client, page, _code(secret))
    assert late.status_code == 302 and late.headers["Location"].startswith("/login")
    assert client.get("/settings").status_code == 302


def test_text_of_an_expired_session_survives_both_login_steps(client, with_2fa):
    user, secret = with_2fa()
    carried = {"rescue_target": "/stories/new", "rescue-body_md": "Tekst die niet weg mag"}
    page = _password_step(client, user, **carried)
    assert "Tekst die niet weg mag" in page.text  # carried on the code form
    done = _code_step(client, page, _code(secret), **carried)
    assert done.status_code == 200 and "Tekst die niet weg mag" in done.text
    assert 'action="/stories/new"' in done.text


# --- the gate and the set-up --------------------------------------------------------------------


def test_a_verhalenbegeleider_sets_it_up_before_anything_else(client, session, make_user, required):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    login(client, vb)
    gated = client.get("/respondents")
    assert gated.status_code == 302 and gated.headers["Location"] == "/settings/two-factor"
    page = client.get("/settings/two-factor")
    assert page.status_code == 200 and "<svg" in page.text and "verplicht" in page.text
    with client.session_transaction() as cookie:
        secret = cookie[SETUP_SECRET]
    assert two_factor.grouped(secret) in page.text

    wrong = client.post(
        "/settings/two-factor", data={"code": "12345", "csrf_token": csrf_token(page)}
    )
    assert wrong.status_code == 400 and client.get("/respondents").status_code == 302
    done = client.post(
        "/settings/two-factor", data={"code": _code(secret), "csrf_token": csrf_token(page)}
    )
    assert done.status_code == 200 and "herstelcodes" in done.text  # shown once
    assert done.headers["Cache-Control"] == "no-store"
    assert client.get("/respondents").status_code == 200
    session.expire_all()
    stored = session.get(User, vb.id)
    assert stored.totp_secret is None and stored.totp_secret_sealed.startswith("f1:")
    assert secret not in stored.totp_secret_sealed
    assert stored.totp_enabled_at is not None
    assert session.scalar(
        select(AuditEvent.action).where(AuditEvent.action.like("two_factor%"))
    ) == ("two_factor.enable")


def test_a_klantmanager_is_not_gated_and_may_switch_it_on_and_off(
    client, session, make_user, required, with_2fa
):
    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    assert client.get("/stories/mine").status_code == 200
    assert "Staat uit." in client.get("/settings").text
    logout(client)

    user, secret = with_2fa(Role.KLANTMANAGER)
    _code_step(client, _password_step(client, user), _code(secret))
    page = client.get("/settings/two-factor")
    assert "uitzetten" in page.text
    off = client.post(
        "/settings/two-factor/disable",
        data={"code": _code(secret, 1), "csrf_token": csrf_token(page)},
    )
    assert off.status_code == 302
    session.expire_all()
    assert not two_factor.enabled(session.get(User, user.id))


def test_a_required_role_cannot_switch_it_off(client, session, required, with_2fa):
    user, secret = with_2fa(Role.ONDERZOEKER)
    _code_step(client, _password_step(client, user), _code(secret))
    page = client.get("/settings/two-factor")
    assert "uitzetten" not in page.text
    refused = client.post(
        "/settings/two-factor/disable",
        data={"code": _code(secret, 1), "csrf_token": csrf_token(page)},
    )
    assert refused.status_code == 302 and refused.headers["Location"] == "/settings/two-factor"
    session.expire_all()
    assert two_factor.enabled(session.get(User, user.id))


# --- the beheerder's reset ----------------------------------------------------------------------


def test_reset_from_the_command_line(runner, session, with_2fa):
    user, _secret = with_2fa(Role.VERHALENBEGELEIDER)
    result = runner.invoke(args=["users", "reset-2fa", user.email])
    assert result.exit_code == 0 and "off for" in result.output
    session.expire_all()
    assert not two_factor.enabled(session.get(User, user.id))
    again = runner.invoke(args=["users", "reset-2fa", user.email])
    assert "nothing changed" in again.output
    unknown = runner.invoke(args=["users", "reset-2fa", "niemand@example.nl"])
    assert unknown.exit_code != 0
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "two_factor.reset"))
    assert [e.object_id for e in events] == [user.id]
