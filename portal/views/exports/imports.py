"""Import (``/import``): upload → a preview of what would be added and every refused row with its
reason → confirm → all or nothing in one transaction. Onderzoekers only.

The uploaded file waits for the confirmation in ``instance/imports/<sha256>.csv`` and is removed
once it was added (or when it is a day old). The size limit is checked here rather than by
``MAX_CONTENT_LENGTH``, so the page can name it; the form checks its own CSRF token."""

from __future__ import annotations

import time
from pathlib import Path

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from portal import policy
from portal.core.extensions import csrf, db
from portal.cycles.schedule import user_today
from portal.exports import importer
from portal.exports.pseudonyms import PseudonymKeyMissing
from portal.models import StoryKind, utcnow
from portal.views.exports.blueprint import bp
from portal.views.exports.forms import ConfirmForm, ImportForm

AREA = policy.Area.EXPORT
FORM_MARGIN = 64 * 1024  # the form's other fields beside the file
KEEP_SECONDS = 24 * 3600


def _waiting_room() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for old in folder.glob("*.csv"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return folder


def _limit_mb() -> float:
    return round(current_app.config["IMPORT_MAX_BYTES"] / 1_048_576, 1)


@bp.route("/import", methods=["GET", "POST"])
@csrf.exempt
@policy.area_required(AREA)
def upload() -> ResponseReturnValue:
    request.max_content_length = current_app.config["IMPORT_MAX_BYTES"] + FORM_MARGIN
    try:
        form = ImportForm()
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        form = ImportForm(formdata=None)
        form.file.errors = [
            _(
                "Het bestand is te groot: het portaal neemt hoogstens %(limit)s MB aan.",
                limit=_limit_mb(),
            )
        ]
        return render_template("exports/import.html", form=form, limit=_limit_mb()), 413
    if not valid:
        status = 400 if request.method == "POST" else 200
        return render_template("exports/import.html", form=form, limit=_limit_mb()), status
    data = form.file.data.read()
    filename = Path(form.file.data.filename or "import.csv").name
    try:
        preview = importer.read_import(
            db.session,
            data,
            kind=StoryKind(form.kind.data),
            filename=filename,
            config=current_app.config,
            today=user_today(current_user, utcnow()),
        )
    except (importer.ImportRefused, PseudonymKeyMissing) as error:
        form.file.errors = [str(error)]
        return render_template("exports/import.html", form=form, limit=_limit_mb()), 400
    if preview.can_import:
        (_waiting_room() / f"{preview.sha256}.csv").write_bytes(data)
    confirm = ConfirmForm(
        formdata=None, sha256=preview.sha256, kind=str(preview.kind), filename=filename
    )
    return render_template("exports/preview.html", preview=preview, confirm=confirm)


@bp.post("/import/confirm")
@policy.area_required(AREA)
def confirm() -> ResponseReturnValue:
    form = ConfirmForm()
    path = _waiting_room() / f"{form.sha256.data}.csv"
    if not form.validate_on_submit() or form.kind.data not in set(StoryKind) or not path.exists():
        flash(_("Dit bestand wacht niet (meer) op bevestiging. Lees het opnieuw in."), "error")
        return redirect(url_for("exports.upload"))
    try:
        preview = importer.read_import(
            db.session,
            path.read_bytes(),
            kind=StoryKind(form.kind.data),
            filename=form.filename.data or path.name,
            config=current_app.config,
            today=user_today(current_user, utcnow()),
        )
        batch = importer.apply_import(db.session, current_user, preview, now=utcnow())
    except (importer.ImportRefused, PseudonymKeyMissing) as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("exports.upload"))
    db.session.commit()
    path.unlink(missing_ok=True)
    flash(_("%(count)s verhalen zijn toegevoegd.", count=batch.rows), "success")
    return redirect(url_for("exports.upload"))
