"""Login wiring (Flask-Login): who is logged in. The unauthorized handler is the views' (views/auth)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.core.extensions import db, login_manager
from portal.models import AnonymousUser, User


def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.active else None


def init_login_manager(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.anonymous_user = AnonymousUser
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in om deze pagina te zien.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
