"""Two-factor login with a time-based code (TOTP, RFC 6238) from an authenticator app.

DESIGN §9 requires it for the roles that can read interviews or exports (verhalenbegeleider,
onderzoeker); anyone else may switch it on. The secret is stored only once the user has shown a
correct code from their app, so a half-finished set-up never locks anyone out. A code is accepted
once: the 30-second step it belongs to is remembered (``User.totp_last_step``), so a code seen
over someone's shoulder cannot be used again. One step either side is allowed for clock drift."""

from __future__ import annotations

import hmac
import re
from datetime import datetime

import pyotp
import segno
from flask import Flask, current_app
from markupsafe import Markup
from sqlalchemy.orm import Session

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
    """True and remembered when ``code`` is the user's current code, never used before."""
    if not enabled(user):
        return False
    step = _accepted_step(user.totp_secret, code, now)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def enable(session: Session, user: User, secret: str, code: str | None, now: datetime) -> bool:
    """Switch two-factor login on when ``code`` fits ``secret``; the caller commits."""
    step = _accepted_step(secret, code, now)
    if step is None:
        return False
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, now, step
    session.flush()
    return True


def disable(session: Session, user: User) -> None:
    """Forget the secret (the user or, with ``users reset-2fa``, a beheerder); the caller commits."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    session.flush()


def configure_roles(app: Flask) -> None:
    """Resolve ``TWO_FACTOR_ROLES``: the default of DESIGN §9, or the configured role names."""
    roles = app.config.get("TWO_FACTOR_ROLES")
    if roles is None:
        roles = () if (app.debug or app.testing) else (Role.VERHALENBEGELEIDER, Role.ONDERZOEKER)
    unknown = set(roles) - {r.value for r in Role}
    if unknown:
        raise RuntimeError(f"TWO_FACTOR_ROLES names unknown role(s): {', '.join(sorted(unknown))}")
    app.config["TWO_FACTOR_ROLES"] = tuple(str(role) for role in roles)
