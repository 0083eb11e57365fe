"""The stories blueprint and the loader its route modules share."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from portal import policy
from portal.core.extensions import db
from portal.models import Story
from portal.stories import service as stories

bp = Blueprint("stories", __name__, url_prefix="/stories")


def load_story(story_id: int) -> Story:
    """The story, or 404 when it does not exist or the user may not know it does."""
    story = stories.get_story(db.session, story_id)
    if story is None or not policy.can(current_user, "read", story):
        abort(404)
    return story
