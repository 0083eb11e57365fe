"""The team sessions blueprint and what its route modules share: load-check-act helpers."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from portal import policy
from portal.core.extensions import db
from portal.models import TeamSession, TeamSessionStory
from portal.team_sessions import service
from portal.team_sessions.service import TeamSessionError

bp = Blueprint("sessions", __name__, url_prefix="/sessions")


class CsrfForm(FlaskForm):
    """Only the CSRF token: the fields are read from the request by the route."""


def load(team_session_id: int, action: str = "read") -> TeamSession:
    """The session, or 404 when it does not exist or the user may not know it does; 403 when the
    user may read it but not do ``action``."""
    team_session = service.get_team_session(db.session, team_session_id)
    if team_session is None or not policy.can(current_user, "read", team_session):
        abort(404)
    if action != "read" and not policy.can(current_user, action, team_session):
        abort(403)
    return team_session


def checked_post() -> None:
    if not CsrfForm().validate_on_submit():
        abort(400)


def load_item(team_session: TeamSession, session_story_id: int) -> tuple[list, TeamSessionStory]:
    stories = service.session_stories(db.session, team_session)
    item = service.find_session_story(stories, session_story_id)
    if item is None:
        abort(404)
    return stories, item


def back(team_session: TeamSession, anchor: str = "") -> ResponseReturnValue:
    url = url_for("sessions.show", team_session_id=team_session.id)
    return redirect(f"{url}#{anchor}" if anchor else url)


def refused(error: TeamSessionError) -> None:
    db.session.rollback()
    flash(str(error.message), "error")
