"""The one password rule, /password/forgot and set-password links (issue 16), mail through a real
local SMTP server."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from portal.accounts import link_mail, passwords
from portal.accounts.password_rule import common_passwords, password_problem
from portal.accounts.users import UserError, check_password_rules
from portal.models import AuditEvent, OutboxMessage, PasswordLink, Role, utcnow
from portal.views.mail_after import send_in_background
from tests.helpers import PASSWORD, csrf_token, login, post_form

NEW = "een heel nieuw wachtwoord"
SAME_ANSWER = "bij een account hoort"


# -- the rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "email", "ok"),
    [
        ("elf tekens!", None, False),  # 11
        ("twaalf teken", None, True),  # 12
        ("Anna.deVries@gemeente.nl", "anna.devries@gemeente.nl", False),
        ("anna.devries", "anna.devries@gemeente.nl", False),  # the part before the @
        ("Wachtwoord123", None, False),  # in the shipped list, whatever the case
        ("welkom123456", None, False),
        (PASSWORD, "km1@test.example", True),  # the fixtures' password passes
        ("demo-wachtwoord", "km1@demo.example", True),  # and the demo's
    ],
)
def test_password_rule(app_ctx, password, email, ok):
    assert (password_problem(password, email) is None) is ok


def test_common_password_list_is_shipped_and_checked_by_the_services(app_ctx):
    assert len(common_passwords()) >= 100
    with pytest.raises(UserError):
        check_password_rules("qwertyuiop123")


# -- /password/forgot --------------------------------------------------------------------------


def _without(response, *parts: str) -> str:
    text = response.text
    for part in (*parts, csrf_token(response)):
        text = text.replace(part, "")
    return text


def _forgot(client, address: str):
    return post_form(client, "/password/forgot", {"email": address})


def test_forgot_gives_the_same_answer_for_known_and_unknown_addresses(
    client, session, klantmanager, mailbox
):
    known = _forgot(client, klantmanager.email.upper())
    unknown = _forgot(client, "niemand@test.example")
    assert known.status_code == unknown.status_code == 200
    assert SAME_ANSWER in known.text and SAME_ANSWER in unknown.text
    assert _without(known, klantmanager.email.upper()) == _without(unknown, "niemand@test.example")
    received = mailbox.wait(1)
    assert [m["To"] for m in received] == [klantmanager.email]
    assert session.scalar(select(func.count(OutboxMessage.id))) == 1


def test_reset_link_from_the_mail_sets_the_password_once(
    app, client, session, klantmanager, mailbox
):
    elsewhere = app.test_client()
    login(elsewhere, klantmanager)
    _forgot(client, klantmanager.email)
    (link,) = [urlsplit(u).path for u in (mailbox.wait(1) and mailbox.links())]
    assert client.get(link).status_code == 200
    response = post_form(client, link, {"password": NEW, "password_confirm": NEW})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert elsewhere.get("/stories/mine").status_code == 302  # the old login ended
    login(client, klantmanager, NEW)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    again = client.get(link)
    assert again.status_code == 404
    assert "al gebruikt" in again.text and "/password/forgot" in again.text
    stored = session.scalar(select(PasswordLink))
    assert stored.used_at is not None
    assert len(stored.token_hash) == 64 and stored.token_hash not in link  # only a hash is stored
    actions = set(session.scalars(select(AuditEvent.action)))
    assert {"password_reset_requested", "password_set"} <= actions


def test_an_expired_link_says_so_and_offers_a_new_one(app, client, session, klantmanager):
    with app.test_request_context():
        from portal.core.extensions import db

        user = db.session.merge(klantmanager)
        link, token = passwords.issue_link(db.session, user, passwords.RESET, now=utcnow())
        link.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    page = client.get(f"/password/{token}")
    assert page.status_code == 404
    assert "verlopen" in page.text and "/password/forgot" in page.text


def test_a_new_link_voids_the_older_one(app, client, klantmanager):
    with app.test_request_context():
        from portal.core.extensions import db

        user = db.session.merge(klantmanager)
        _, first = passwords.issue_link(db.session, user, passwords.RESET, now=utcnow())
        _, second = passwords.issue_link(db.session, user, passwords.RESET, now=utcnow())
        db.session.commit()
    assert client.get(f"/password/{first}").status_code == 404
    assert client.get(f"/password/{second}").status_code == 200


def test_two_posts_with_one_link_set_the_password_once(app, session, klantmanager):
    with app.test_request_context():
        from portal.core.extensions import db

        link, _token = passwords.issue_link(
            db.session, db.session.merge(klantmanager), passwords.RESET, now=utcnow()
        )
        db.session.commit()
        assert passwords.use_link(db.session, link, now=utcnow()) is True
        assert passwords.use_link(db.session, link, now=utcnow()) is False


def test_set_password_page_refuses_a_weak_password_and_keeps_the_link(app, client, klantmanager):
    with app.test_request_context():
        from portal.core.extensions import db

        _, token = passwords.issue_link(
            db.session, db.session.merge(klantmanager), passwords.RESET, now=utcnow()
        )
        db.session.commit()
    url = f"/password/{token}"
    for bad in ("welkom123456", klantmanager.email, "kort"):
        response = post_form(client, url, {"password": bad, "password_confirm": bad})
        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.text
    mismatch = post_form(client, url, {"password": NEW, "password_confirm": NEW + "x"})
    assert "niet gelijk" in mismatch.text
    assert client.get(url).status_code == 200  # still works


def test_forgot_is_rate_limited_per_address(app, client, klantmanager, mailbox):
    limit = int(app.config["PASSWORD_RESET_RATE_LIMIT"].split()[0])
    for _ in range(limit):
        assert _forgot(client, klantmanager.email).status_code == 200
    assert _forgot(client, klantmanager.email).status_code == 429


def test_forgot_for_a_deactivated_account_sends_nothing(client, session, make_user, mailbox):
    user = make_user(Role.KLANTMANAGER, active=False)
    assert SAME_ANSWER in _forgot(client, user.email).text
    assert session.scalar(select(func.count(OutboxMessage.id))) == 0


def test_the_mail_goes_out_though_the_server_never_closes_the_response(
    app, session, klantmanager, mailbox
):
    """Werkzeug's server skips ``close`` when the browser resets the connection, as Chromium may
    on a redirect; the mail must not wait for it."""
    with app.test_request_context("/password/forgot"):
        link, token = passwords.issue_link(session, klantmanager, passwords.RESET, now=utcnow())
        message = link_mail.queue_link_mail(session, klantmanager, link, token, now=utcnow())
        session.commit()
        response = send_in_background("verstuurd", message.id)
    assert response.status_code == 200
    (sent,) = mailbox.wait(1)
    assert sent["To"] == klantmanager.email


def test_forgot_with_an_empty_address_comes_back_with_an_error(client):
    response = _forgot(client, "")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.text


# -- own password under /settings --------------------------------------------------------------


def test_own_password_change_needs_the_current_one_and_the_rule(client, klantmanager):
    login(client, klantmanager)
    wrong = post_form(
        client,
        "/settings/password",
        {"current_password": "niet het wachtwoord", "password": NEW, "password_confirm": NEW},
    )
    assert wrong.status_code == 400 and "niet je huidige wachtwoord" in wrong.text
    weak = post_form(
        client,
        "/settings/password",
        {
            "current_password": PASSWORD,
            "password": "wachtwoord123",
            "password_confirm": "wachtwoord123",
        },
    )
    assert weak.status_code == 400 and "te bekend" in weak.text
    ok = post_form(
        client,
        "/settings/password",
        {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
    )
    assert ok.status_code == 302
    assert client.get("/settings").status_code == 200  # still logged in here
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/"))})
    login(client, klantmanager, NEW)
