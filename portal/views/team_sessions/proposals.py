"""Most significant change: a participant proposes a story (with why) from their own device, and
withdraws their own proposal while the proposal phase lasts."""

from __future__ import annotations

from flask import flash, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal import policy
from portal.core.extensions import db
from portal.core.inputs import positive_id
from portal.team_sessions import proposals, service
from portal.team_sessions.proposals import ProposalError
from portal.team_sessions.service import TeamSessionError
from portal.views.team_sessions.blueprint import back, bp, checked_post, load, load_item
from portal.views.team_sessions.routes import AREA, render_session


@bp.post("/<int:team_session_id>/proposals")
@policy.area_required(AREA)
def propose(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id)
    checked_post()
    story_id = positive_id(request.form.get("story", ""))
    typed = {"story": story_id, "why": request.form.get("why", "")}
    try:
        proposals.propose(
            db.session,
            team_session,
            current_user,
            service.load_story(db.session, story_id),
            typed["why"],
        )
    except TeamSessionError as error:
        # refused: the page again with the chosen story and the why (nothing lost)
        db.session.rollback()
        field = error.field if isinstance(error, ProposalError) else None
        if field is None:
            flash(str(error.message), "error")
        errors = {field: str(error.message)} if field else {}
        return render_session(
            load(team_session_id),
            proposal={**typed, "errors": errors},
            status=400 if field else 409,
        )
    db.session.commit()
    flash(
        _("Je voorstel staat in de sessie. Je kunt het intrekken zolang de fase duurt."), "success"
    )
    return back(team_session, "proposals")


@bp.post("/<int:team_session_id>/proposals/<int:session_story_id>/withdraw")
@policy.area_required(AREA)
def withdraw_proposal(team_session_id: int, session_story_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id)
    checked_post()
    _stories, item = load_item(team_session, session_story_id)
    try:
        proposals.withdraw(db.session, team_session, current_user, item)
    except TeamSessionError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return render_session(load(team_session_id), status=409)
    db.session.commit()
    flash(_("Je voorstel is ingetrokken."), "success")
    return back(team_session, "proposals")
