"""Who may analyse which stories, tag them, keep the tag vocabulary, and read or write
observations (DESIGN §2, §7).

Onderzoekers analyse every story that research consent allows; a coach the reflections their
teams shared with the team (small groups hidden, see :func:`hides_small_groups`); a klantmanager
only their own submitted stories (their own patterns on the home page)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, false, or_
from sqlalchemy.sql import ColumnElement

from portal.models import Observation, Story, StoryKind, StoryStatus, Tag
from portal.policy.roles import (
    COACH,
    KM,
    RESEARCH,
    Clauses,
    Rules,
    admin,
    coached_team_ids,
    signed_in,
)
from portal.policy.stories import (
    _research_consent_clause,
    _research_may_read,
    _shared_submitted,
    coaches,
    may_put_in_session,
    readable_stories,
    stories_for_sessions,
)


def hides_small_groups(user: Any) -> bool:
    """Everyone but onderzoekers sees no group smaller than ``MIN_GROUP_SIZE`` (DESIGN §7)."""
    return not (signed_in(user) and user.has_role(RESEARCH))


def analysable_stories(user: Any) -> ColumnElement[bool]:
    """The stories whose answers the user's charts count, as a WHERE clause on ``Story``:
    research consent for onderzoekers, the shared reflections of the teams a coach coaches.
    Always inside the read rule."""
    if not signed_in(user):
        return false()
    parts: list[ColumnElement[bool]] = []
    if user.has_role(RESEARCH):
        parts.append(_research_consent_clause())
    coached = coached_team_ids(user)
    if coached:
        parts.append(
            and_(
                Story.kind == StoryKind.REFLECTION,
                Story.status == StoryStatus.SUBMITTED,
                Story.shared_with_team.is_(True),
                Story.team_id.in_(sorted(coached)),
            )
        )
    if not parts:
        return false()
    return and_(readable_stories(user), or_(*parts))


def analysable_kinds(user: Any) -> frozenset[StoryKind]:
    """The kinds of story :func:`analysable_stories` can hold for the user: an onderzoeker's
    consent reaches interviews, a coach's teams share only reflections."""
    kinds: set[StoryKind] = set()
    if signed_in(user) and user.has_role(RESEARCH):
        kinds |= {StoryKind.REFLECTION, StoryKind.INTERVIEW}
    if signed_in(user) and coached_team_ids(user):
        kinds.add(StoryKind.REFLECTION)
    return frozenset(kinds)


def own_pattern_stories(user: Any) -> ColumnElement[bool]:
    """A klantmanager's own submitted stories, for their own patterns."""
    if not (signed_in(user) and user.has_role(KM)):
        return false()
    return and_(
        Story.author_id == user.id,
        Story.status == StoryStatus.SUBMITTED,
        Story.withdrawn_at.is_(None),
    )


def _analyse(user: Any, story: Story) -> bool:
    if story.withdrawn_at is not None:
        return False
    if _research_may_read(user, story):
        return True
    return coaches(user, story.team_id) and _shared_submitted(story)


def _tag(user: Any, story: Story) -> bool:
    """Coaches tag what they may bring into a session, onderzoekers what research may read."""
    return story.withdrawn_at is None and (
        _research_may_read(user, story) or may_put_in_session(user, story)
    )


def taggable_stories(user: Any) -> ColumnElement[bool]:
    """SQL twin of the ``tag`` rule, for tagging several stories at once."""
    if not signed_in(user):
        return false()
    parts = [stories_for_sessions(user)]
    if user.has_role(RESEARCH):
        parts.append(and_(Story.withdrawn_at.is_(None), _research_consent_clause()))
    return or_(*parts)


def _read_observation(user: Any, observation: Observation) -> bool:
    """Onderzoekers read every observation; coaches too, to bring one into a team session."""
    return user.has_role(RESEARCH, COACH)


def _bring_into_session(user: Any, observation: Observation) -> bool:
    """A coach brings an observation they may read into a session they run (the session's side
    is its ``run`` rule: the team's coach, until it is closed)."""
    return _read_observation(user, observation) and bool(coached_team_ids(user))


def _edit_observation(user: Any, observation: Observation) -> bool:
    return user.has_role(RESEARCH) and observation.author_id == user.id


RULES: Rules = {
    (Story, "analyse"): _analyse,
    (Story, "tag"): _tag,
    (Observation, "read"): _read_observation,
    (Observation, "edit"): _edit_observation,
    (Observation, "bring_into_session"): _bring_into_session,
    # the vocabulary (add, edit, retire): the beheerder, who reads no story content
    (Tag, "manage"): admin,
}

CLAUSES: Clauses = {
    (Story, "analyse"): analysable_stories,
    (Story, "tag"): taggable_stories,
}
