"""What an export may contain (DESIGN §2, §7): the stories an onderzoeker may read *for research*.

An onderzoeker who is also a klantmanager reads their own stories and their team's shared ones,
but an export is a research data set: it holds only submitted, unwithdrawn stories whose author
gave research consent (reflections) or whose respondent's consent covers research (interviews).
Story texts go into an export only for reflections and for interviews whose consent covers quotes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, or_
from sqlalchemy.sql import ColumnElement

from portal.models import Story, StoryKind
from portal.policy.roles import RESEARCH, Clauses, Rules, signed_in
from portal.policy.stories import (
    _research_consent_clause,
    _research_may_read,
    consent_holds_clause,
    readable_stories,
)


def _export(user: Any, story: Story) -> bool:
    return story.withdrawn_at is None and _research_may_read(user, story)


def exportable_stories(user: Any) -> ColumnElement[bool]:
    """The ``export`` rule as a WHERE clause: the read rule narrowed to research use."""
    if not (signed_in(user) and user.has_role(RESEARCH)):
        return false()
    return and_(readable_stories(user), _research_consent_clause())


def text_exportable() -> ColumnElement[bool]:
    """May the story's own words (title, text, translation, text answers) go into an export?
    Reflections yes (their author consented to research); interviews only with quotes consent."""
    return or_(Story.kind == StoryKind.REFLECTION, consent_holds_clause("quotes"))


RULES: Rules = {(Story, "export"): _export}
CLAUSES: Clauses = {(Story, "export"): exportable_stories}
