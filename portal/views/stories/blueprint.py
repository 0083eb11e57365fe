"""The stories blueprint and the loader its route modules share."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from portal import policy
from portal.core.extensions import db
from portal.models import Story, StoryKind
from portal.stories import service as stories

bp = Blueprint("stories", __name__, url_prefix="/stories")


def load_story(story_id: int) -> Story:
    """The reflection, or 404 when it does not exist, the user may not know it does, or it is an
    interview (those have their own routes, which audit every read: views/interviews)."""
    story = stories.get_story(db.session, story_id)
    if (
        story is None
        or story.kind is not StoryKind.REFLECTION
        or not policy.can(current_user, "read", story)
    ):
        abort(404)
    return story
