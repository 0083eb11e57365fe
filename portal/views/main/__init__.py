"""Views: main."""

from portal.views.main import routes  # noqa: F401  (register the routes)
from portal.views.main.blueprint import bp

__all__ = ["bp"]
