"""Who may do what with a team session (DESIGN §2): the coach of its team runs it, its participants
read it and interpret in it while it is open, onderzoekers read every session. Names on the team's
points follow the session's anonymity setting. Between sessions, a comment on a shared story is
its writer's to delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, false, or_, select, true
from sqlalchemy.sql import ColumnElement

from portal.models import (
    Anonymity,
    Comment,
    SessionStatus,
    Team,
    TeamSession,
    TeamSessionParticipant,
    User,
)
from portal.policy.roles import RESEARCH, Clauses, Rules, coached_team_ids, coaches, signed_in


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
