"""``reminders send``: who gets which message when, each exactly once, and sending over SMTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from portal.core import mail as mailer
from portal.cycles.prompts import DEFAULT_BANK
from portal.cycles.reminders import OPEN, REMINDER, queue_reminders
from portal.cycles.schedule import ensure_cycle
from portal.models import CycleSkip, OutboxMessage, Role

NOW = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
OPEN_DAY = date(2026, 1, 6)  # cycle 1 runs 5–18 January 2026
REMINDER_DAY = date(2026, 1, 15)  # 3 days before the last day


def _messages(session) -> list[OutboxMessage]:
    session.expire_all()
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _keys(session) -> set[str]:
    return {m.dedup_key for m in _messages(session)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collect:
    def __init__(self) -> None:
        self.received: list = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        return "250 OK"


class Refuse(Collect):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 mailbox unavailable"


@pytest.fixture
def smtp():
    started = []

    def start(handler):
        controller = Controller(
            handler, hostname="127.0.0.1", port=_free_port(), server_hostname="localhost"
        )
        controller.start()
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.stop()


def _config(app, port: int) -> dict:
    return {**app.config, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port}


def test_cycle_open_message_goes_to_active_klantmanagers_with_reminders_on(
    app_ctx, session, make_user
):
    km = make_user(Role.KLANTMANAGER)
    make_user(Role.KLANTMANAGER, email_reminders=False)
    make_user(Role.KLANTMANAGER, active=False)
    make_user(Role.COACH)
    report = queue_reminders(session, now=NOW, today=OPEN_DAY)
    assert report.queued == 1
    [message] = _messages(session)
    assert (message.recipient_id, message.kind) == (km.id, OPEN)
    assert message.dedup_key == f"{km.id}:{report.cycles[0].id}:{OPEN}"
    assert "Ronde 1 is begonnen" in message.subject


def test_reminder_only_for_those_who_neither_wrote_nor_skipped(
    app_ctx, session, make_user, make_story, team
):
    silent, writer, skipper = (make_user(Role.KLANTMANAGER) for _ in range(3))
    make_story(author=writer, submitted=True, written_on=date(2026, 1, 7))
    make_story(author=skipper, submitted=False, written_on=date(2026, 1, 7))  # a draft: no story
    cycle = ensure_cycle(session, team, REMINDER_DAY)
    session.add(CycleSkip(user_id=skipper.id, cycle_id=cycle.id, reason="vakantie"))
    session.commit()
    queue_reminders(session, now=NOW, today=REMINDER_DAY)
    reminders = [m for m in _messages(session) if m.kind == REMINDER]
    assert [m.recipient_id for m in reminders] == [silent.id]
    assert "nog geen verhaal" in reminders[0].body_text


def test_running_twice_or_with_a_past_date_queues_each_message_once(
    app_ctx, session, make_user, make_team
):
    make_user(Role.KLANTMANAGER)
    make_team("Zonder start", cycle_start=None)  # no start date: skipped, no crash
    first = queue_reminders(session, now=NOW, today=OPEN_DAY)
    assert first.teams_without_start == ["Zonder start"]
    assert queue_reminders(session, now=NOW, today=OPEN_DAY).queued == 0
    queue_reminders(session, now=NOW, today=REMINDER_DAY)
    queue_reminders(session, now=NOW, today=OPEN_DAY)  # back in the past
    queue_reminders(session, now=NOW, today=REMINDER_DAY)
    assert len(_messages(session)) == 2
    assert {m.kind for m in _messages(session)} == {OPEN, REMINDER}


def test_two_processes_at_once_queue_and_send_each_message_once(
    app, session, make_user, database_url, tmp_path
):
    people = [make_user(Role.KLANTMANAGER) for _ in range(5)]
    outbox = tmp_path / "mail.txt"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "x",
        "MAIL_SERVER": f"file:{outbox}",
        "PORTAL_BASE_URL": "http://portal.test",
    }
    command = [sys.executable, "-m", "flask", "--app", "portal", "reminders", "send"]
    procs = [
        subprocess.Popen(
            [*command, "--today", OPEN_DAY.isoformat()],
            env=env,
            cwd=Path(__file__).resolve().parents[2],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    messages = _messages(session)
    assert len(messages) == len(people)
    assert all(m.sent_at is not None for m in messages)
    mail = outbox.read_text()
    assert mail.count("Subject: Ronde 1 is begonnen") == len(people)
    for person in people:
        assert mail.count(f"To: {person.email}") == 1


def test_sending_through_a_real_smtp_server(app, app_ctx, session, make_user, smtp):
    nl = make_user(Role.KLANTMANAGER, locale="nl")
    en = make_user(Role.KLANTMANAGER, locale="en")
    handler = Collect()
    server = smtp(handler)
    queue_reminders(session, now=NOW, today=OPEN_DAY)
    report = mailer.send_pending(session, _config(app, server.port), now=NOW)
    assert (report.sent, report.failed) == (2, 0)
    by_rcpt = {
        e.rcpt_tos[0]: message_from_bytes(e.content, policy=policy.default)
        for e in handler.received
    }
    assert set(by_rcpt) == {nl.email, en.email}
    cycle_id = _messages(session)[0].dedup_key.split(":")[1]
    for person, (prompt_nl, prompt_en) in ((nl, DEFAULT_BANK[0]), (en, DEFAULT_BANK[0])):
        mail = by_rcpt[person.email]
        assert mail.get_content_type() == "multipart/alternative"
        text = mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert f"http://portal.test/stories/new?cycle={cycle_id}" in text
        assert f'href="http://portal.test/stories/new?cycle={cycle_id}"' in html
        assert "http://portal.test/settings" in text
        expected, other = (prompt_en, prompt_nl) if person is en else (prompt_nl, prompt_en)
        assert expected in text and other not in text
        assert f'lang="{person.locale}"' in html
    assert all(m.sent_at and m.attempts == 1 for m in _messages(session))
    # nothing left: a second run sends nothing
    assert mailer.send_pending(session, _config(app, server.port), now=NOW).sent == 0


def test_refused_recipient_is_kept_for_retry_with_the_error(app, app_ctx, session, make_user, smtp):
    make_user(Role.KLANTMANAGER)
    refusing = smtp(Refuse())
    queue_reminders(session, now=NOW, today=OPEN_DAY)
    report = mailer.send_pending(session, _config(app, refusing.port), now=NOW)
    assert (report.sent, report.failed) == (0, 1)
    [message] = _messages(session)
    assert message.sent_at is None and message.attempts == 1
    assert "550" in message.last_error
    assert message.next_attempt_at == NOW + mailer.backoff(1)
    # not due yet; later, with a working server, it goes out
    good = smtp(Collect())
    assert mailer.send_pending(session, _config(app, good.port), now=NOW).sent == 0
    later = NOW + timedelta(hours=1)
    assert mailer.send_pending(session, _config(app, good.port), now=later).sent == 1
    [message] = _messages(session)
    assert message.sent_at == later and message.last_error is None and message.attempts == 2


def test_server_down_is_kept_for_retry_with_back_off(app, app_ctx, session, make_user):
    make_user(Role.KLANTMANAGER)
    queue_reminders(session, now=NOW, today=OPEN_DAY)
    port = _free_port()  # nothing listens here
    assert mailer.send_pending(session, _config(app, port), now=NOW).failed == 1
    later = NOW + timedelta(minutes=6)
    assert mailer.send_pending(session, _config(app, port), now=later).failed == 1
    [message] = _messages(session)
    assert message.sent_at is None and message.attempts == 2
    assert "Connection refused" in message.last_error or "Errno" in message.last_error
    assert message.next_attempt_at == later + timedelta(minutes=10)


def test_deactivated_recipient_is_not_sent(app, app_ctx, session, make_user, smtp):
    km = make_user(Role.KLANTMANAGER)
    handler = Collect()
    server = smtp(handler)
    queue_reminders(session, now=NOW, today=OPEN_DAY)
    km.active = False
    session.commit()
    report = mailer.send_pending(session, _config(app, server.port), now=NOW)
    assert (report.sent, report.skipped) == (0, 1)
    assert handler.received == []
    [message] = _messages(session)
    assert message.sent_at is None and message.skipped_at is not None
    assert "deactivated" in message.last_error
    assert mailer.send_pending(session, _config(app, server.port), now=NOW).skipped == 0


def test_a_claimed_message_is_not_sent_by_a_second_sender(app, app_ctx, session, make_user):
    make_user(Role.KLANTMANAGER)
    queue_reminders(session, now=NOW, today=OPEN_DAY)
    [message] = _messages(session)
    assert mailer.claim(session, message.id, now=NOW) is True
    assert mailer.claim(session, message.id, now=NOW) is False
    assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


def test_cli_reports_counts(runner, make_user):
    make_user(Role.KLANTMANAGER)
    result = runner.invoke(args=["reminders", "send", "--today", "2026-01-06"])
    assert result.exit_code == 0, result.output
    assert "1 message(s) queued" in result.output
    assert "1 sent" in result.output  # MAIL_SERVER=console in tests


class Greeted(Collect):
    """Also keeps the name each client gave in its EHLO."""

    def __init__(self) -> None:
        super().__init__()
        self.ehlo: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.ehlo.append(session.host_name)
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.parametrize(
    ("settings", "name", "ehlo"),
    [
        ({}, "portal.test", "portal.test"),
        ({"MAIL_HOSTNAME": "mail.gemeente.example"}, "mail.gemeente.example", None),
        ({"PORTAL_BASE_URL": "http://127.0.0.1:5000"}, "127.0.0.1", "[127.0.0.1]"),
    ],
)
def test_the_portal_names_itself_without_asking_dns(
    app, app_ctx, session, make_user, smtp, monkeypatch, settings, name, ehlo
):
    """socket.getfqdn() (smtplib's and make_msgid's default) can hang for seconds per message where
    DNS is slow; the name comes from the settings instead."""

    def no_dns(*args):
        raise AssertionError("socket.getfqdn() was called")

    monkeypatch.setattr(socket, "getfqdn", no_dns)
    make_user(Role.KLANTMANAGER)
    handler = Greeted()
    server = smtp(handler)
    queue_reminders(session, now=NOW, today=OPEN_DAY)
    config = {**_config(app, server.port), **settings}
    assert mailer.send_pending(session, config, now=NOW).sent == 1
    assert handler.ehlo == [ehlo or name]
    mail = message_from_bytes(handler.received[0].content, policy=policy.default)
    assert mail["Message-ID"].endswith(f"@{name}>")
