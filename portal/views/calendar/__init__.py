"""Views: calendar."""

from portal.views.calendar import routes  # noqa: F401  (register the routes)
from portal.views.calendar.blueprint import bp

__all__ = ["bp"]
