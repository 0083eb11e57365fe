"""Login wiring (Flask-Login): who is logged in. The unauthorized handler is the views' (views/auth)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.accounts.sessions import load_user
from portal.core.extensions import login_manager
from portal.models import AnonymousUser


def init_login_manager(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.anonymous_user = AnonymousUser
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in om deze pagina te zien.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
