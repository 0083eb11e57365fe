"""Flask extensions, created here and bound to the app in ``create_app``."""

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_wtf import CSRFProtect

from portal.core.db import db


def _client_address() -> str:
    return request.remote_addr or "unknown"


babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=_client_address, default_limits=[])

__all__ = ["babel", "csrf", "db", "limiter", "login_manager"]
