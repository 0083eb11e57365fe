"""Views: team."""

from portal.views.team import routes  # noqa: F401  (register the routes)
from portal.views.team.blueprint import bp

__all__ = ["bp"]
