"""The record of a session (themes, insights, notes, resonant stories, actions), closing it, and
marking a notice read."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import policy
from portal.core.extensions import db
from portal.models import utcnow
from portal.team_sessions import record, service
from portal.team_sessions.service import TeamSessionError
from portal.views.team_sessions.blueprint import back, bp, checked_post, load, load_item, refused
from portal.views.team_sessions.routes import AREA


@bp.post("/<int:team_session_id>/record")
@policy.area_required(AREA)
def save_record(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    try:
        labels = request.form.get("themes", "").replace(";", ",").split(",")
        record.set_themes(db.session, team_session, labels)
        record.save_texts(
            db.session,
            team_session,
            insights=request.form.get("insights", ""),
            notes=request.form.get("notes", ""),
        )
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("Het verslag is bewaard."), "success")
    return back(team_session, "record")


@bp.post("/<int:team_session_id>/stories/<int:session_story_id>/record")
@policy.area_required(AREA)
def story_record(team_session_id: int, session_story_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    _stories, item = load_item(team_session, session_story_id)
    form = request.form
    try:
        record.set_resonant(
            db.session,
            team_session,
            item,
            resonant=form.get("resonant") == "1",
            why=form.get("why", ""),
            domain=form.get("domain", ""),
            chosen=form.get("chosen") == "1",
            dissent=form.get("dissent", ""),
        )
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("Het verslag is bewaard."), "success")
    return back(team_session, "record")


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip()) if raw.strip() else None
    except ValueError:
        raise TeamSessionError(_("Geef de datum als jjjj-mm-dd.")) from None


@bp.post("/<int:team_session_id>/actions")
@policy.area_required(AREA)
def add_action(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    owner = request.form.get("owner", type=int)
    try:
        record.add_action(
            db.session,
            team_session,
            text=request.form.get("text", ""),
            owner_id=owner,
            due_on=_date(request.form.get("due_on", "")),
        )
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("De actie is toegevoegd."), "success")
    return back(team_session, "actions")


@bp.post("/<int:team_session_id>/actions/<int:action_id>/done")
@policy.area_required(AREA)
def action_done(team_session_id: int, action_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    try:
        record.set_action_done(
            db.session, team_session, action_id, done=request.form.get("done") == "1", now=utcnow()
        )
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
    return back(team_session, "actions")


@bp.post("/<int:team_session_id>/close")
@policy.area_required(AREA)
def close(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    stories = service.session_stories(db.session, team_session)
    try:
        record.close(db.session, team_session, stories, now=utcnow())
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("De sessie is gesloten; het verslag ligt vast."), "success")
    return back(team_session)


@bp.post("/notices/<int:notice_id>/read")
@login_required
def notice_read(notice_id: int) -> ResponseReturnValue:
    checked_post()
    if not record.mark_notice_read(db.session, current_user, notice_id, now=utcnow()):
        abort(404)
    db.session.commit()
    return redirect(url_for("main.home"))
