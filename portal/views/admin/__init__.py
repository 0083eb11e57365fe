"""Views: beheer in the browser (``/admin/…``): people, the audit log, teams, frameworks, the
tag vocabulary."""

from portal.views.admin import (  # noqa: F401  (register the routes)
    audit,
    framework_texts,
    frameworks,
    tags,
    teams,
    users,
)
from portal.views.admin.blueprint import bp

__all__ = ["bp"]
