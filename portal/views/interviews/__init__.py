"""Views: interviews."""

from portal.views.interviews import entry, routes  # noqa: F401  (register the routes)
from portal.views.interviews.blueprint import bp

__all__ = ["bp"]
