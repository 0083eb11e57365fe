"""Sending the outbox: claim each message, send it over SMTP (or console/file), retry with back-off.

A message is claimed with a conditional UPDATE (a lease in ``next_attempt_at``), so two senders
never send the same one; it is marked sent only after the server accepted it.

Unlike the domain services, the sender commits, and it does so on purpose: a claim must be visible
to every other sender before the SMTP conversation starts, and "sent" must be stored the moment the
server accepted the message, never held in a transaction that a later failure could roll back."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from ipaddress import ip_address
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from portal.models import OutboxMessage, User

log = logging.getLogger("portal.mail")

LEASE = timedelta(minutes=10)
BACKOFF = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=12)
MAX_ATTEMPTS = 10


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0


def _due(now: datetime) -> tuple[ColumnElement[bool], ...]:
    return (
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.skipped_at.is_(None),
        or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
    )


def claim(session: Session, message_id: int, *, now: datetime) -> bool:
    """Take the message for ``LEASE``; False when another sender has it (or it is done)."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, *_due(now))
        .values(next_attempt_at=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount == 1


def backoff(attempts: int) -> timedelta:
    """5 min, 10, 20, … capped at 12 hours, after ``attempts`` failed attempts."""
    return min(BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def mail_hostname(config: Any) -> str:
    """The name the portal gives itself in Message-IDs and to the SMTP server (EHLO):
    ``MAIL_HOSTNAME``, else the host of ``PORTAL_BASE_URL``. Never ``socket.getfqdn()``, the
    standard library's default, which asks DNS on every message and can hang where DNS is slow."""
    name = config.get("MAIL_HOSTNAME") or urlsplit(config.get("PORTAL_BASE_URL") or "").hostname
    return name or "localhost"


def _ehlo_name(hostname: str) -> str:
    """An address goes to EHLO as an address literal (RFC 5321 §4.1.3), a name as it is."""
    try:
        ip_address(hostname)
    except ValueError:
        return hostname
    return f"[{hostname}]"


def build_email(message: OutboxMessage, sender: str, hostname: str = "localhost") -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = make_msgid(idstring=message.dedup_key.replace(":", "."), domain=hostname)
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def deliver(email: EmailMessage, config: Any) -> None:
    """Hand ``email`` to the configured transport; raises on failure."""
    server = config.get("MAIL_SERVER") or "console"
    if server == "console":
        log.info("mail (console):\n%s", email.as_string())
        return
    if server.startswith("file:"):
        with Path(server[5:]).open("a", encoding="utf-8") as out:
            out.write(email.as_string() + "\n\n")
        return
    port = int(config.get("MAIL_PORT") or 25)
    smtp_class = smtplib.SMTP_SSL if config.get("MAIL_USE_SSL") else smtplib.SMTP
    local = _ehlo_name(mail_hostname(config))
    with smtp_class(server, port, local_hostname=local, timeout=30) as smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        refused = smtp.send_message(email)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)


def _skip_reason(recipient: User | None, message: OutboxMessage) -> str | None:
    if recipient is None:
        return None
    if not recipient.active:
        return "skipped: recipient deactivated"
    if message.kind in ("cycle_open", "reminder") and not recipient.email_reminders:
        return "skipped: e-mail reminders turned off"
    if message.attempts >= MAX_ATTEMPTS:
        return f"skipped: gave up after {message.attempts} attempts"
    return None


def send_one(session: Session, message: OutboxMessage, config: Any, *, now: datetime) -> str:
    """Send a claimed message; returns 'sent', 'failed' or 'skipped'."""
    recipient = session.get(User, message.recipient_id) if message.recipient_id else None
    reason = _skip_reason(recipient, message)
    if reason:
        message.skipped_at, message.last_error, message.next_attempt_at = now, reason, None
        session.commit()
        return "skipped"
    try:
        email = build_email(message, config["MAIL_DEFAULT_SENDER"], mail_hostname(config))
        deliver(email, config)
    except (smtplib.SMTPException, OSError) as error:
        message.attempts += 1
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.next_attempt_at = now + backoff(message.attempts)
        session.commit()
        log.warning("mail %s to %s failed: %s", message.id, message.to_address, error)
        return "failed"
    message.attempts += 1
    message.sent_at, message.last_error, message.next_attempt_at = now, None, None
    session.commit()
    return "sent"


def send_pending(session: Session, config: Any, *, now: datetime, limit: int = 500) -> SendReport:
    """Send every due message (oldest first); each one claimed before it is sent."""
    report = SendReport()
    ids = list(
        session.scalars(
            select(OutboxMessage.id).where(*_due(now)).order_by(OutboxMessage.id).limit(limit)
        )
    )
    session.commit()
    for message_id in ids:
        if not claim(session, message_id, now=now):
            continue
        message = session.get(OutboxMessage, message_id, populate_existing=True)
        outcome = send_one(session, message, config, now=now)
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def failed_messages(session: Session, *, limit: int = 20) -> list[OutboxMessage]:
    """Unsent messages with an error, newest first (for the beheerder)."""
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.last_error.is_not(None))
            .order_by(OutboxMessage.id.desc())
            .limit(limit)
        )
    )
