"""One demo observation (DESIGN §8): the onderzoeker's saved chart with two interpretations."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.analysis.observations import create_observation
from portal.models import Observation, StoryKind, User

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
