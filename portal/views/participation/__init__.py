"""Views: participation."""

from portal.views.participation import routes  # noqa: F401  (register the routes)
from portal.views.participation.blueprint import bp

__all__ = ["bp"]
