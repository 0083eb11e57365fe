"""Tagging stories: several at once from the drill-down list, one from the story page."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from portal import policy
from portal.analysis import tags
from portal.core.extensions import db
from portal.core.inputs import positive_id
from portal.core.security import safe_next
from portal.models import StoryKind
from portal.stories import service as stories
from portal.views.analysis.blueprint import bp


@bp.post("/stories/tag")
@policy.area_required(policy.Area.ANALYSIS)
def tag_many() -> ResponseReturnValue:
    ids = [i for i in map(positive_id, request.form.getlist("story")) if i is not None]
    codes = request.form.getlist("tag")
    back = safe_next(request.form.get("next")) or url_for("analysis.stories")
    if not ids or not codes:
        flash(_("Kies minstens één verhaal en één thema."), "error")
        return redirect(back)
    added = tags.tag_stories(db.session, current_user, ids, codes)
    db.session.commit()
    flash(_("%(num)s thema's toegevoegd.", num=added), "success")
    return redirect(back)


@bp.post("/stories/<int:story_id>/tags")
@policy.area_required(policy.Area.ANALYSIS)
def tag_story(story_id: int) -> ResponseReturnValue:
    """Add the chosen tags to one story, or remove one (``remove=<code>``), from its page."""
    story = stories.get_story(db.session, story_id)
    if story is None or not policy.can(current_user, "read", story):
        abort(404)
    if not policy.can(current_user, "tag", story):
        abort(403)
    remove = request.form.get("remove")
    if remove:
        tags.untag_story(db.session, story, remove)
    else:
        tags.tag_stories(db.session, current_user, [story.id], request.form.getlist("tag"))
    db.session.commit()
    flash(_("De thema's van dit verhaal zijn bijgewerkt."), "success")
    endpoint = "interviews.show" if story.kind is StoryKind.INTERVIEW else "stories.show"
    return redirect(url_for(endpoint, story_id=story.id) + "#tags")
