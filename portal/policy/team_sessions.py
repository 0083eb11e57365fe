"""Who may do what with a team session (DESIGN §2): the coach of its team runs it, its participants
read it and interpret in it while it is open, onderzoekers read every session. Names on the team's
points follow the session's anonymity setting. Which stories come into a session: the coach brings
in what they may put in a session; a participant proposes (most significant change) a story they
may read and the coach could bring in, and withdraws their own proposal. Between sessions, a
comment on a shared story is its writer's to delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, false, or_, select, true
from sqlalchemy.sql import ColumnElement

from portal.models import (
    Anonymity,
    Comment,
    SessionStatus,
    Story,
    StoryKind,
    Team,
    TeamSession,
    TeamSessionParticipant,
    User,
)
from portal.policy.roles import (
    COACH,
    RESEARCH,
    Clauses,
    Rules,
    coached_team_ids,
    coaches,
    signed_in,
)
from portal.policy.stories import may_put_in_session, may_read, readable_stories, usable_in_sessions


@dataclass(frozen=True)
class StoryInSession:
    """A story in, or for, a session: what the rules about bringing stories in are asked about.
    ``proposed_by_id`` is the participant who proposed it (None: the coach brought it in). The
    session must come with its participants and its coach loaded, the story with its author and
    respondent's consents (``service.get_team_session``, ``service.load_story``)."""

    team_session: TeamSession
    story: Story
    proposed_by_id: int | None = None


def _participates(user: User, team_session: TeamSession) -> bool:
    return user.id in team_session.participant_ids


def _coaches(user: User, team_session: TeamSession) -> bool:
    return coaches(user, team_session.team_id)


def _read(user: User, team_session: TeamSession) -> bool:
    return (
        user.has_role(RESEARCH) or _coaches(user, team_session) or _participates(user, team_session)
    )


def _run(user: User, team_session: TeamSession) -> bool:
    """Move phases, reveal, edit the record, close: the team's coach, until it is closed."""
    return _coaches(user, team_session) and team_session.status is not SessionStatus.CLOSED


def _interpret(user: User, team_session: TeamSession) -> bool:
    return _participates(user, team_session) and team_session.status is SessionStatus.OPEN


def _see_names(user: User, team_session: TeamSession) -> bool:
    """Whose point is whose: per the session's anonymity setting."""
    if team_session.anonymity is Anonymity.NAMED:
        return _read(user, team_session)
    if team_session.anonymity is Anonymity.COACH_ONLY:
        return _coaches(user, team_session)
    return False


def _fits(team_session: TeamSession, story: Story) -> bool:
    """A reflection comes into a session of its own team; an interview belongs to no team."""
    return story.kind is StoryKind.INTERVIEW or story.team_id == team_session.team_id


def _bring_in(user: User, candidate: StoryInSession) -> bool:
    """The coach adds a story from the pool, until the session is closed."""
    team_session, story = candidate.team_session, candidate.story
    return (
        _run(user, team_session) and may_put_in_session(user, story) and _fits(team_session, story)
    )


def _propose(user: User, candidate: StoryInSession) -> bool:
    """A participant of an open session proposes a story they may read and the session's coach
    could bring in (most significant change)."""
    team_session, story = candidate.team_session, candidate.story
    return (
        _interpret(user, team_session)
        and may_read(user, story)
        and may_put_in_session(team_session.coach, story)
        and _fits(team_session, story)
    )


def _withdraw_proposal(user: User, candidate: StoryInSession) -> bool:
    """Who proposed a story takes it back, while they take part and the session is open."""
    return candidate.proposed_by_id == user.id and _interpret(user, candidate.team_session)


def proposable_stories(user: Any, team_session: TeamSession) -> ColumnElement[bool]:
    """The ``propose`` rule as a WHERE clause on ``Story``, for the proposal form's list: what
    ``user`` may read and the session's coach could bring into this session."""
    coach = team_session.coach
    if not (signed_in(user) and _interpret(user, team_session) and coach.has_role(COACH)):
        return false()
    of_the_team = (
        Story.team_id == team_session.team_id if coaches(coach, team_session.team_id) else false()
    )
    fits = or_(Story.kind == StoryKind.INTERVIEW, of_the_team)
    return and_(readable_stories(user), usable_in_sessions(), fits)


def _run_sessions(user: User, team: Team) -> bool:
    return coaches(user, team.id)


def _delete_comment(user: User, comment: Comment) -> bool:
    """A comment between sessions: its writer may delete it (others read it with the story)."""
    return comment.user_id == user.id


RULES: Rules = {
    (TeamSession, "read"): _read,
    (TeamSession, "run"): _run,
    (TeamSession, "interpret"): _interpret,
    (TeamSession, "see_names"): _see_names,
    (StoryInSession, "bring_in"): _bring_in,
    (StoryInSession, "propose"): _propose,
    (StoryInSession, "withdraw"): _withdraw_proposal,
    (Team, "run_sessions"): _run_sessions,
    (Comment, "delete"): _delete_comment,
}


def readable_team_sessions(user: Any) -> ColumnElement[bool]:
    """The ``read`` rule as a WHERE clause on ``TeamSession``, for lists."""
    if not signed_in(user):
        return false()
    if user.has_role(RESEARCH):
        return true()
    coached = coached_team_ids(user)
    takes_part = exists(
        select(TeamSessionParticipant.user_id).where(
            TeamSessionParticipant.team_session_id == TeamSession.id,
            TeamSessionParticipant.user_id == user.id,
        )
    )
    return or_(TeamSession.team_id.in_(sorted(coached)) if coached else false(), takes_part)


def runnable_team_sessions(user: Any) -> ColumnElement[bool]:
    """The ``run`` rule as a WHERE clause: the sessions of the teams the user coaches that are not
    closed (where a coach may still bring something in)."""
    if not signed_in(user):
        return false()
    coached = coached_team_ids(user)
    if not coached:
        return false()
    return and_(
        TeamSession.team_id.in_(sorted(coached)), TeamSession.status != SessionStatus.CLOSED
    )


CLAUSES: Clauses = {
    (TeamSession, "read"): readable_team_sessions,
    (TeamSession, "run"): runnable_team_sessions,
}
