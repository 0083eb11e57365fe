"""Live: the JSON state a participant's page polls (304 while nothing changed), and interpreting
a story from one's own device (the participant's, or the group's by the coach)."""

from __future__ import annotations

from flask import flash, jsonify, make_response, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal import policy
from portal.core.extensions import db
from portal.core.i18n import current_locale
from portal.frameworks.answers import parse_answers
from portal.team_sessions import interpret, record, service
from portal.team_sessions.service import TeamSessionError
from portal.team_sessions.state import live_state
from portal.views.team_sessions.blueprint import back, bp, checked_post, load, load_item
from portal.views.team_sessions.routes import AREA, render_session


@bp.get("/<int:team_session_id>/state")
@policy.area_required(AREA)
def state(team_session_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id)
    stories = service.session_stories(db.session, team_session)
    record_version = record.version(
        team_session,
        record.actions(db.session, team_session),
        record.carried_actions(db.session, team_session),
        len(record.themes(db.session, team_session)),
    )
    live = live_state(
        team_session,
        stories,
        service.current_story(team_session, stories),
        interpret.answered(db.session, stories),
        current_user,
        record_version=record_version,
        locale=current_locale(),
    )
    if live.etag.strip('"') in request.if_none_match:
        response = make_response("", 304)
    else:
        response = jsonify(live.data)
    response.headers["ETag"] = live.etag
    response.headers["Cache-Control"] = "no-cache, private"
    return response


def _interpret(team_session_id: int, session_story_id: int, *, group: bool) -> ResponseReturnValue:
    team_session = load(team_session_id)
    checked_post()
    _stories, item = load_item(team_session, session_story_id)
    # what the person typed, kept before anything can expire it (nothing lost on a refusal)
    typed = parse_answers(interpret.signifier_questions(item), request.form, require=False).values
    item_id = team_session.id, item.id
    try:
        parsed = interpret.save(
            db.session, team_session, item, current_user, request.form, group=group
        )
    except TeamSessionError as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return _again(item_id, typed, status=409)
    if parsed.errors:
        errors = {key: str(message) for key, message in parsed.errors.items()}
        db.session.rollback()
        return _again(item_id, typed, errors=errors, status=400)
    db.session.commit()
    flash(_("Je duiding is bewaard. Niemand ziet haar tot de coach onthult."), "success")
    return back(team_session, "interpret")


def _again(
    ids: tuple[int, int], typed: dict, *, errors: dict | None = None, status: int
) -> ResponseReturnValue:
    """The page again with everything the person typed (nothing lost)."""
    team_session_id, session_story_id = ids
    return render_session(
        load(team_session_id),
        values=typed,
        duiding=request.form.get("duiding", ""),
        errors=errors or {},
        status=status,
        values_for=session_story_id,
    )


@bp.post("/<int:team_session_id>/stories/<int:session_story_id>/interpret")
@policy.area_required(AREA)
def interpret_story(team_session_id: int, session_story_id: int) -> ResponseReturnValue:
    return _interpret(team_session_id, session_story_id, group=False)


@bp.post("/<int:team_session_id>/stories/<int:session_story_id>/group")
@policy.area_required(AREA)
def interpret_group(team_session_id: int, session_story_id: int) -> ResponseReturnValue:
    return _interpret(team_session_id, session_story_id, group=True)
