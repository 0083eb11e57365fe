"""Views: stories."""

from portal.views.stories import flow, readings, routes  # noqa: F401  (register the routes)
from portal.views.stories.blueprint import bp

__all__ = ["bp"]
