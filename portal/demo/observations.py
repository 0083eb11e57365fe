"""One demo observation (DESIGN §8): the onderzoeker's saved chart with two interpretations,
brought into the Demoteam's planned session by its coach."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.analysis.observations import create_observation
from portal.models import (
    Observation,
    SessionStatus,
    StoryKind,
    Team,
    TeamSession,
    TeamSessionObservation,
    User,
)
from portal.team_sessions import observations as session_observations
from portal.team_sessions import service

TITLE = "Wie de regie heeft, hangt samen met motivatie"


def add_demo_observation(session: Session, researcher: User | None) -> int:
    """Add the demo observation once (none when it or the onderzoeker is missing)."""
    if researcher is None or session.scalar(
        select(Observation.id).where(Observation.title == TITLE)
    ):
        return 0
    create_observation(
        session,
        researcher,
        kind=StoryKind.REFLECTION,
        chart="scatter:motivation:agency",
        query="sx=motivation&sy=agency",
        title=TITLE,
        text=(
            "In reflecties waarin de statushouder meer regie had, schatten klantmanagers de "
            "motivatie ook vaker als 'zelf gewild' in."
        ),
        strength="medium",
        interpretations=[
            "Eigen regie voedt de intrinsieke motivatie: wie zelf kiest, wil ook zelf.",
            "Klantmanagers geven juist gemotiveerde statushouders meer ruimte: de motivatie "
            "komt eerst, de regie volgt.",
        ],
    )
    return 1


REASON = "Hoe houden we de regie bij de statushouder als ketenpartners meebeslissen?"


def bring_demo_observation_into_session(session: Session, team: Team, coach: User | None) -> int:
    """The coach brings the demo observation into the team's planned session, once."""
    observation = session.scalar(select(Observation).where(Observation.title == TITLE))
    planned_id = session.scalar(
        select(TeamSession.id)
        .where(TeamSession.team_id == team.id, TeamSession.status == SessionStatus.PLANNED)
        .order_by(TeamSession.held_on, TeamSession.id)
        .limit(1)
    )
    if coach is None or observation is None or planned_id is None:
        return 0
    if session.scalar(
        select(TeamSessionObservation.id).where(
            TeamSessionObservation.observation_id == observation.id
        )
    ):
        return 0
    planned = service.get_team_session(session, planned_id)
    if planned is None:
        return 0
    session_observations.bring_in(session, coach, planned, observation, REASON)
    return 1
