"""Stories that team members shared with the team (read-only list; detail at /stories/<id>)."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from portal import policy
from portal.core.extensions import db
from portal.stories import service as stories
from portal.views.team.blueprint import bp


@bp.get("/stories")
@policy.area_required(policy.Area.TEAM_STORIES)
def stories_list() -> ResponseReturnValue:
    page = stories.team_stories(
        db.session, current_user, page=request.args.get("page", 1, type=int)
    )
    return render_template("team/stories.html", page=page)
