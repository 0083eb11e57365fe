"""Saving answers of every type, valid and invalid (portal.frameworks.answers)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.frameworks import answers
from portal.frameworks.versions import current_framework
from portal.models import Answer, Interpretation, Role, StoryKind


@pytest.fixture
def questions(session):
    return current_framework(session, StoryKind.REFLECTION).questions


@pytest.fixture
def interview_questions(session):
    return current_framework(session, StoryKind.INTERVIEW).questions


@pytest.fixture
def interpretation(session, make_story, make_user):
    story = make_story(author=make_user(Role.KLANTMANAGER), submitted=False)
    interp = Interpretation(story_id=story.id, user_id=story.author_id)
    session.add(interp)
    session.commit()
    return interp


def parse(questions, require=False, **fields):
    form = MultiDict()
    for name, value in fields.items():
        name = name.replace("__", "-")
        for v in value if isinstance(value, list) else [value]:
            form.add(name, v)
    return answers.parse_answers(questions, form, require=require)


def test_valid_answers_of_every_type_are_saved_in_typed_columns(session, questions, interpretation):
    parsed = parse(
        questions,
        **{
            "q-role_balance-a": "20",
            "q-role_balance-b": "30",
            "q-role_balance-c": "50",
            "q-agency": "70",
            "q-agency-set": "1",
            "q-motivation-na": "y",
            "q-life_domains": ["body", "language"],
            "q-feeling": "positive",
            "q-meaning": "Luisteren eerst.",
        },
    )
    assert parsed.errors == {}
    answers.save_answers(session, interpretation, questions, parsed)
    session.commit()
    by_key = {q.id: q.key for q in questions}
    rows = session.scalars(select(Answer)).all()
    got = {
        (by_key[r.question_id], r.value, r.a, r.b, r.c, r.choice, r.text, r.not_applicable)
        for r in rows
    }
    assert got == {
        ("role_balance", None, 20, 30, 50, None, None, False),
        ("agency", 70, None, None, None, None, None, False),
        ("motivation", None, None, None, None, None, None, True),
        ("life_domains", None, None, None, None, "body", None, False),
        ("life_domains", None, None, None, None, "language", None, False),
        ("feeling", None, None, None, None, "positive", None, False),
        ("meaning", None, None, None, None, None, "Luisteren eerst.", False),
    }


def test_untouched_slider_is_not_answered_never_fifty(questions):
    parsed = parse(questions, **{"q-agency": "50", "q-agency-set": ""})
    assert parsed.errors == {}
    assert not parsed.values["agency"].answered


def test_noscript_checkbox_marks_the_slider_as_set(questions):
    parsed = parse(questions, **{"q-agency": "50", "q-agency-set": ["", "1"]})
    assert parsed.values["agency"].value == 50


@pytest.mark.parametrize("raw", ["101", "-1", "abc", "4.5", "", "²", "١٢"])
def test_slider_outside_0_to_100_is_an_error(questions, raw):
    parsed = parse(questions, **{"q-agency": raw, "q-agency-set": "1"})
    assert "agency" in parsed.errors


@pytest.mark.parametrize(
    ("a", "b", "c", "message"),
    [
        ("50", "30", "30", "nu is het 110"),
        ("50", "", "", "alle drie"),
        ("120", "-10", "-10", "heel getal"),
        ("x", "50", "50", "heel getal"),
    ],
)
def test_bad_triad_is_refused_with_a_clear_message(questions, a, b, c, message):
    parsed = parse(
        questions, **{"q-role_balance-a": a, "q-role_balance-b": b, "q-role_balance-c": c}
    )
    assert message in str(parsed.errors["role_balance"])
    assert parsed.values["role_balance"].raw == {"a": a, "b": b, "c": c}  # kept for the form


def test_empty_triad_is_not_answered(questions):
    parsed = parse(questions)
    assert parsed.errors == {} and not parsed.values["role_balance"].answered


def test_unknown_option_key_is_refused(questions):
    parsed = parse(questions, **{"q-feeling": "ecstatic", "q-life_domains": ["body", "<script>"]})
    assert set(parsed.errors) == {"feeling", "life_domains"}


def test_required_question_left_empty(questions):
    meaning = next(q for q in questions if q.key == "meaning")
    meaning.required = True
    try:
        assert "meaning" in parse(questions, require=True).errors
        assert "meaning" not in parse(questions, require=False).errors
    finally:
        meaning.required = False


def test_text_strips_nul_and_limits_length(questions):
    parsed = parse(questions, **{"q-meaning": "ok\x00 مرحبا 🙂"})
    assert parsed.values["meaning"].text == "ok مرحبا 🙂"
    too_long = parse(questions, **{"q-meaning": "x" * 5001})
    assert "meaning" in too_long.errors


def test_question_of_another_framework_is_ignored(
    session, questions, interview_questions, interpretation
):
    foreign = next(q for q in interview_questions if q.key == "helped")
    parsed = parse(questions, **{"q-helped": "90", "q-helped-set": "1", f"q-{foreign.id}": "1"})
    answers.save_answers(session, interpretation, questions, parsed)
    session.commit()
    assert session.scalars(select(Answer).where(Answer.question_id == foreign.id)).all() == []


def test_resaving_replaces_only_the_given_questions(session, questions, interpretation):
    sliders = [q for q in questions if q.key == "agency"]
    texts = [q for q in questions if q.key == "meaning"]
    answers.save_answers(session, interpretation, texts, parse(texts, **{"q-meaning": "Eerst"}))
    answers.save_answers(
        session, interpretation, sliders, parse(sliders, **{"q-agency": "10", "q-agency-set": "1"})
    )
    answers.save_answers(
        session, interpretation, sliders, parse(sliders, **{"q-agency": "90", "q-agency-set": "1"})
    )
    session.commit()
    rows = session.scalars(select(Answer)).all()
    assert {(r.value, r.text) for r in rows} == {(None, "Eerst"), (90, None)}


def test_values_from_answers_refill_the_form(session, questions, interpretation):
    parsed = parse(
        questions,
        **{
            "q-role_balance-a": "10",
            "q-role_balance-b": "10",
            "q-role_balance-c": "80",
            "q-life_domains": ["mind", "social"],
        },
    )
    saved = answers.save_answers(session, interpretation, questions, parsed)
    values = answers.values_from_answers(questions, saved)
    assert values["role_balance"].raw == {"a": "10", "b": "10", "c": "80"}
    assert values["life_domains"].choices == ["mind", "social"]


def test_summary_places_the_triad_point_inside_the_triangle(questions):
    point = answers.triad_point({"a": 100, "b": 0, "c": 0})
    assert point == answers.TRIAD_CORNERS["a"]
    x, y = answers.triad_point({"a": 34, "b": 33, "c": 33})
    assert 40 < x < 60 and 50 < y < 70


def test_macros_render_labelled_no_js_fields_with_linked_error(app, questions):
    triad = next(q for q in questions if q.key == "role_balance")
    with app.test_request_context():
        html = app.jinja_env.from_string(
            "{% from '_macros/signifiers.html' import question %}{{ question(q, None, 'Fout!', 'nl') }}"
        ).render(q=triad)
    assert (
        '<legend class="signifier__legend">In dit verhaal lag mijn rol vooral bij…</legend>' in html
    )
    for part in "abc":
        assert f'<label for="q-role_balance-{part}">' in html
    assert 'aria-describedby="q-role_balance-error"' in html and 'id="q-role_balance-error"' in html


def test_forged_non_ascii_digits_in_a_triad_are_an_error_not_a_crash(questions):
    parsed = parse(
        questions, **{"q-role_balance-a": "²", "q-role_balance-b": "50", "q-role_balance-c": "50"}
    )
    assert "role_balance" in parsed.errors


def test_a_repeated_option_is_stored_once(session, questions, interpretation):
    parsed = parse(questions, **{"q-life_domains": ["language", "language"]})
    rows = answers.save_answers(session, interpretation, questions, parsed)
    assert [r.choice for r in rows] == ["language"]
