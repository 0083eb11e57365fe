"""Views: beheer in the browser (``/admin/…``): people, the audit log, teams, frameworks."""

from portal.views.admin import audit, teams, users  # noqa: F401  (register the routes)
from portal.views.admin.blueprint import bp

__all__ = ["bp"]
