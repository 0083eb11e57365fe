"""The tag vocabulary (``/admin/tags``): the list with usage counts and a new tag, one tag's labels
and description, retiring a tag and taking it back into use. Every write is in the audit log."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal import policy
from portal.analysis import vocabulary
from portal.analysis.vocabulary import TagError
from portal.core import audit
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.models import Tag, utcnow
from portal.views.admin.blueprint import admin_required, bp
from portal.views.admin.forms import TagEditForm, TagForm


def _refused(form: TagForm | TagEditForm, error: TagError) -> None:
    db.session.rollback()
    for name, message in error.messages.items():
        getattr(form, name).errors = [*getattr(form, name).errors, str(message)]


def _label(tag: Tag) -> str:
    return tag.label_en if current_locale() == "en" else tag.label_nl


@bp.route("/tags", methods=["GET", "POST"])
@admin_required
def tags() -> ResponseReturnValue:
    form = TagForm()
    if form.validate_on_submit():
        try:
            tag = vocabulary.create_tag(
                db.session,
                code=form.code.data or "",
                label_nl=form.label_nl.data or "",
                label_en=form.label_en.data or "",
                description=form.description.data or "",
            )
        except TagError as error:
            _refused(form, error)
        else:
            audit.record(db.session, current_user, "tag_created", tag, code=tag.code)
            db.session.commit()
            flash(_("Het thema %(label)s is toegevoegd.", label=_label(tag)), "success")
            return redirect(url_for("admin.tags") + f"#tag-{tag.code}")
    rows = vocabulary.list_vocabulary(db.session)
    status = 400 if request.method == "POST" else 200
    return render_template("admin/tags.html", form=form, rows=rows), status


def _load(tag_id: int) -> Tag:
    tag = vocabulary.get_tag(db.session, tag_id)
    if tag is None or not policy.can(current_user, "manage", tag):
        abort(404)
    return tag


@bp.route("/tags/<int:tag_id>", methods=["GET", "POST"])
@admin_required
def edit_tag(tag_id: int) -> ResponseReturnValue:
    tag = _load(tag_id)
    form = TagEditForm(obj=None if request.method == "POST" else tag)
    if form.validate_on_submit():
        try:
            vocabulary.update_tag(
                db.session,
                tag,
                label_nl=form.label_nl.data or "",
                label_en=form.label_en.data or "",
                description=form.description.data or "",
            )
        except TagError as error:
            _refused(form, error)
        else:
            audit.record(
                db.session,
                current_user,
                "tag_updated",
                tag,
                code=tag.code,
                label_nl=tag.label_nl,
                label_en=tag.label_en,
            )
            db.session.commit()
            flash(_("Het thema %(label)s is bewaard.", label=_label(tag)), "success")
            return redirect(url_for("admin.tags") + f"#tag-{tag.code}")
    status = 400 if request.method == "POST" else 200
    return render_template("admin/tag.html", form=form, tag=tag), status


@bp.post("/tags/<int:tag_id>/retire")
@admin_required
def retire_tag(tag_id: int) -> ResponseReturnValue:
    tag = _load(tag_id)
    vocabulary.retire_tag(db.session, tag, now=utcnow())
    audit.record(db.session, current_user, "tag_retired", tag, code=tag.code)
    db.session.commit()
    flash(
        _(
            "Het thema %(label)s is ingetrokken: het wordt niet meer aangeboden, verhalen houden "
            "het.",
            label=_label(tag),
        ),
        "success",
    )
    return redirect(url_for("admin.tags") + f"#tag-{tag.code}")


@bp.post("/tags/<int:tag_id>/reactivate")
@admin_required
def reactivate_tag(tag_id: int) -> ResponseReturnValue:
    tag = _load(tag_id)
    vocabulary.reactivate_tag(db.session, tag)
    audit.record(db.session, current_user, "tag_reactivated", tag, code=tag.code)
    db.session.commit()
    flash(_("Het thema %(label)s is weer in gebruik.", label=_label(tag)), "success")
    return redirect(url_for("admin.tags") + f"#tag-{tag.code}")
