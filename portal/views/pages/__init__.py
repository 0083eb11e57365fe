"""Views: the pages a Dutch public body publishes (``/privacy``, ``/accessibility``), the
organisation's name and logo from the settings on every page (issue 16)."""

from flask import Flask

from portal.views.pages import routes  # noqa: F401  (register the routes)
from portal.views.pages.blueprint import bp, organisation_context

__all__ = ["bp", "init_pages"]


def init_pages(app: Flask) -> None:
    app.context_processor(organisation_context)
