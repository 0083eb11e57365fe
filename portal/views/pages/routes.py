"""``/privacy`` (what is stored, why, how long, who to ask: from the settings), ``/accessibility``
(the toegankelijkheidsverklaring in the shape of the Dutch government's model) and the logo."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, render_template, send_from_directory
from flask.typing import ResponseReturnValue

from portal.views.pages.blueprint import bp


@bp.get("/privacy")
def privacy() -> ResponseReturnValue:
    config = current_app.config
    return render_template(
        "pages/privacy.html",
        contact=config.get("PRIVACY_CONTACT") or "",
        officer=config.get("PRIVACY_OFFICER") or "",
        retention_days=config["RETENTION_DAYS"],
    )


@bp.get("/accessibility")
def accessibility() -> ResponseReturnValue:
    config = current_app.config
    return render_template(
        "pages/accessibility.html",
        contact=config.get("ACCESSIBILITY_CONTACT") or config.get("PRIVACY_CONTACT") or "",
        checked_on=config.get("ACCESSIBILITY_CHECKED_ON") or "",
        base_url=config["PORTAL_BASE_URL"],
    )


@bp.get("/organisation/logo")
def logo() -> ResponseReturnValue:
    """The logo file named by ``ORGANISATION_LOGO``, from the instance folder (nothing else)."""
    name = current_app.config.get("ORGANISATION_LOGO") or ""
    if (
        not name
        or Path(name).name != name
        or Path(name).suffix.lower() not in {".png", ".svg", ".jpg", ".jpeg", ".webp"}
    ):
        abort(404)
    return send_from_directory(current_app.instance_path, name, max_age=3600)
