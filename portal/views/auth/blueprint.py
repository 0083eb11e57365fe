"""The blueprints of this area; the route modules add their routes to it."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
two_factor_bp = Blueprint("two_factor", __name__)
