"""The blueprint of the public pages, and the organisation values every template gets."""

from __future__ import annotations

from flask import Blueprint, current_app

bp = Blueprint("pages", __name__)


def organisation_context() -> dict:
    """``organisation_name`` and ``organisation_logo`` (True when a logo file is configured)."""
    config = current_app.config
    return {
        "organisation_name": config.get("ORGANISATION_NAME") or "",
        "organisation_logo": bool(config.get("ORGANISATION_LOGO")),
    }
