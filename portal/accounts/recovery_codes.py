"""Ten recovery codes per user for when the phone is lost: shown once when made, stored as keyed
hashes (HMAC-SHA256 with the ``SECRET_KEY``; a code has 50 random bits), each accepted once (a
conditional UPDATE, so two requests with one code log in once)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime

from flask import current_app
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from portal.models import RecoveryCode, User

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to copy from paper
_CODE_RE = re.compile(r"^[a-z0-9]{10}$")


def _hash(user_id: int, code: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"recovery:{user_id}:{code}".encode(), hashlib.sha256).hexdigest()


def normalise(code: str | None) -> str | None:
    """Ten letters and digits, or None; case, spaces and dashes do not matter."""
    plain = re.sub(r"[\s-]", "", code or "").lower()
    return plain if _CODE_RE.match(plain) else None


def new_codes(session: Session, user: User, *, now: datetime) -> list[str]:
    """Ten fresh codes (``abcde-fghjk``); older ones stop working. Flushes; the caller commits."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(10)) for _ in range(COUNT)]
    session.add_all(
        RecoveryCode(user_id=user.id, code_hash=_hash(user.id, c), created_at=now) for c in codes
    )
    session.flush()
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def use_code(session: Session, user: User, code: str | None, *, now: datetime) -> bool:
    """True when ``code`` is one of the user's unused codes; it is used up at once."""
    plain = normalise(code)
    if plain is None:
        return False
    result = session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(user.id, plain),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def remaining(session: Session, user: User) -> int:
    return (
        session.scalar(
            select(func.count(RecoveryCode.id)).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        )
        or 0
    )


def forget(session: Session, user: User) -> None:
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
