"""Observations: a chart saved with its filters, what it shows (title, text, strength), and two or
more competing interpretations of it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.models import Observation, ObservationInterpretation, StoryKind, Strength

MIN_INTERPRETATIONS = 2
MAX_TEXT = 5_000


class ObservationError(ValueError):
    """The observation cannot be saved; ``messages`` by field name."""

    def __init__(self, messages: dict[str, object]) -> None:
        super().__init__("observation refused")
        self.messages = messages


def check(title: str, interpretations: Sequence[str], strength: str) -> dict[str, object]:
    problems: dict[str, object] = {}
    if not title.strip():
        problems["title"] = _l("Geef de observatie een titel.")
    elif len(title) > 200:
        problems["title"] = _l("Een titel heeft hooguit 200 tekens.")
    if len([t for t in interpretations if t.strip()]) < MIN_INTERPRETATIONS:
        problems["interpretations"] = _l(
            "Schrijf minstens twee duidingen die met elkaar wedijveren: wat zou dit kunnen betekenen?"
        )
    if strength not in {s.value for s in Strength}:
        problems["strength"] = _l("Kies hoe sterk het patroon is.")
    return problems


def create_observation(
    session: Session,
    author: Any,
    *,
    kind: StoryKind,
    chart: str,
    query: str,
    title: str,
    text: str,
    strength: str,
    interpretations: Sequence[str],
) -> Observation:
    problems = check(title, interpretations, strength)
    if problems:
        raise ObservationError(problems)
    observation = Observation(
        author_id=author.id,
        kind=kind,
        chart=chart[:200],
        query=query[:2000],
        title=title.strip(),
        text=text.strip()[:MAX_TEXT],
        strength=Strength(strength),
        interpretations=[],
    )
    for position, words in enumerate((t.strip() for t in interpretations if t.strip()), 1):
        observation.interpretations.append(
            ObservationInterpretation(position=position, text=words[:MAX_TEXT])
        )
    session.add(observation)
    session.flush()
    return observation


def add_interpretation(session: Session, observation: Observation, text: str) -> None:
    if not text.strip():
        raise ObservationError({"text": _l("Schrijf de duiding.")})
    position = max((i.position for i in observation.interpretations), default=0) + 1
    observation.interpretations.append(
        ObservationInterpretation(position=position, text=text.strip()[:MAX_TEXT])
    )
    session.flush()


def chart_endpoint(observation: Observation) -> str:
    """The analysis page that draws the observation's chart (its filters are ``query``)."""
    if observation.chart.startswith(("indicator:", "trend:")):
        return "analysis.indicators"
    return "analysis." + observation.kind.value


def list_observations(session: Session) -> list[Observation]:
    """Every observation, strongest first, newest first, with its interpretations (2 queries)."""
    order = {Strength.STRONG: 0, Strength.MEDIUM: 1, Strength.WEAK: 2}
    found = list(
        session.scalars(
            select(Observation)
            .options(selectinload(Observation.interpretations))
            .order_by(Observation.created_at.desc(), Observation.id.desc())
            .limit(500)
        )
    )
    return sorted(found, key=lambda o: order[o.strength])


def get_observation(session: Session, observation_id: int) -> Observation | None:
    return session.scalar(
        select(Observation)
        .where(Observation.id == observation_id)
        .options(selectinload(Observation.interpretations))
    )
