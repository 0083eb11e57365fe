"""Home, health check and the language switch."""

from __future__ import annotations

from flask import (
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required
from sqlalchemy import text

from portal.analysis.own import own_patterns
from portal.core.extensions import db
from portal.core.i18n import current_locale, supported
from portal.core.security import safe_next
from portal.models import utcnow
from portal.policy import Area, may_use
from portal.stories import service as stories
from portal.team_sessions.record import unread_notices
from portal.views.main.blueprint import bp
from portal.views.nav import role_labels


@bp.get("/")
@login_required
def home() -> ResponseReturnValue:
    writer, patterns = None, []
    if may_use(current_user, Area.REFLECTIONS):
        writer = stories.writer_overview(db.session, current_user, now=utcnow())
        if writer.latest:  # nothing submitted yet: no patterns, no queries for them
            patterns = own_patterns(db.session, current_user, current_locale())
    return render_template(
        "main/home.html",
        role_names=role_labels(current_user.roles),
        teams=sorted(current_user.teams, key=lambda t: t.name),
        writer=writer,
        interviewer=may_use(current_user, Area.INTERVIEWS),
        prompt_manager=may_use(current_user, Area.PROMPTS),
        notices=unread_notices(db.session, current_user),
        own_patterns=patterns,
        analyst=may_use(current_user, Area.ANALYSIS),
        researcher=may_use(current_user, Area.PATTERNS),
    )


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # the database is down: report, do not crash
        current_app.logger.error("health check failed: %s", error)
        return jsonify(status="error"), 503
    return jsonify(status="ok")


@bp.post("/language")
def language() -> ResponseReturnValue:
    locale = request.form.get("locale", "")
    back = safe_next(request.form.get("next")) or "/"
    if not supported(locale):
        flash(_("Die taal kennen we niet."), "error")
        return redirect(back)
    session["locale"] = locale
    if current_user.is_authenticated:
        current_user.locale = locale
        db.session.commit()
    refresh()
    return redirect(back)
