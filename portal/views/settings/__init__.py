"""Views: settings."""

from portal.views.settings import password, routes  # noqa: F401  (register the routes)
from portal.views.settings.blueprint import bp

__all__ = ["bp"]
