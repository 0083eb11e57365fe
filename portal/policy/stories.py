"""Who may do what with a story (reflection or interview), and the read rules as SQL clauses.

Every rule here has the story as its object; the SQL clauses filter ``Story`` rows for lists and
must agree with :func:`portal.policy.can` (tests/policy checks both for every role)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, false, or_, select, true
from sqlalchemy.sql import ColumnElement

from portal.models import Consent, Respondent, Story, StoryKind, StoryStatus, User
from portal.policy.roles import (
    COACH,
    RESEARCH,
    Clauses,
    Rules,
    coached_team_ids,
    coaches,
    signed_in,
)

# --- the rules, one story at a time ---------------------------------------------------------------


def _is_author(user: User, story: Story) -> bool:
    return story.author_id == user.id


def _visible(story: Story) -> bool:
    return story.withdrawn_at is None


def _shared_submitted(story: Story) -> bool:
    return (
        story.kind is StoryKind.REFLECTION
        and story.status is StoryStatus.SUBMITTED
        and story.shared_with_team
        and _visible(story)
    )


def _in_story_team(user: User, story: Story) -> bool:
    return story.team_id is not None and story.team_id in user.team_ids


def consent_holds(respondent: Respondent | None, scope: str) -> bool:
    """A respondent's consent holds for ``scope`` while an unwithdrawn record grants it."""
    if respondent is None:
        return False
    return any(c.withdrawn_on is None and getattr(c, f"scope_{scope}") for c in respondent.consents)


def _research_may_read(user: User, story: Story) -> bool:
    if not user.has_role(RESEARCH) or story.status is not StoryStatus.SUBMITTED:
        return False
    if story.kind is StoryKind.INTERVIEW:
        return consent_holds(story.respondent, "research")
    return story.author.research_consent


def may_read(user: User, story: Story) -> bool:
    """The read rule (also asked by the session rules: a participant proposes what they read)."""
    if not _visible(story):
        return False
    if _is_author(user, story):
        return True
    if _shared_submitted(story) and (_in_story_team(user, story) or coaches(user, story.team_id)):
        return True
    return _research_may_read(user, story)


def consent_active(respondent: Respondent | None) -> bool:
    """Some consent of the respondent is not withdrawn: the interview's text may still change."""
    return respondent is not None and any(c.withdrawn_on is None for c in respondent.consents)


def _edit(user: User, story: Story) -> bool:
    """The author, while the story is not withdrawn; an interview only while its respondent's
    consent holds (a withdrawal blocks every write, whatever route carries it)."""
    if not (_visible(story) and _is_author(user, story)):
        return False
    return story.kind is not StoryKind.INTERVIEW or consent_active(story.respondent)


def _read_as_author(user: User, story: Story) -> bool:
    """The author's own view of their story: their reads are not audited, and the page shows what
    only the author needs (sharing state, consent status, the way to the respondent)."""
    return _visible(story) and _is_author(user, story)


def _delete_draft(user: User, story: Story) -> bool:
    return _edit(user, story) and story.status is StoryStatus.DRAFT


def _withdraw(user: User, story: Story) -> bool:
    """DESIGN §2: the author withdraws a submitted reflection. An interview is not withdrawn by its
    verhalenbegeleider; it leaves when the respondent withdraws consent."""
    return (
        story.kind is StoryKind.REFLECTION
        and _edit(user, story)
        and story.status is StoryStatus.SUBMITTED
    )


def _share(user: User, story: Story) -> bool:
    return _withdraw(user, story) and story.kind is StoryKind.REFLECTION


def _interpret(user: User, story: Story) -> bool:
    return _shared_submitted(story) and _in_story_team(user, story) and not _is_author(user, story)


def _read_note(user: User, story: Story) -> bool:
    """The facilitator note: the verhalenbegeleider who wrote it, and onderzoekers who may read it."""
    if story.kind is not StoryKind.INTERVIEW or not _visible(story):
        return False
    return _is_author(user, story) or _research_may_read(user, story)


