"""Observations brought into a session: the coach removes one until the session is closed (they
are brought in from the observation's own page, ``analysis.bring_observation``)."""

from __future__ import annotations

from flask import abort, flash
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from portal import policy
from portal.core.extensions import db
from portal.team_sessions import observations
from portal.team_sessions.service import TeamSessionError
from portal.views.team_sessions.blueprint import back, bp, checked_post, load, refused


@bp.post("/<int:team_session_id>/observations/<int:item_id>/remove")
@policy.area_required(policy.Area.SESSIONS)
def remove_observation(team_session_id: int, item_id: int) -> ResponseReturnValue:
    team_session = load(team_session_id, "run")
    checked_post()
    item = observations.find(observations.session_observations(db.session, team_session), item_id)
    if item is None:
        abort(404)
    try:
        observations.remove(db.session, team_session, item)
    except TeamSessionError as error:
        refused(error)
    else:
        db.session.commit()
        flash(_("De observatie is uit de sessie gehaald."), "success")
    return back(team_session, "observations")
