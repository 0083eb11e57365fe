"""Set-password links: signed, time-limited, and void once the password changed."""

from __future__ import annotations

import hashlib

from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from portal.models import User


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="set-password")


def _password_fingerprint(user: User) -> str:
    """Changes when the password changes, so a link works once."""
    return hashlib.sha256((user.password_hash or "unset").encode()).hexdigest()[:16]


def make_set_password_token(user: User) -> str:
    return _serializer().dumps({"uid": user.id, "pw": _password_fingerprint(user)})


def set_password_url(user: User) -> str:
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    token = make_set_password_token(user)
    if has_request_context():
        return base + url_for("auth.set_password", token=token)
    with current_app.test_request_context():
        return base + url_for("auth.set_password", token=token)


def user_for_token(session: Session, token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=current_app.config["SET_PASSWORD_MAX_AGE"])
    except BadSignature:
        return None
    user = session.get(User, data.get("uid", 0)) if isinstance(data, dict) else None
    if user is None or not user.active or data.get("pw") != _password_fingerprint(user):
        return None
    return user
