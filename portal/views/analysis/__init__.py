"""Views: analysis (charts, drill-down, patterns, observations, tags)."""

from portal.views.analysis import observations, routes, tags  # noqa: F401  (register the routes)
from portal.views.analysis.blueprint import bp

__all__ = ["bp"]
