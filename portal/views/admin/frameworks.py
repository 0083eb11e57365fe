"""Frameworks (``/admin/frameworks``): every version per kind with its number of stories, a
version's questions and a preview as the writer sees them, a draft as the next version (edit,
publish), and the active version per kind. A published version is never changed here."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import audit
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.frameworks import editing
from portal.models import Framework, QuestionType, utcnow
from portal.views.admin.blueprint import admin_required, bp

MAX_QUESTIONS = 60


def _load(framework_id: int) -> Framework:
    framework = editing.load(db.session, framework_id)
    if framework is None:
        abort(404)
    return framework


@bp.get("/frameworks")
@admin_required
def frameworks() -> ResponseReturnValue:
    return render_template(
        "admin/frameworks.html",
        versions=editing.list_versions(db.session),
        active=editing.active_ids(db.session),
    )


@bp.get("/frameworks/<int:framework_id>")
@admin_required
def show_framework(framework_id: int) -> ResponseReturnValue:
    framework = _load(framework_id)
    return render_template(
        "admin/framework.html",
        framework=framework,
        active=framework.id in editing.active_ids(db.session),
        locale=current_locale(),
    )


@bp.post("/frameworks/<int:framework_id>/new-version")
@admin_required
def new_version(framework_id: int) -> ResponseReturnValue:
    base = _load(framework_id)
    draft = editing.new_draft(db.session, base, now=utcnow())
    audit.record(db.session, current_user, "framework_draft", draft, based_on=base.version)
    db.session.commit()
    return redirect(url_for("admin.edit_framework", framework_id=draft.id))


def _posted_specs() -> list[editing.QuestionSpec]:
    """The questions as posted (``q-<i>-…``), in order, leaving out those marked for removal
    and an empty new-question row."""
    form = request.form
    specs = []
    for i in range(MAX_QUESTIONS + 1):
        prefix = f"q-{i}-"
        if prefix + "key" not in form:
            continue
        if form.get(prefix + "remove"):
            continue
        key = form.get(prefix + "key", "").strip()
        kind = form.get(prefix + "type", "")
        if kind not in {t.value for t in QuestionType}:
            kind = QuestionType.TEXT.value
        text_nl = form.get(prefix + "text_nl", "")
        if form.get(prefix + "new") and not key and not text_nl.strip():
            continue
        specs.append(
            editing.QuestionSpec(
                key=key[:64],
                type=kind,
                text_nl=text_nl[:2000],
                text_en=form.get(prefix + "text_en", "")[:2000],
                options=editing.parse_options(form.get(prefix + "options", "")[:5000]),
                required=bool(form.get(prefix + "required")),
                is_indicator=bool(form.get(prefix + "indicator")),
            )
        )
    return specs


@bp.route("/frameworks/<int:framework_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_framework(framework_id: int) -> ResponseReturnValue:
    draft = _load(framework_id)
    if draft.published_at is not None:
        flash(_("Een gepubliceerde versie verandert nooit. Maak een nieuwe versie."), "info")
        return redirect(url_for("admin.show_framework", framework_id=draft.id))
    error, error_at = None, None
    names = {"name_nl": draft.name_nl, "name_en": draft.name_en}
    specs = [editing.spec_of(q) for q in draft.questions]
    if request.method == "POST":
        names = {k: request.form.get(k, "")[:200] for k in names}
        specs = _posted_specs()
        try:
            editing.save_draft(db.session, draft, specs=specs, **names)
        except editing.FrameworkError as problem:
            db.session.rollback()
            error, error_at = str(problem), problem.where
        else:
            audit.record(db.session, current_user, "framework_edit", draft)
            db.session.commit()
            if request.form.get("then") == "publish":
                return _publish(draft)
            flash(
                _("Versie %(version)s is bewaard (nog niet gepubliceerd).", version=draft.version),
                "success",
            )
            return redirect(url_for("admin.edit_framework", framework_id=draft.id))
    return render_template(
        "admin/framework_edit.html",
        framework=draft,
        names=names,
        specs=specs,
        error=error,
        error_at=error_at,
        types=list(QuestionType),
        format_options=editing.format_options,
    ), 400 if error else 200


def _publish(draft: Framework) -> ResponseReturnValue:
    try:
        editing.publish(db.session, draft, now=utcnow())
    except editing.FrameworkError as problem:
        db.session.rollback()
        flash(str(problem), "error")
        return redirect(url_for("admin.edit_framework", framework_id=draft.id))
    audit.record(db.session, current_user, "framework_publish", draft)
    db.session.commit()
    flash(_("Versie %(version)s is gepubliceerd en actief.", version=draft.version), "success")
    return redirect(url_for("admin.show_framework", framework_id=draft.id))


@bp.post("/frameworks/<int:framework_id>/activate")
@admin_required
def activate_framework(framework_id: int) -> ResponseReturnValue:
    framework = _load(framework_id)
    try:
        editing.activate(db.session, framework)
    except editing.FrameworkError as problem:
        db.session.rollback()
        flash(str(problem), "error")
    else:
        audit.record(db.session, current_user, "framework_activate", framework)
        db.session.commit()
        flash(_("Versie %(version)s is nu actief.", version=framework.version), "success")
    return redirect(url_for("admin.frameworks"))
