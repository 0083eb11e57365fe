"""Stories with the author's own answers, for the analysis tests."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.frameworks.versions import current_framework
from portal.models import Answer, Interpretation, InterpretationRole, Role, StoryKind, User


@pytest.fixture
def researcher(make_user) -> User:
    return make_user(Role.ONDERZOEKER, teams=[])


@pytest.fixture
def consenting(make_user) -> User:
    """A klantmanager of the team who gave research consent."""
    return make_user(Role.KLANTMANAGER, research_consent=True)


@pytest.fixture
def answered(session, make_story, consenting):
    """``answered(author=None, kind="reflection", **answers)``: a submitted story with the
    author's own answers: ``agency=70`` (slider), ``agency=None`` (n.v.t.),
    ``role_balance=(60, 20, 20)`` (triad), ``feeling="positive"``, ``life_domains=["body"]``.
    Other keyword arguments go to ``make_story``."""

    def make(author: User | None = None, kind: str = "reflection", **kw):
        framework = current_framework(session, StoryKind(kind))
        ids = {q.key: q.id for q in framework.questions}
        values = {k: kw.pop(k) for k in list(kw) if k in ids}
        kw.setdefault("submitted", True)
        if kind == "reflection":
            kw.setdefault("author", author or consenting)
        elif author is not None:
            kw["author"] = author
        story = make_story(kind, **kw)
        interpretation = Interpretation(
            story_id=story.id, user_id=story.author_id, role=InterpretationRole.SELF
        )
        session.add(interpretation)
        session.flush()
        for key, value in values.items():
            base = {"interpretation_id": interpretation.id, "question_id": ids[key]}
            if value is None:
                session.add(Answer(**base, not_applicable=True))
            elif isinstance(value, tuple):
                session.add(Answer(**base, a=value[0], b=value[1], c=value[2]))
            elif isinstance(value, list):
                session.add_all(Answer(**base, choice=v) for v in value)
            elif isinstance(value, str):
                session.add(Answer(**base, choice=value))
            else:
                session.add(Answer(**base, value=value))
        session.commit()
        return story

    return make


@pytest.fixture
def reflection_questions(session):
    from portal.analysis.questions import kind_questions

    return kind_questions(session, StoryKind.REFLECTION, "nl")


def answer_count(session) -> int:
    return len(session.scalars(select(Answer.id)).all())
