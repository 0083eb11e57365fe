"""Set-password links (invitations and resets), kept server-side: a random token whose SHA-256 is
stored with an expiry; the link works once. Sending a new link voids the older open ones."""

from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal.models import PasswordLink, User

INVITE, RESET = "invite", "reset"


class LinkState(enum.StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_lifetime(purpose: str) -> timedelta:
    """72 hours for an invitation, ``RESET_LINK_MINUTES`` (default 60) for a reset."""
    if purpose == INVITE:
        return timedelta(hours=current_app.config["INVITE_LINK_HOURS"])
    return timedelta(minutes=current_app.config["RESET_LINK_MINUTES"])


def issue_link(
    session: Session, user: User, purpose: str, *, now: datetime
) -> tuple[PasswordLink, str]:
    """A new link for ``user`` (older open links stop working); returns the row and the token."""
    session.execute(
        update(PasswordLink)
        .where(
            PasswordLink.user_id == user.id,
            PasswordLink.used_at.is_(None),
            PasswordLink.expires_at > now,
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )
    token = secrets.token_urlsafe(32)
    link = PasswordLink(
        user_id=user.id,
        token_hash=_hash(token),
        purpose=purpose,
        created_at=now,
        expires_at=now + link_lifetime(purpose),
    )
    session.add(link)
    session.flush()
    return link, token


def link_url(token: str) -> str:
    return current_app.config["PORTAL_BASE_URL"].rstrip("/") + f"/password/{token}"


def find_link(
    session: Session, token: str, *, now: datetime
) -> tuple[PasswordLink | None, User | None, LinkState]:
    """The link behind ``token``, its user, and whether it may still be used."""
    if not token or len(token) > 200:
        return None, None, LinkState.UNKNOWN
    link = session.scalar(select(PasswordLink).where(PasswordLink.token_hash == _hash(token)))
    if link is None:
        return None, None, LinkState.UNKNOWN
    user = session.get(User, link.user_id)
    if user is None or not user.active:
        return None, None, LinkState.UNKNOWN
    if link.used_at is not None:
        return link, user, LinkState.USED
    if link.expires_at <= now:
        return link, user, LinkState.EXPIRED
    return link, user, LinkState.OK


def use_link(session: Session, link: PasswordLink, *, now: datetime) -> bool:
    """Mark ``link`` used; False when another request used it first (a conditional UPDATE, so
    two tabs posting at once set the password once)."""
    result = session.execute(
        update(PasswordLink)
        .where(
            PasswordLink.id == link.id,
            PasswordLink.used_at.is_(None),
            PasswordLink.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def open_invitation(session: Session, user: User, *, now: datetime) -> PasswordLink | None:
    """The user's newest invitation that still works (for the beheerder's list)."""
    return session.scalar(
        select(PasswordLink)
        .where(
            PasswordLink.user_id == user.id,
            PasswordLink.purpose == INVITE,
            PasswordLink.used_at.is_(None),
            PasswordLink.expires_at > now,
        )
        .order_by(PasswordLink.id.desc())
        .limit(1)
    )
