"""The mail with a set-password link (an invitation or a reset), queued in the outbox like every
other mail and sent right after the request that asked for it (``send_message``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal.accounts.passwords import INVITE, link_lifetime, link_url
from portal.core import mail
from portal.models import OutboxMessage, PasswordLink, User


def organisation() -> str:
    return current_app.config.get("ORGANISATION_NAME") or ""


def compose(user: User, link: PasswordLink, token: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML in the recipient's language."""
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    hours = int(link_lifetime(link.purpose).total_seconds() // 3600)
    minutes = int(link_lifetime(link.purpose).total_seconds() // 60)
    with current_app.test_request_context(base_url=base), force_locale(user.locale or "nl"):
        if link.purpose == INVITE:
            subject = _("Je account voor het Reflectieportaal")
        else:
            subject = _("Een nieuw wachtwoord voor het Reflectieportaal")
        context = dict(
            user=user,
            invite=link.purpose == INVITE,
            url=link_url(token),
            hours=hours,
            minutes=minutes,
            forgot_url=f"{base}/password/forgot",
            organisation=organisation(),
            subject=subject,
        )
        text = render_template("mail/password_link.txt", **context)
        html = render_template("mail/password_link.html", **context)
    return subject, text, html


def queue_link_mail(
    session: Session, user: User, link: PasswordLink, token: str, *, now: datetime
) -> OutboxMessage:
    """Put the mail in the outbox (flushes; the caller commits, then calls ``send_message``)."""
    subject, text, html = compose(user, link, token)
    message = OutboxMessage(
        recipient_id=user.id,
        to_address=user.email,
        kind=f"password_{link.purpose}",
        dedup_key=f"password_link:{link.id}",
        subject=subject,
        body_text=text,
        body_html=html,
        attempts=0,
        created_at=now,
    )
    session.add(message)
    session.flush()
    return message


def send_message(session: Session, message_id: int, config: Any, *, now: datetime) -> str | None:
    """Send one queued message now (claimed first, so the regular sender never sends it twice);
    a failure stays in the outbox and ``reminders send`` retries it. Commits, like the sender."""
    if not mail.claim(session, message_id, now=now):
        return None
    message = session.get(OutboxMessage, message_id, populate_existing=True)
    return mail.send_one(session, message, config, now=now)
