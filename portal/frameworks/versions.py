"""Framework services: loading the defaults, finding the current version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.frameworks.defaults import DEFAULT_FRAMEWORKS
from portal.models import Framework, Question, QuestionType, StoryKind


def current_framework(session: Session, kind: StoryKind) -> Framework | None:
    """The active version of ``kind`` (chosen by the beheerder, else the newest published), with
    its questions loaded. A draft is never current."""
    return session.scalar(
        select(Framework)
        .where(Framework.kind == kind, Framework.published_at.is_not(None))
        .order_by(Framework.is_active.desc(), Framework.version.desc())
        .options(selectinload(Framework.questions))
        .limit(1)
    )


def build_framework(data: dict, *, version: int, now: datetime) -> Framework:
    framework = Framework(
        kind=StoryKind(data["kind"]),
        version=version,
        name_nl=data["name_nl"],
        name_en=data["name_en"],
        published_at=now,
    )
    for position, q in enumerate(data["questions"], start=1):
        kind = QuestionType(q["type"])
        framework.questions.append(
            Question(
                key=q["key"],
                type=kind,
                position=position,
                text_nl=q["nl"],
                text_en=q["en"],
                options=q.get("options", []),
                required=q.get("required", False),
                allows_na=kind in (QuestionType.SLIDER, QuestionType.TRIAD),
                is_indicator=q.get("indicator", False),
            )
        )
    return framework


def load_default_frameworks(session: Session, *, now: datetime) -> list[Framework]:
    """Add the default framework of each kind that has none yet; returns what was added."""
    added = []
    existing = set(session.scalars(select(Framework.kind).distinct()))
    for data in DEFAULT_FRAMEWORKS:
        if StoryKind(data["kind"]) in existing:
            continue
        framework = build_framework(data, version=1, now=now)
        session.add(framework)
        added.append(framework)
    session.flush()
    return added
