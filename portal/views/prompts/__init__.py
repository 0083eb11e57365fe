"""Views: prompts."""

from portal.views.prompts import routes  # noqa: F401  (register the routes)
from portal.views.prompts.blueprint import bp

__all__ = ["bp"]
