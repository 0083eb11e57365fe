"""Fixtures for the export and import tests: an onderzoeker, and stories with answers."""

from __future__ import annotations

import csv
import io

import pytest
from werkzeug.datastructures import MultiDict

from portal.frameworks.answers import save_interpretation
from portal.frameworks.versions import current_framework
from portal.models import Interpretation, InterpretationRole, Role, Story
from portal.stories.service import self_interpretation
from tests.helpers import login

REFLECTION_ANSWERS = {
    "q-role_balance-a": "60",
    "q-role_balance-b": "30",
    "q-role_balance-c": "10",
    "q-what_worked-na": "1",
    "q-motivation": "80",
    "q-motivation-set": "1",
    "q-agency": "25",
    "q-agency-set": "1",
    "q-life_domains": ["body", "social"],
    "q-feeling": "mixed",
    "q-meaning": "Ik neem mee dat geduld helpt.",
}
INTERVIEW_ANSWERS = {
    "q-story_about-a": "20",
    "q-story_about-b": "70",
    "q-story_about-c": "10",
    "q-helped": "90",
    "q-helped-set": "1",
    "q-agency-na": "1",
    "q-feeling": "positive",
}


def _form(answers: dict) -> MultiDict:
    form = MultiDict()
    for key, value in answers.items():
        for item in value if isinstance(value, list) else [value]:
            form.add(key, item)
    return form


@pytest.fixture
def onderzoeker(make_user):
    return make_user(Role.ONDERZOEKER, teams=[])


@pytest.fixture
def research_client(client, onderzoeker):
    login(client, onderzoeker)
    return client


@pytest.fixture
def answer(session):
    """``answer(story, answers=None, interpreter=None, role=SELF, comment="")``: an interpretation
    of ``story`` with the given answers (a dict of form fields), saved the one way there is."""

    def make(story: Story, answers: dict | None = None, *, interpreter=None, role=None, comment=""):
        if role in (None, InterpretationRole.SELF) and interpreter is None:
            interpretation = self_interpretation(session, story, create=True)
        else:
            interpretation = Interpretation(
                story_id=story.id, user_id=interpreter.id, role=role or InterpretationRole.MEMBER
            )
            session.add(interpretation)
            session.flush()
        interpretation.comment_md = comment
        questions = current_framework(session, story.kind).questions
        default = REFLECTION_ANSWERS if story.kind == "reflection" else INTERVIEW_ANSWERS
        parsed = save_interpretation(
            session, interpretation, questions, _form(answers or default), require=False
        )
        assert not parsed.errors, parsed.errors
        session.commit()
        return interpretation

    return make


def read_csv(data: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
