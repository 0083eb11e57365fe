"""Saving one interpretation from a posted form (answers.save_interpretation) and finding the
required questions still without an answer, without HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from portal.frameworks import answers
from portal.models import Answer, Interpretation, Question

#: Required in the framework of these tests: the triad role_balance and the slider agency.
REQUIRED = ("role_balance", "agency")
VALID = {
    "q-role_balance-a": "20",
    "q-role_balance-b": "30",
    "q-role_balance-c": "50",
    "q-agency": "70",
    "q-agency-set": "1",
    "q-feeling": "positive",
    "q-meaning": "Eerst luisteren.",
}


@pytest.fixture
def questions(make_framework):
    return list(make_framework(required=REQUIRED).questions)


@pytest.fixture
def interpretation(session, make_story):
    story = make_story(submitted=False)
    interpretation = Interpretation(story_id=story.id, user_id=story.author_id)
    session.add(interpretation)
    session.commit()
    return interpretation


def _form(**fields: str) -> MultiDict:
    return MultiDict(fields)


def _stored(session, interpretation) -> dict[str, tuple]:
    """What is stored for the interpretation, per question key (choices as a tuple)."""
    keys = dict(session.execute(select(Question.id, Question.key)).all())
    stored: dict[str, tuple] = {}
    rows = session.scalars(
        select(Answer).where(Answer.interpretation_id == interpretation.id).order_by(Answer.id)
    )
    for row in rows:
        if row.not_applicable:
            part: object = "n.v.t."
        elif row.a is not None:
            part = (row.a, row.b, row.c)
        else:
            part = next(v for v in (row.value, row.choice, row.text) if v is not None)
        stored[keys[row.question_id]] = (*stored.get(keys[row.question_id], ()), part)
    return stored


def test_valid_answers_are_stored_in_the_interpretation(session, questions, interpretation):
    parsed = answers.save_interpretation(
        session, interpretation, questions, _form(**VALID), require=True
    )
    assert parsed.errors == {}
    assert _stored(session, interpretation) == {
        "role_balance": ((20, 30, 50),),
        "agency": (70,),
        "feeling": ("positive",),
        "meaning": ("Eerst luisteren.",),
    }


def test_a_triad_that_does_not_sum_to_100_stores_nothing(session, questions, interpretation):
    answers.save_interpretation(session, interpretation, questions, _form(**VALID), require=False)
    form = _form(**{**VALID, "q-role_balance-c": "60", "q-agency": "10", "q-meaning": "Anders."})
    parsed = answers.save_interpretation(session, interpretation, questions, form, require=False)
    assert "110" in str(parsed.errors["role_balance"])
    assert parsed.values["role_balance"].raw == {
        "a": "20",
        "b": "30",
        "c": "60",
    }  # kept for the form
    # Not even the valid answers of the same form replace what was stored before.
    assert _stored(session, interpretation)["agency"] == (70,)
    assert _stored(session, interpretation)["meaning"] == ("Eerst luisteren.",)


def test_an_invalid_form_does_not_create_the_interpretation(session, questions, make_story):
    story = make_story(submitted=False)
    made: list[Interpretation] = []

    def create() -> Interpretation:
        made.append(Interpretation(story_id=story.id, user_id=story.author_id))
        session.add(made[-1])
        session.flush()
        return made[-1]

    bad = _form(**{"q-role_balance-a": "50", "q-role_balance-b": "50"})
    assert answers.save_interpretation(session, create, questions, bad, require=False).errors
    assert made == []
    assert session.scalar(select(func.count(Interpretation.id))) == 0
    answers.save_interpretation(session, create, questions, _form(**VALID), require=False)
    assert len(made) == 1 and _stored(session, made[0])["agency"] == (70,)


def test_not_applicable_counts_as_an_answer_to_a_required_question(
    session, questions, interpretation
):
    form = _form(**{"q-role_balance-na": "y", "q-agency-na": "y"})
    parsed = answers.save_interpretation(session, interpretation, questions, form, require=True)
    assert parsed.errors == {}
    assert _stored(session, interpretation) == {"role_balance": ("n.v.t.",), "agency": ("n.v.t.",)}
    stored = list(session.scalars(select(Answer)))
    assert answers.unanswered_required(questions, stored) == []


def test_a_required_question_left_open_refuses_a_submit_and_stores_nothing(
    session, questions, interpretation
):
    form = _form(**{"q-role_balance-a": "10", "q-role_balance-b": "10", "q-role_balance-c": "80"})
    parsed = answers.save_interpretation(session, interpretation, questions, form, require=True)
    assert set(parsed.errors) == {"agency"}
    assert _stored(session, interpretation) == {}


def test_a_draft_save_with_a_required_answer_missing_stores_the_others(
    session, questions, interpretation
):
    form = _form(
        **{
            "q-role_balance-a": "10",
            "q-role_balance-b": "10",
            "q-role_balance-c": "80",
            "q-meaning": "Kort.",
        }
    )
    parsed = answers.save_interpretation(session, interpretation, questions, form, require=False)
    assert parsed.errors == {}
    assert _stored(session, interpretation) == {
        "role_balance": ((10, 10, 80),),
        "meaning": ("Kort.",),
    }
    stored = list(session.scalars(select(Answer)))
    assert [q.key for q in answers.unanswered_required(questions, stored)] == ["agency"]


def test_a_forged_question_key_is_ignored(session, questions, interpretation):
    interview = {"q-helped": "90", "q-helped-set": "1", "q-story_about-a": "100"}
    form = _form(**VALID, **interview, **{f"q-{questions[0].id}": "1"})
    parsed = answers.save_interpretation(session, interpretation, questions, form, require=False)
    assert "helped" not in parsed.values and "story_about" not in parsed.values
    assert set(_stored(session, interpretation)) == {"role_balance", "agency", "feeling", "meaning"}


def test_only_the_questions_of_the_step_are_replaced(session, questions, interpretation):
    answers.save_interpretation(session, interpretation, questions, _form(**VALID), require=False)
    texts = [q for q in questions if q.key == "meaning"]
    form = _form(**{"q-meaning": "Nieuw.", "q-agency": "5", "q-agency-set": "1"})
    answers.save_interpretation(session, interpretation, texts, form, require=False)
    stored = _stored(session, interpretation)
    assert stored["meaning"] == ("Nieuw.",) and stored["agency"] == (70,)


def test_clearing_a_step_removes_its_earlier_answers(session, questions, interpretation):
    answers.save_interpretation(session, interpretation, questions, _form(**VALID), require=False)
    answers.save_interpretation(session, interpretation, questions, _form(), require=False)
    assert _stored(session, interpretation) == {}


def test_unanswered_required_keeps_the_order_of_the_questions(questions):
    assert [q.key for q in answers.unanswered_required(questions, [])] == ["role_balance", "agency"]
