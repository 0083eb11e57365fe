"""The default reflection framework requires its triads and indicator sliders (issue 12, defect
4); a portal still on version 1 gets version 2 beside it from migration 0004."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.core.db import make_engine
from portal.core.migrate import upgrade
from portal.frameworks.defaults import DEFAULT_FRAMEWORKS
from portal.frameworks.versions import build_framework, current_framework
from portal.models import Framework, StoryKind

REQUIRED = {"role_balance", "what_worked", "motivation", "agency"}
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _as_shipped_in_version_1(data: dict) -> dict:
    old = copy.deepcopy(data)
    for q in old["questions"]:
        q.pop("required", None)
        for option in q.get("options", []):
            option["en"] = {
                "they wanted to do it themselves": "they wanted to themselves",
                "me, as their case manager": "me, the klantmanager",
            }.get(option["en"], option["en"])
    return old


def _reflection_defaults() -> dict:
    return next(d for d in DEFAULT_FRAMEWORKS if d["kind"] == "reflection")


def _frameworks(engine) -> list[Framework]:
    with Session(engine) as session:
        query = (
            select(Framework)
            .where(Framework.kind == StoryKind.REFLECTION)
            .options(selectinload(Framework.questions))
            .order_by(Framework.version)
        )
        return list(session.scalars(query))


def test_a_new_portal_requires_the_triads_and_indicator_sliders(session):
    framework = current_framework(session, StoryKind.REFLECTION)
    required = {q.key for q in framework.questions if q.required}
    assert required == REQUIRED
    assert all(q.allows_na for q in framework.questions if q.key in REQUIRED)  # n.v.t. counts


def test_migration_adds_version_2_to_a_portal_on_version_1_and_leaves_version_1(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0003")
    with Session(engine) as session:
        session.add(
            build_framework(_as_shipped_in_version_1(_reflection_defaults()), version=1, now=NOW)
        )
        session.commit()
    upgrade(engine, "head")
    upgrade(engine, "head")  # safe to run again
    v1, v2 = _frameworks(engine)
    assert (v1.version, v2.version) == (1, 2)
    assert not any(q.required for q in v1.questions)
    assert {q.key for q in v2.questions if q.required} == REQUIRED
    assert [q.key for q in v2.questions] == [q.key for q in v1.questions]
    poles = {o["en"] for q in v2.questions for o in q.options}
    assert "they wanted to do it themselves" in poles and "they wanted to themselves" not in poles


def test_migration_leaves_a_framework_changed_by_hand_alone(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'own.sqlite3'}")
    upgrade(engine, "0003")
    own = _as_shipped_in_version_1(_reflection_defaults()) | {"name_nl": "Onze eigen vragen"}
    with Session(engine) as session:
        session.add(build_framework(own, version=1, now=NOW))
        session.commit()
    upgrade(engine, "head")
    assert [f.version for f in _frameworks(engine)] == [1]
