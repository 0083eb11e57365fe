"""Views: team sessions (issue 17)."""

from portal.views.team_sessions import live, proposals, record, routes  # noqa: F401  (register the routes)
from portal.views.team_sessions.blueprint import bp

__all__ = ["bp"]
