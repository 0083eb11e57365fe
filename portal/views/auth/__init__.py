"""Views: logging in and out, the first beheerder, set-password links, two-factor login."""

from flask import Flask

from portal.core.extensions import login_manager
from portal.views.auth import login, passwords, two_factor  # noqa: F401  (register the routes)
from portal.views.auth.blueprint import bp, two_factor_bp

__all__ = ["bp", "init_login", "two_factor_bp"]


def init_login(app: Flask) -> None:
    """Anonymous visitors are sent to log in, keeping the text of a form they posted."""
    login_manager.unauthorized_handler(login.unauthorized)
