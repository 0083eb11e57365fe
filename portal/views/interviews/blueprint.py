"""The interviews blueprint (respondents, consent, interviews) and the loaders its routes share."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from portal import policy
from portal.core import audit
from portal.core.extensions import db
from portal.interviews import respondents
from portal.models import Respondent, Story, StoryKind
from portal.stories import service as stories

bp = Blueprint("interviews", __name__)
AREA = policy.Area.INTERVIEWS


def load_respondent(respondent_id: int, action: str = "read_facts") -> Respondent:
    """The respondent, or 404 when the user may not know it exists."""
    respondent = respondents.get_respondent(db.session, respondent_id)
    if respondent is None or not policy.can(current_user, action, respondent):
        abort(404)
    return respondent


def load_interview(story_id: int) -> Story:
    """The interview, or 404. Every route that shows an interview loads it here, so every read by
    someone other than its verhalenbegeleider is in the audit log (DESIGN §2), whatever the URL."""
    story = stories.get_story(db.session, story_id)
    if (
        story is None
        or story.kind is not StoryKind.INTERVIEW
        or not policy.can(current_user, "read", story)
    ):
        abort(404)
    if not policy.can(current_user, "read_as_author", story):
        audit.record(db.session, current_user, "interview.read", story)
        db.session.commit()
    return story
