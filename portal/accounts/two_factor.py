"""Two-factor login with a time-based code (TOTP, RFC 6238) from an authenticator app.

DESIGN §9 requires it for the roles that can read interviews or exports (verhalenbegeleider,
onderzoeker), and issue 16 for beheerders; anyone else may switch it on. The secret is stored only once the user has shown a
correct code from their app, so a half-finished set-up never locks anyone out; it is stored
encrypted (``secret_box``). A code is accepted once, across every worker: the 30-second step it
belongs to is stored with a conditional UPDATE (``User.totp_last_step``), so a code seen over
someone's shoulder, or sent twice at the same moment, logs in once. One step either side is
allowed for clock drift. Wrong codes are counted in the database (``User.totp_failures``), never
in the cookie, so replaying an older cookie gives no extra tries."""

from __future__ import annotations

import hmac
import re
from datetime import datetime

import pyotp
import segno
from flask import Flask, current_app
from markupsafe import Markup
from sqlalchemy import or_, update
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import set_committed_value

from portal.accounts import recovery_codes, secret_box
from portal.models import Role, User

ISSUER = "Reflectieportaal"
STEP_SECONDS = 30
DRIFT_STEPS = 1
_CODE_RE = re.compile(r"^\d{6}$")


def new_secret() -> str:
    return pyotp.random_base32()


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str, title: str) -> Markup:
    """The ``otpauth://`` link as an inline SVG QR code (no script, no inline style, no image URL)."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, title=title, dark="#000", light="#fff")
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))


def normalise(code: str | None) -> str | None:
    """Six digits, or None; spaces and dashes people type in between are dropped."""
    digits = re.sub(r"[\s-]", "", code or "")
    return digits if _CODE_RE.match(digits) else None


def _accepted_step(secret: str, code: str | None, now: datetime) -> int | None:
    """The time step whose code ``code`` is (within the drift), or None."""
    code = normalise(code)
    if code is None:
        return None
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def enabled(user: User) -> bool:
    return bool(user.totp_secret and user.totp_enabled_at)


def required(user: User) -> bool:
    return user.has_role(*current_app.config["TWO_FACTOR_ROLES"])


def check_login_code(user: User, code: str | None, now: datetime) -> bool:
    """True and remembered when ``code`` is the user's current code, never used before (checked
    in the database, so two workers given the same code at once accept it once)."""
    if not enabled(user):
        return False
    secret = secret_box.unseal(user.totp_secret)
    step = _accepted_step(secret, code, now) if secret else None
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    session = object_session(user)
    result = session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    set_committed_value(user, "totp_last_step", step)
    if not secret_box.is_sealed(user.totp_secret):
        user.totp_secret = secret_box.seal(secret)  # stored before encryption: seal it now
    return True


def count_failure(session: Session, user: User) -> int:
    """One more wrong code (an atomic increment); returns the count since the last password."""
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(totp_failures=User.totp_failures + 1)
        .execution_options(synchronize_session=False)
    )
    session.refresh(user, ["totp_failures"])
    return user.totp_failures


def reset_failures(user: User) -> None:
    user.totp_failures = 0


def check_recovery_code(user: User, code: str | None, now: datetime) -> bool:
    """True when ``code`` is one of the user's unused recovery codes (used up at once)."""
    if not enabled(user):
        return False
    return recovery_codes.use_code(object_session(user), user, code, now=now)


def enable(session: Session, user: User, secret: str, code: str | None, now: datetime) -> bool:
    """Switch two-factor login on when ``code`` fits ``secret``; the caller commits."""
    step = _accepted_step(secret, code, now)
    if step is None:
        return False
    user.totp_secret, user.totp_enabled_at = secret_box.seal(secret), now
    user.totp_last_step = step
    session.flush()
    return True


def disable(session: Session, user: User) -> None:
    """Forget the secret (the user or, with ``users reset-2fa``, a beheerder); the caller commits."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    recovery_codes.forget(session, user)
    session.flush()


def configure_roles(app: Flask) -> None:
    """Resolve ``TWO_FACTOR_ROLES``: the default of DESIGN §9, or the configured role names."""
    roles = app.config.get("TWO_FACTOR_ROLES")
    if roles is None:
        roles = (
            ()
            if (app.debug or app.testing)
            else (Role.VERHALENBEGELEIDER, Role.ONDERZOEKER, Role.BEHEERDER)
        )
    unknown = set(roles) - {r.value for r in Role}
    if unknown:
        raise RuntimeError(f"TWO_FACTOR_ROLES names unknown role(s): {', '.join(sorted(unknown))}")
    app.config["TWO_FACTOR_ROLES"] = tuple(str(role) for role in roles)