def may_put_in_session(user: User, story: Story) -> bool:
    """A coach may bring the story into a session (of its team, for a reflection)."""
    if not user.has_role(COACH) or not _visible(story):
        return False
    if story.kind is StoryKind.INTERVIEW:
        return story.status is StoryStatus.SUBMITTED and consent_holds(story.respondent, "sessions")
    return coaches(user, story.team_id) and _shared_submitted(story)


RULES: Rules = {
    (Story, "read"): may_read,
    (Story, "edit"): _edit,
    (Story, "delete"): _delete_draft,
    (Story, "withdraw"): _withdraw,
    (Story, "share"): _share,
    (Story, "interpret"): _interpret,
    (Story, "comment"): _interpret,
    (Story, "put_in_session"): may_put_in_session,
    (Story, "read_note"): _read_note,
    (Story, "read_as_author"): _read_as_author,
}


# --- the read rule in SQL ------------------------------------------------------------------------


def _research_consent_clause() -> ColumnElement[bool]:
    reflection_ok = and_(
        Story.kind == StoryKind.REFLECTION,
        exists().where(User.id == Story.author_id, User.research_consent.is_(true())),
    )
    interview_ok = and_(
        Story.kind == StoryKind.INTERVIEW,
        consent_holds_clause("research"),
    )
    return and_(Story.status == StoryStatus.SUBMITTED, or_(reflection_ok, interview_ok))


def consent_holds_clause(scope: str) -> ColumnElement[bool]:
    """SQL twin of :func:`consent_holds` for the story's respondent."""
    return exists(
        select(Consent.id).where(
            Consent.respondent_id == Story.respondent_id,
            Consent.withdrawn_on.is_(None),
            getattr(Consent, f"scope_{scope}").is_(true()),
        )
    )


def own_stories(user: Any) -> ColumnElement[bool]:
    """The user's own stories that are not withdrawn (part of the read rule)."""
    if not signed_in(user):
        return false()
    return and_(Story.author_id == user.id, Story.withdrawn_at.is_(None))


def shared_in_teams(user: Any) -> ColumnElement[bool]:
    """Reflections shared with a team the user belongs to or coaches (part of the read rule)."""
    teams = set(user.team_ids) | coached_team_ids(user)
    if not (signed_in(user) and teams):
        return false()
    return and_(
        Story.kind == StoryKind.REFLECTION,
        Story.status == StoryStatus.SUBMITTED,
        Story.shared_with_team.is_(true()),
        Story.team_id.in_(sorted(teams)),
        Story.withdrawn_at.is_(None),
    )


def readable_stories(user: Any) -> ColumnElement[bool]:
    """The :func:`can` read rule for stories as a WHERE clause, for lists."""
    if not signed_in(user):
        return false()
    clauses: list[ColumnElement[bool]] = [own_stories(user), shared_in_teams(user)]
    if user.has_role(RESEARCH):
        clauses.append(_research_consent_clause())
    return and_(Story.withdrawn_at.is_(None), or_(*clauses))


def usable_in_sessions() -> ColumnElement[bool]:
    """Stories that may be brought into a team session at all (coach and team still checked)."""
    reflection = and_(Story.kind == StoryKind.REFLECTION, Story.shared_with_team.is_(true()))
    interview = and_(Story.kind == StoryKind.INTERVIEW, consent_holds_clause("sessions"))
    return and_(
        Story.withdrawn_at.is_(None),
        Story.status == StoryStatus.SUBMITTED,
        or_(reflection, interview),
    )


def stories_for_sessions(user: Any) -> ColumnElement[bool]:
    """The :func:`can` ``put_in_session`` rule as a WHERE clause: for a coach, the usable
    interviews (they belong to no team) and the usable reflections of the teams they coach."""
    if not (signed_in(user) and user.has_role(COACH)):
        return false()
    teams = coached_team_ids(user)
    of_coached_team = Story.team_id.in_(sorted(teams)) if teams else false()
    return and_(usable_in_sessions(), or_(Story.kind == StoryKind.INTERVIEW, of_coached_team))


CLAUSES: Clauses = {
    (Story, "read"): readable_stories,
    (Story, "put_in_session"): stories_for_sessions,
}
