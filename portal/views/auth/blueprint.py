"""The blueprints of this area, and the login limit both login steps share; the route modules
add their routes to the blueprints."""

from flask import Blueprint, Response, current_app, g

bp = Blueprint("auth", __name__)
two_factor_bp = Blueprint("two_factor", __name__)


def login_limit() -> str:
    """Failed login attempts per address (``LOGIN_RATE_LIMIT``)."""
    return current_app.config["LOGIN_RATE_LIMIT"]


def count_failure() -> None:
    """Mark this request as a failed attempt (a wrong password or a wrong code)."""
    g.login_failed = True


def failed(_response: Response) -> bool:
    """Only failed attempts count: a whole office behind one address may log in at once."""
    return bool(g.get("login_failed"))
