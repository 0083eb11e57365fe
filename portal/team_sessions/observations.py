"""Observations from the analysis brought into a team session (issue 15): the session's coach
adds one they may read to a planned or open session they run, with a short reason; the session
page and its report show it; the coach removes it until the session is closed, when the record
freezes. Plain functions; they flush, the view commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from portal import policy
from portal.core.locks import serialize
from portal.models import (
    Observation,
    SessionStatus,
    TeamSession,
    TeamSessionObservation,
)
from portal.team_sessions.service import TeamSessionError

MAX_REASON = 500


def session_observations(
    session: Session, team_session: TeamSession
) -> list[TeamSessionObservation]:
    """The observations of a session in the order they came in, with their interpretations
    (two statements, whatever their number)."""
    return list(
        session.scalars(
            select(TeamSessionObservation)
            .where(TeamSessionObservation.team_session_id == team_session.id)
            .order_by(TeamSessionObservation.created_at, TeamSessionObservation.id)
            .options(
                joinedload(TeamSessionObservation.observation).selectinload(
                    Observation.interpretations
                )
            )
        ).unique()
    )


def find(items: list[TeamSessionObservation], item_id: int | None) -> TeamSessionObservation | None:
    return next((item for item in items if item.id == item_id), None)


@dataclass
class SessionChoice:
    """Where the observation's page offers to bring it: the sessions the coach runs that do not
    hold it yet, and the sessions the viewer may read that hold it already."""

    open_to: list[TeamSession] = field(default_factory=list)
    holding: list[TeamSession] = field(default_factory=list)


def session_choice(session: Session, user: Any, observation: Observation) -> SessionChoice:
    holding_ids = select(TeamSessionObservation.team_session_id).where(
        TeamSessionObservation.observation_id == observation.id
    )
    holding = list(
        session.scalars(
            select(TeamSession)
            .where(TeamSession.id.in_(holding_ids), policy.readable_team_sessions(user))
            .order_by(TeamSession.held_on.desc(), TeamSession.id.desc())
            .options(selectinload(TeamSession.team))
            .limit(100)
        )
    )
    if not policy.can(user, "bring_into_session", observation):
        return SessionChoice(holding=holding)
    open_to = list(
        session.scalars(
            select(TeamSession)
            .where(policy.runnable_team_sessions(user), TeamSession.id.not_in(holding_ids))
            .order_by(TeamSession.held_on, TeamSession.id)
            .options(selectinload(TeamSession.team))
            .limit(100)
        )
    )
    return SessionChoice(open_to=open_to, holding=holding)


def bring_in(
    session: Session,
    coach: Any,
    team_session: TeamSession,
    observation: Observation,
    reason: str,
) -> TeamSessionObservation:
    """Add the observation to the session, or refuse with a message for the coach."""
    if not (
        policy.can(coach, "bring_into_session", observation)
        and policy.can(coach, "run", team_session)
    ):
        raise TeamSessionError(_l("Kies een sessie die je coacht en die nog niet gesloten is."))
    reason = reason.strip()
    if not reason:
        raise TeamSessionError(_l("Schrijf kort waarom je deze observatie in de sessie brengt."))
    if len(reason) > MAX_REASON:
        raise TeamSessionError(_l("De reden heeft hooguit 500 tekens."))
    serialize(session, f"team-session-observations:{team_session.id}")  # two tabs: one is told
    there = session.scalar(
        select(TeamSessionObservation.id).where(
            TeamSessionObservation.team_session_id == team_session.id,
            TeamSessionObservation.observation_id == observation.id,
        )
    )
    if there is not None:
        raise TeamSessionError(_l("Deze observatie zit al in deze sessie."))
    item = TeamSessionObservation(
        team_session_id=team_session.id,
        observation_id=observation.id,
        reason=reason,
        added_by_id=coach.id,
    )
    session.add(item)
    session.flush()
    return item


def remove(session: Session, team_session: TeamSession, item: TeamSessionObservation) -> None:
    if team_session.status is SessionStatus.CLOSED:
        raise TeamSessionError(_l("Deze sessie is gesloten; het verslag ligt vast."))
    session.delete(item)
    session.flush()
