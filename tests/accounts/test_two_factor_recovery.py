"""Two-factor login, issue 16 and issue 14 defect 6: recovery codes, the secret encrypted at rest,
a code accepted once across workers, and wrong codes counted server-side."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.accounts import recovery_codes, secret_box, two_factor
from portal.models import RecoveryCode, Role, User, utcnow
from tests.accounts.test_two_factor import _code, _code_step, _not, _password_step
from tests.helpers import PASSWORD, csrf_token, login, logout

CODE_RE = re.compile(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>")


def _enable(client, session, user) -> tuple[str, list[str]]:
    """Switch two-factor login on through the pages; returns the secret and the codes shown."""
    login(client, user)
    page = client.get("/settings/two-factor")
    with client.session_transaction() as cookie:
        secret = cookie["two_factor_setup_secret"]
    done = client.post(
        "/settings/two-factor", data={"code": _code(secret), "csrf_token": csrf_token(page)}
    )
    assert done.status_code == 200
    return secret, CODE_RE.findall(done.text)


def test_ten_recovery_codes_shown_once_stored_hashed_each_used_once(client, session, make_user):
    user = make_user(Role.KLANTMANAGER)
    _secret, codes = _enable(client, session, user)
    assert len(codes) == len(set(codes)) == 10
    stored = list(session.scalars(select(RecoveryCode.code_hash)))
    assert len(stored) == 10
    assert not any(c.replace("-", "") in h for c in codes for h in stored)  # only hashes
    assert "herstelcodes" in client.get("/settings/two-factor").text
    assert not CODE_RE.search(client.get("/settings/two-factor").text)  # never shown again
    logout(client)

    first = _code_step(client, _password_step(client, user), codes[3].upper().replace("-", " "))
    assert first.status_code == 302 and client.get("/settings").status_code == 200
    logout(client)
    again = _code_step(client, _password_step(client, user), codes[3])
    assert again.status_code == 400
    session.expire_all()
    assert recovery_codes.remaining(session, session.get(User, user.id)) == 9


def test_new_recovery_codes_need_a_code_and_void_the_old_ones(client, session, make_user):
    user = make_user(Role.KLANTMANAGER)
    secret, old = _enable(client, session, user)
    page = client.get("/settings/two-factor")
    refused = client.post(
        "/settings/two-factor/recovery-codes",
        data={"recovery-code": _not(_code(secret, 1)), "recovery-csrf_token": csrf_token(page)},
    )
    assert refused.status_code == 400
    fresh = client.post(
        "/settings/two-factor/recovery-codes",
        data={"recovery-code": _code(secret, 1), "recovery-csrf_token": csrf_token(page)},
    )
    new = CODE_RE.findall(fresh.text)
    assert len(new) == 10 and not set(new) & set(old)
    logout(client)
    assert _code_step(client, _password_step(client, user), old[0]).status_code == 400
    assert _code_step(client, _password_step(client, user), new[0]).status_code == 302


def test_the_secret_is_encrypted_with_the_configured_key(
    app, app_ctx, session, make_user, monkeypatch
):
    sealed = secret_box.seal("JBSWY3DPEHPK3PXP")
    assert sealed.startswith("f1:") and "JBSWY3DPEHPK3PXP" not in sealed
    assert secret_box.unseal(sealed) == "JBSWY3DPEHPK3PXP"
    monkeypatch.setitem(app.config, "TOTP_ENCRYPTION_KEY", "another key")
    assert secret_box.unseal(sealed) is None  # another key cannot open it
    assert secret_box.unseal(secret_box.seal("ABC")) == "ABC"


def test_a_secret_stored_before_encryption_still_works_and_is_sealed_on_use(
    app_ctx, session, with_2fa
):
    user, secret = with_2fa()
    assert user.totp_secret == secret  # as stored before issue 16
    assert two_factor.check_login_code(user, _code(secret), utcnow())
    session.commit()
    session.expire_all()
    assert secret_box.is_sealed(session.get(User, user.id).totp_secret)


def test_one_code_is_accepted_once_across_workers(app, app_ctx, with_2fa):
    """Two workers, each with its own database session, get the same code at the same moment."""
    user, secret = with_2fa()
    code, now = _code(secret), utcnow()
    maker = app.extensions["db_sessionmaker"]
    with maker() as first, maker() as second:
        one, two = first.get(User, user.id), second.get(User, user.id)  # both read the old step
        assert two_factor.check_login_code(one, code, now)
        first.commit()
        assert not two_factor.check_login_code(two, code, now)
        second.commit()


def test_wrong_codes_are_counted_server_side_not_in_the_cookie(client, session, with_2fa):
    user, secret = with_2fa()
    page = _password_step(client, user)
    early = client.get_cookie("session").value  # the half-finished login, before any wrong code
    for _ in range(4):
        page = _code_step(client, page, _not(_code(secret)))
        assert page.status_code == 400
    last = _code_step(client, page, _not(_code(secret)))
    assert last.status_code == 302 and last.headers["Location"].startswith("/login")
    client.set_cookie("session", early)  # replay the older cookie: no new tries
    replayed = _code_step(client, page, _code(secret))
    assert replayed.status_code == 302 and replayed.headers["Location"].startswith("/login")
    assert client.get("/settings").status_code == 302
    session.expire_all()
    assert session.get(User, user.id).totp_failures == 5
    # the right password starts a new count
    assert _code_step(client, _password_step(client, user), _code(secret, 1)).status_code == 302


@pytest.mark.parametrize("role", [Role.BEHEERDER])
def test_beheerders_must_use_two_factor_in_production(app, client, make_user, monkeypatch, role):
    from portal import create_app

    production = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    monkeypatch.setitem(app.config, "TWO_FACTOR_ROLES", production.config["TWO_FACTOR_ROLES"])
    login(client, make_user(role, teams=[]), PASSWORD)
    gated = client.get("/admin/users")
    assert gated.status_code == 302 and gated.headers["Location"] == "/settings/two-factor"
