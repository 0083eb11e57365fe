"""The login rate limit: failed attempts per address and per e-mail address tried; successful
logins never count (issue 12, defect 7)."""

from __future__ import annotations

from portal.models import Role
from tests.accounts.test_auth import _logged_in, _post_login
from tests.accounts.test_two_factor import _code, _code_step, _not, _password_step
from tests.helpers import PASSWORD, csrf_token


def test_eleventh_quick_login_attempt_is_refused(client, klantmanager):
    token = csrf_token(client.get("/login"))
    data = {"email": klantmanager.email, "password": "wrong password", "csrf_token": token}
    statuses = [client.post("/login", data=data).status_code for _ in range(10)]
    assert statuses == [200] * 10
    response = client.post("/login", data=data)
    assert response.status_code == 429
    assert "Even wachten" in response.text
    # Even the right password is refused while the limit holds.
    response = client.post("/login", data={**data, "password": PASSWORD})
    assert response.status_code == 429
    assert not _logged_in(client)


def test_thirty_colleagues_behind_one_office_address_all_log_in_within_a_minute(app, make_user):
    """Successful logins do not count towards the limit (issue 12, defect 7)."""
    colleagues = [make_user(Role.KLANTMANAGER) for _ in range(30)]
    for person in colleagues:
        client = app.test_client()  # one browser each, all from 127.0.0.1
        assert _post_login(client, person.email, PASSWORD).status_code == 302, person.email


def test_guessing_one_account_from_many_addresses_is_refused_by_the_eleventh_try(
    client, klantmanager
):
    token = csrf_token(client.get("/login"))
    data = {"email": klantmanager.email.upper(), "password": "wrong password", "csrf_token": token}
    statuses = [
        client.post(
            "/login", data=data, environ_base={"REMOTE_ADDR": f"198.51.100.{i}"}
        ).status_code
        for i in range(11)
    ]
    assert statuses == [200] * 10 + [429]


def test_trying_many_accounts_from_one_address_is_refused_by_the_eleventh_try(client):
    token = csrf_token(client.get("/login"))
    statuses = [
        client.post(
            "/login",
            data={"email": f"x{i}@example.nl", "password": "wrong", "csrf_token": token},
        ).status_code
        for i in range(11)
    ]
    assert statuses == [200] * 10 + [429]


def test_viewing_the_login_form_is_not_rate_limited(client):
    for _ in range(15):
        assert client.get("/login").status_code == 200


def test_eleven_colleagues_behind_one_address_pass_the_code_step(app, with_2fa):
    """Right codes never count towards the limit either, only wrong ones."""
    for _ in range(11):
        user, secret = with_2fa(Role.VERHALENBEGELEIDER)
        client = app.test_client()
        page = _password_step(client, user)
        assert _code_step(client, page, _code(secret)).status_code == 302, user.email


def test_the_eleventh_wrong_code_from_one_address_is_refused(app, with_2fa):
    statuses = []
    for _ in range(3):  # a user is sent back to the password after five wrong codes
        user, secret = with_2fa(Role.VERHALENBEGELEIDER)
        client = app.test_client()
        page = _password_step(client, user)
        for _ in range(4):
            response = _code_step(client, page, _not(_code(secret)))
            statuses.append(response.status_code)
            if response.status_code == 400:
                page = response
    assert statuses[:10] == [400] * 10 and statuses[10] == 429
