"""Demo reflections in bulk: counts, valid answers, varied Dutch texts, spread and patterns."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.demo.stories import add_demo_stories
from portal.frameworks.versions import current_framework
from portal.models import (
    Answer,
    Cycle,
    Interpretation,
    InterpretationRole,
    Question,
    QuestionType,
    Story,
    StoryKind,
    StoryStatus,
)
from portal.stories.privacy_lint import find_identifiers

TODAY = date(2026, 4, 1)  # the `team` fixture starts on 2026-01-05: cycle 7 is open


@pytest.fixture
def authors(make_user):
    return [make_user() for _ in range(8)]


@pytest.fixture
def add(session, team, authors):
    def run(n: int, **kw) -> int:
        added = add_demo_stories(
            session, team=team, authors=kw.pop("authors", authors), n=n, today=TODAY, **kw
        )
        session.commit()
        return added

    return run


def answers_of(session, question_key: str) -> list[Answer]:
    return list(session.scalars(select(Answer).join(Question).where(Question.key == question_key)))


def test_adds_submitted_reflections_each_with_the_authors_own_interpretation(session, add, authors):
    assert add(200) == 200

    stories = session.scalars(select(Story)).all()
    assert len(stories) == 200
    assert {s.kind for s in stories} == {StoryKind.REFLECTION}
    assert {s.status for s in stories} == {StoryStatus.SUBMITTED}
    framework = current_framework(session, StoryKind.REFLECTION)
    assert {s.framework_id for s in stories} == {framework.id}
    interpretations = session.scalars(select(Interpretation)).all()
    assert len(interpretations) == 200
    author_of = {s.id: s.author_id for s in stories}
    for interpretation in interpretations:
        assert interpretation.role is InterpretationRole.SELF
        assert interpretation.user_id == author_of[interpretation.story_id]


def test_every_question_is_answered_once_and_the_multichoice_one_to_three_times(session, add):
    add(200)
    framework = current_framework(session, StoryKind.REFLECTION)
    rows = session.execute(
        select(Answer.interpretation_id, Answer.question_id, func.count()).group_by(
            Answer.interpretation_id, Answer.question_id
        )
    ).all()
    per_interpretation = Counter(interpretation_id for interpretation_id, _, _ in rows)
    assert len(per_interpretation) == 200
    assert set(per_interpretation.values()) == {len(framework.questions)}
    multichoice = {q.id for q in framework.questions if q.type is QuestionType.MULTICHOICE}
    for _, question_id, count in rows:
        assert 1 <= count <= (3 if question_id in multichoice else 1)
    total = session.scalar(select(func.count(Answer.id)))
    assert total == sum(count for _, _, count in rows)


def test_triads_sum_to_100_sliders_stay_in_range_and_some_are_not_applicable(session, add):
    add(400)
    framework = current_framework(session, StoryKind.REFLECTION)
    by_id = {q.id: q for q in framework.questions}
    answers = session.scalars(select(Answer)).all()
    not_applicable = 0
    for answer in answers:
        question = by_id[answer.question_id]
        if answer.not_applicable:
            not_applicable += 1
            assert question.type in (QuestionType.SLIDER, QuestionType.TRIAD)
            assert answer.value is answer.a is answer.b is answer.c is None
        elif question.type is QuestionType.TRIAD:
            assert answer.a + answer.b + answer.c == 100
            assert min(answer.a, answer.b, answer.c) >= 0
        elif question.type is QuestionType.SLIDER:
            assert 0 <= answer.value <= 100
        elif question.type in (QuestionType.CHOICE, QuestionType.MULTICHOICE):
            assert answer.choice in {o["key"] for o in question.options}
        else:
            assert answer.text and answer.text.strip()
    assert 0 < not_applicable < len(answers) * 0.1


def test_texts_vary_and_never_repeat_a_sentence_within_a_story(session, add):
    add(200)
    stories = session.scalars(select(Story)).all()
    bodies = [s.body_md for s in stories]
    assert len(set(bodies)) >= 0.9 * len(bodies)
    assert len({s.title for s in stories}) >= 20
    assert all(s.title.strip() and len(s.title) <= 200 for s in stories)
    sentences = Counter()
    for body in bodies:
        own = [x for x in re.split(r"(?<=[.!?])\s+", body.replace("\n", " ")) if len(x) > 20]
        assert len(own) == len(set(own)), body
        sentences.update(own)
    assert len(sentences) >= 150  # built from many fragments, not one text over and over
    assert any("\n\n" in body for body in bodies)  # some stories have several paragraphs
    assert any("\n- " in body for body in bodies)  # and some Markdown lists


def test_about_half_are_shared_with_the_team(session, add):
    add(400)
    shared = session.scalar(select(func.count()).where(Story.shared_with_team.is_(True)))
    assert 0.35 * 400 <= shared <= 0.65 * 400


def test_stories_spread_over_all_authors_and_the_reached_cycles(session, add, team, authors):
    add(200)
    cycles = {c.id: c for c in session.scalars(select(Cycle).where(Cycle.team_id == team.id))}
    assert sorted(c.number for c in cycles.values()) == list(range(1, 8))
    stories = session.scalars(select(Story)).all()
    assert {s.author_id for s in stories} == {a.id for a in authors}
    assert {s.team_id for s in stories} == {team.id}
    assert len({s.cycle_id for s in stories}) == 7
    for story in stories:
        cycle = cycles[story.cycle_id]
        assert cycle.starts_on <= story.experienced_on <= min(cycle.ends_on, TODAY)
        assert story.submitted_at.tzinfo is not None
        assert story.submitted_at.utcoffset() == timedelta(0)
        day_start = datetime.combine(story.experienced_on, datetime.min.time(), UTC)
        assert day_start - timedelta(hours=2) <= story.submitted_at
        assert story.submitted_at < datetime.combine(
            TODAY + timedelta(days=1), datetime.min.time(), UTC
        )
        assert story.created_at <= story.submitted_at


def test_generated_texts_hold_nothing_the_privacy_lint_flags(session, add):
    add(300)
    texts = [t for row in session.execute(select(Story.title, Story.body_md)) for t in row]
    texts += session.scalars(select(Answer.text).where(Answer.text.is_not(None))).all()
    assert len(texts) == 900
    flagged = [(t, find_identifiers(t)) for t in texts if find_identifiers(t)]
    assert flagged == []


def test_same_seed_gives_same_stories_and_a_second_run_adds_after_the_first(session, add):
    add(60, seed=7)
    add(60, seed=7)
    add(60, seed=8)
    bodies = session.scalars(select(Story.body_md).order_by(Story.id)).all()
    assert len(bodies) == 180
    assert bodies[:60] == bodies[60:120]
    assert bodies[120:] != bodies[:60]
    assert session.scalar(select(func.count(func.distinct(Answer.id)))) == session.scalar(
        select(func.count(Answer.id))
    )


def test_a_story_added_normally_afterwards_gets_a_fresh_id(session, add, team, authors):
    add(10)
    highest = session.scalar(select(func.max(Story.id)))
    framework = current_framework(session, StoryKind.REFLECTION)
    story = Story(
        kind=StoryKind.REFLECTION,
        author_id=authors[0].id,
        team_id=team.id,
        framework_id=framework.id,
    )
    session.add(story)
    session.commit()
    assert story.id > highest


def test_two_thousand_stories_carry_the_intended_patterns(session, add):
    assert add(2_000) == 2_000
    assert session.scalar(select(func.count(Story.id))) == 2_000

    reflection = Question.framework_id == current_framework(session, StoryKind.REFLECTION).id

    def mean_slider(key: str, where) -> float:
        question = select(Question.id).where(Question.key == key, reflection).scalar_subquery()
        phase = (
            select(Question.id).where(Question.key == "journey_phase", reflection).scalar_subquery()
        )
        worked = (
            select(Question.id).where(Question.key == "what_worked", reflection).scalar_subquery()
        )
        other = Answer.__table__.alias("other")
        return session.scalar(
            select(func.avg(Answer.value))
            .join(other, other.c.interpretation_id == Answer.interpretation_id)
            .where(Answer.question_id == question, Answer.value.is_not(None))
            .where(where(other, phase, worked))
        )

    def in_phase(key):
        return lambda other, phase, worked: (other.c.question_id == phase) & (other.c.choice == key)

    def bond_worked(flag):
        def where(other, phase, worked):
            condition = other.c.a >= 50 if flag else other.c.a < 20
            return (other.c.question_id == worked) & condition

        return where

    # brede intake leans to the klantmanager's regie, monitoring to the statushouder's
    assert mean_slider("agency", in_phase("intake")) + 15 < mean_slider(
        "agency", in_phase("monitoring")
    )
    # where the personal bond worked, motivation is higher
    assert (
        mean_slider("motivation", bond_worked(True))
        > mean_slider("motivation", bond_worked(False)) + 8
    )


def test_no_stories_asked_adds_nothing(session, add):
    assert add(0) == 0
    assert session.scalar(select(func.count(Story.id))) == 0


def test_needs_authors_and_a_reached_cycle(session, make_team, authors):
    with pytest.raises(ValueError, match="author"):
        add_demo_stories(session, team=make_team(), authors=[], n=5, today=TODAY)
    later = make_team(cycle_start=TODAY + timedelta(days=3))
    with pytest.raises(ValueError, match="no cycle"):
        add_demo_stories(session, team=later, authors=authors, n=5, today=TODAY)
