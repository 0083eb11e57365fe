"""Login wiring (Flask-Login), safe redirects and set-password links."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from flask import Flask, current_app, flash, has_request_context, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login.utils import login_url
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from portal.extensions import db, login_manager
from portal.models import AnonymousUser, User


def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None


def init_auth(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.anonymous_user = AnonymousUser
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in om deze pagina te zien.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.unauthorized_handler(_unauthorized)


def _unauthorized():
    """Send the visitor to log in, but keep the text of a form posted after the session ended."""
    from portal.rescue import rescue_response
    from portal.views.auth import setup_allowed

    rescued = rescue_response()
    if rescued is not None:
        return rescued
    if request.method == "GET" and setup_allowed():
        return redirect(url_for("auth.setup"))  # a new portal: create the first beheerder first
    flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ch in target for ch in "\\\r\n\t"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


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
