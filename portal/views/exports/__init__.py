"""Views: export and import (onderzoekers)."""

from portal.views.exports import imports, routes  # noqa: F401  (register the routes)
from portal.views.exports.blueprint import bp

__all__ = ["bp"]
