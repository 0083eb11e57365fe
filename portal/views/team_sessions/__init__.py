"""Views: team sessions (issue 17)."""

from portal.views.team_sessions import (  # noqa: F401  (register the routes)
    live,
    observations,
    proposals,
    record,
    routes,
)
from portal.views.team_sessions.blueprint import bp

__all__ = ["bp"]
