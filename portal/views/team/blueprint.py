"""The blueprint of this area; the route modules add their routes to it."""

from flask import Blueprint

bp = Blueprint("team", __name__, url_prefix="/team")
