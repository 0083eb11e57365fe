"""Translations of a framework into the languages of the telling
(``/admin/frameworks/<id>/languages`` and ``…/languages/<lang>``): each field carries ``lang`` and
``dir``; what is missing falls back to Dutch and is listed."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal.core import audit
from portal.core.extensions import db
from portal.frameworks import editing, translations
from portal.interviews.service import LANGUAGES, text_direction
from portal.models import Framework
from portal.views.admin.blueprint import admin_required, bp

#: The languages of the telling a framework can be translated into (Dutch is the original).
TELLING = {code: name for code, name in LANGUAGES.items() if code != "nl"}


def _load(framework_id: int) -> Framework:
    framework = editing.load(db.session, framework_id)
    if framework is None:
        abort(404)
    return framework


@bp.get("/frameworks/<int:framework_id>/languages")
@admin_required
def framework_languages(framework_id: int) -> ResponseReturnValue:
    framework = _load(framework_id)
    rows = []
    for code, name in TELLING.items():
        found = translations.for_framework(db.session, framework, code)
        rows.append((code, name, translations.missing_count(framework, found), bool(found)))
    return render_template("admin/framework_languages.html", framework=framework, rows=rows)


@bp.route("/frameworks/<int:framework_id>/languages/<lang>", methods=["GET", "POST"])
@admin_required
def framework_language(framework_id: int, lang: str) -> ResponseReturnValue:
    framework = _load(framework_id)
    if lang not in TELLING:
        abort(404)
    if request.method == "POST":
        texts = {q.id: request.form.get(f"t-{q.id}", "") for q in framework.questions}
        labels = {
            q.id: {o["key"]: request.form.get(f"o-{q.id}-{o['key']}", "") for o in q.options}
            for q in framework.questions
        }
        translations.save(db.session, framework, lang, texts, labels)
        audit.record(db.session, current_user, "framework_translate", framework, lang=lang)
        db.session.commit()
        flash(_("De vertaling is bewaard."), "success")
        return redirect(url_for("admin.framework_language", framework_id=framework.id, lang=lang))
    found = translations.for_framework(db.session, framework, lang)
    items = [
        (q, found.get(q.id), translations.shown(q, found.get(q.id))) for q in framework.questions
    ]
    return render_template(
        "admin/framework_language.html",
        framework=framework,
        lang=lang,
        language=TELLING[lang],
        direction=text_direction(lang),
        items=items,
    )
