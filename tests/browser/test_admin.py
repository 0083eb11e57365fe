"""Beheer in the browser (issue 16): a beheerder invites a klantmanager, who sets a password from
the mail and logs in; every admin page passes axe in nl and en and fits a 320 px screen."""

from __future__ import annotations

import re
import socket
import time
from email import message_from_bytes
from email import policy as email_policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from portal.frameworks.versions import current_framework
from portal.models import OutboxMessage, Role, StoryKind
from tests.browser.conftest import browser_login, check_axe, switch_locale
from tests.browser.test_reflow import PHONE, check_reflow
from tests.helpers import PASSWORD

NEW = "een eigen wachtwoord voor mij"


class _Collect:
    def __init__(self) -> None:
        self.received: list = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp(app, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = _Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="localhost")
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    yield handler
    controller.stop()


def _outbox(session) -> list[tuple]:
    """What the portal did with each queued mail, for the failure message."""
    session.rollback()
    rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    return [
        (m.kind, m.attempts, m.sent_at, m.skipped_at, m.next_attempt_at, m.last_error) for m in rows
    ]


def _link(handler, session, seconds: float = 30.0) -> str:
    """The set-password token in the newest mail; the mail goes out in the background, so on a
    loaded machine it may come a while after the page."""
    deadline = time.monotonic() + seconds
    while not handler.received and time.monotonic() < deadline:
        time.sleep(0.05)
    assert handler.received, f"no mail arrived; the outbox: {_outbox(session)}"
    mail = message_from_bytes(handler.received[-1].content, policy=email_policy.default)
    text = mail.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"https?://\S+/password/(?!forgot)(\S+)", text).group(1)


def test_beheerder_invites_a_klantmanager_who_sets_a_password_and_logs_in(
    page, live_server, session, make_user, team, smtp
):
    beheerder = make_user(Role.BEHEERDER, teams=[])
    browser_login(page, live_server, beheerder.email, PASSWORD)
    page.goto(f"{live_server}/admin/users")
    page.fill("#email", "nieuwe.km@test.example")
    page.fill("#name", "Nieuwe Klantmanager")
    page.check("input[name=roles][value=klantmanager]")
    page.select_option("#team", str(team.id))
    page.get_by_role("button", name="Uitnodiging sturen").click()
    page.wait_for_selector(".flash--success")
    token = _link(smtp, session)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login")

    page.goto(f"{live_server}/password/{token}")
    page.fill("#password", NEW)
    page.fill("#password_confirm", NEW)
    page.press("#password_confirm", "Enter")
    page.wait_for_url("**/login")
    page.fill("#email", "nieuwe.km@test.example")
    page.fill("#password", NEW)
    page.press("#password", "Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    assert "Nieuwe Klantmanager" in page.inner_text(".site-header__user")


def _admin_paths(session, team, person) -> list[str]:
    framework = current_framework(session, StoryKind.REFLECTION)
    return [
        "/admin/users",
        f"/admin/users/{person.id}",
        "/admin/teams",
        f"/admin/teams/{team.id}",
        "/admin/frameworks",
        f"/admin/frameworks/{framework.id}",
        f"/admin/frameworks/{framework.id}/languages",
        f"/admin/frameworks/{framework.id}/languages/ar",
        "/admin/audit",
        "/settings/password",
        "/privacy",
        "/accessibility",
    ]


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_admin_pages_pass_axe(page, live_server, session, make_user, team, locale):
    beheerder = make_user(Role.BEHEERDER, teams=[])
    person = make_user(Role.KLANTMANAGER)
    switch_locale(page, live_server, locale)
    browser_login(page, live_server, beheerder.email, PASSWORD)
    for path in _admin_paths(session, team, person):
        page.goto(f"{live_server}{path}")
        assert page.locator("html").get_attribute("lang") == locale, path
        check_axe(page, f"{path} ({locale})")


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_admin_pages_fit_a_phone(page, live_server, session, make_user, team, locale):
    page.set_viewport_size(PHONE)
    beheerder = make_user(Role.BEHEERDER, teams=[])
    person = make_user(Role.KLANTMANAGER, display_name="Fatima el Amrani-van den Berg")
    switch_locale(page, live_server, locale)
    browser_login(page, live_server, beheerder.email, PASSWORD)
    for path in _admin_paths(session, team, person):
        page.goto(f"{live_server}{path}")
        check_reflow(page, f"{path} ({locale})")
