"""The shared story filter: URL → filter → one WHERE clause, joined with the policy's read rule."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.models import (
    Answer,
    Interpretation,
    InterpretationRole,
    Question,
    Role,
    Story,
    StoryKind,
    Tag,
    story_tags,
)
from portal.stories.filters import (
    StoryFilter,
    filter_args,
    filter_clause,
    filtered_stories,
    parse_filter,
)


def _answer(session, story: Story, key: str, **values) -> None:
    """Give ``story`` an own (self) answer to the question ``key`` of its framework."""
    question = session.scalar(
        select(Question).where(Question.framework_id == story.framework_id, Question.key == key)
    )
    interpretation = session.scalar(
        select(Interpretation).where(
            Interpretation.story_id == story.id, Interpretation.role == InterpretationRole.SELF
        )
    )
    if interpretation is None:
        interpretation = Interpretation(
            story_id=story.id, user_id=story.author_id, role=InterpretationRole.SELF
        )
        session.add(interpretation)
        session.flush()
    session.add(Answer(interpretation_id=interpretation.id, question_id=question.id, **values))
    session.commit()


def _ids(session, story_filter: StoryFilter) -> set[int]:
    return set(session.scalars(select(Story.id).where(filter_clause(story_filter))))


@pytest.fixture
def stories(session, make_story, make_user, team):
    """Three submitted reflections with different answers, and one interview."""
    author = make_user(Role.KLANTMANAGER)
    low = make_story(author=author, submitted=True, title="Taal op het AZC", body_md="kort")
    high = make_story(
        author=author, submitted=True, title="Werk", body_md="Een lang verhaal over werk en 100%"
    )
    other = make_story(
        author=author,
        submitted=True,
        title="Huis",
        body_md="Over wonen.",
        experienced_on=date(2026, 1, 5),
    )
    _answer(session, low, "agency", value=10)
    _answer(session, high, "agency", value=90)
    _answer(session, low, "role_balance", a=70, b=20, c=10)
    _answer(session, high, "role_balance", a=10, b=20, c=70)
    _answer(session, low, "feeling", choice="positive")
    _answer(session, high, "feeling", choice="negative")
    _answer(session, other, "feeling", choice="mixed")
    _answer(session, low, "life_domains", choice="body")
    _answer(session, low, "life_domains", choice="language")
    interview = make_story(StoryKind.INTERVIEW, submitted=True, team=None, body_md="Over school.")
    return {"low": low, "high": high, "other": other, "interview": interview}


def test_parse_reads_every_parameter_and_round_trips():
    args = MultiDict(
        [
            ("team", "3"),
            ("team", "4"),
            ("cycle_from", "2"),
            ("cycle_to", "5"),
            ("date_from", "2026-01-01"),
            ("date_to", "2026-12-31"),
            ("teller", "klantmanager"),
            ("c.feeling", "positive"),
            ("c.feeling", "mixed"),
            ("r.agency", "0-30"),
            ("r.role_balance_a", "50-100"),
            ("tag", "taal"),
            ("q", "AZC"),
            ("len_min", "10"),
            ("len_max", "5000"),
            ("version", "7"),
        ]
    )
    found, errors = parse_filter(args, StoryKind.REFLECTION)
    assert errors == []
    assert found.teams == (3, 4)
    assert (found.cycle_from, found.cycle_to) == (2, 5)
    assert found.date_from == date(2026, 1, 1)
    assert found.choices == (("feeling", "positive"), ("feeling", "mixed"))
    assert found.ranges == (("agency", 0, 30), ("role_balance_a", 50, 100))
    assert found.tags == ("taal",)
    assert (found.text, found.length_min, found.length_max, found.framework_id) == (
        "AZC",
        10,
        5000,
        7,
    )
    again, _ = parse_filter(MultiDict([(k, v) for k, vs in filter_args(found).items() for v in vs]))
    assert again == StoryFilter(**{**found.__dict__, "kind": None})


@pytest.mark.parametrize(
    "name, value",
    [
        ("team", "99999999999999999999"),
        ("cycle_from", "-1"),
        ("cycle_to", "2147483648"),
        ("date_from", "gisteren"),
        ("r.agency", "80-20"),
        ("r.agency", "0-101"),
        ("r.Agency;drop", "0-10"),
        ("c.feeling", "'; DROP TABLE stories"),
        ("teller", "coach"),
        ("len_min", "veel"),
    ],
)
def test_bad_values_are_reported_and_dropped(name, value):
    found, errors = parse_filter(MultiDict([(name, value)]))
    assert len(errors) == 1
    assert found.is_empty


def test_nul_bytes_and_overlong_text_are_cleaned():
    found, errors = parse_filter({"q": "taal\x00" + "x" * 500})
    assert errors == []
    assert "\x00" not in found.text and len(found.text) == 200


def test_empty_filter_keeps_everything(session, stories):
    assert _ids(session, StoryFilter()) == {s.id for s in stories.values()}


def test_kind_and_teller(session, stories):
    reflections = {stories["low"].id, stories["high"].id, stories["other"].id}
    assert _ids(session, StoryFilter(kind=StoryKind.REFLECTION)) == reflections
    assert _ids(session, StoryFilter(teller="statushouder")) == {stories["interview"].id}
    assert _ids(session, StoryFilter(kind=StoryKind.REFLECTION, teller="statushouder")) == set()


def test_choices_any_within_a_question_all_across_questions(session, stories):
    either = StoryFilter(choices=(("feeling", "positive"), ("feeling", "mixed")))
    assert _ids(session, either) == {stories["low"].id, stories["other"].id}
    both = StoryFilter(choices=(("feeling", "positive"), ("life_domains", "language")))
    assert _ids(session, both) == {stories["low"].id}
    assert _ids(session, StoryFilter(choices=(("feeling", "nonexistent"),))) == set()


def test_slider_and_triad_ranges_are_inclusive(session, stories):
    assert _ids(session, StoryFilter(ranges=(("agency", 0, 10),))) == {stories["low"].id}
    assert _ids(session, StoryFilter(ranges=(("agency", 10, 90),))) == {
        stories["low"].id,
        stories["high"].id,
    }
    assert _ids(session, StoryFilter(ranges=(("role_balance_c", 50, 100),))) == {stories["high"].id}
    assert _ids(session, StoryFilter(ranges=(("role_balance_b", 20, 20),))) == {
        stories["low"].id,
        stories["high"].id,
    }


def test_only_the_tellers_own_reading_counts(session, stories, make_user):
    """A team member who placed the story elsewhere does not move it into the filter."""
    member = make_user(Role.KLANTMANAGER)
    reading = Interpretation(
        story_id=stories["high"].id, user_id=member.id, role=InterpretationRole.MEMBER
    )
    session.add(reading)
    session.flush()
    question = session.scalar(
        select(Question).where(
            Question.framework_id == stories["high"].framework_id, Question.key == "agency"
        )
    )
    session.add(Answer(interpretation_id=reading.id, question_id=question.id, value=5))
    session.commit()
    assert _ids(session, StoryFilter(ranges=(("agency", 0, 10),))) == {stories["low"].id}


def test_text_length_date_cycle_team_version_and_tags(session, stories, team):
    assert _ids(session, StoryFilter(text="azc")) == {stories["low"].id}
    assert _ids(session, StoryFilter(text="100%")) == {stories["high"].id}
    assert _ids(session, StoryFilter(text="_")) == set()
    assert stories["low"].id not in _ids(session, StoryFilter(length_min=5))
    assert _ids(session, StoryFilter(length_max=4)) == {stories["low"].id}
    assert _ids(session, StoryFilter(date_to=date(2026, 1, 31))) == {stories["other"].id}
    assert stories["other"].id not in _ids(session, StoryFilter(date_from=date(2026, 2, 1)))
    cycle_number = session.get(Story, stories["low"].id).cycle_id
    assert cycle_number is not None
    in_team = _ids(session, StoryFilter(teams=(team.id,)))
    assert in_team == {stories["low"].id, stories["high"].id, stories["other"].id}
    assert _ids(session, StoryFilter(cycle_from=1)) == in_team
    assert _ids(session, StoryFilter(cycle_to=0)) == set()
    version = stories["low"].framework_id
    assert stories["low"].id in _ids(session, StoryFilter(framework_id=version))
    assert _ids(session, StoryFilter(framework_id=version + 1000)) == set()
    tag = Tag(code="taal", label_nl="Taal", label_en="Language")
    session.add(tag)
    session.flush()
    session.execute(story_tags.insert().values(story_id=stories["high"].id, tag_id=tag.id))
    session.commit()
    assert _ids(session, StoryFilter(tags=("taal",))) == {stories["high"].id}
    assert _ids(session, StoryFilter(tags=("regie",))) == set()


def test_filtered_stories_is_joined_with_the_read_rule(session, stories, make_user, make_story):
    """A stranger sees nothing of it; the author sees only submitted stories, never a draft."""
    stranger = make_user(Role.KLANTMANAGER, teams=[])
    assert session.scalars(filtered_stories(stranger, StoryFilter())).all() == []
    author = session.get(Story, stories["low"].id).author
    make_story(author=author, title="Nog een concept")
    seen = set(session.scalars(filtered_stories(author, StoryFilter()).with_only_columns(Story.id)))
    assert seen == {stories["low"].id, stories["high"].id, stories["other"].id}


def test_narrowed_adds_a_region_to_the_filter():
    base = StoryFilter(kind=StoryKind.REFLECTION, choices=(("feeling", "mixed"),))
    narrowed = base.narrowed(choices=(("journey_phase", "intake"),), cycle_from=3)
    assert narrowed.choices == (("feeling", "mixed"), ("journey_phase", "intake"))
    assert narrowed.cycle_from == 3 and base.cycle_from is None


def test_tag_codes_made_from_session_themes_filter_too():
    """A session theme "Eigen regie" becomes the tag ``eigen-regie`` (record.tag_code); a filter
    on it used to be dropped silently because the check only took the beheerder's form."""
    from portal.team_sessions.record import tag_code

    codes = [tag_code("Eigen regie"), tag_code("2e gesprek"), "eigen_regie"]
    found, errors = parse_filter(MultiDict([("tag", code) for code in codes]))
    assert found.tags == ("eigen-regie", "2e-gesprek", "eigen_regie") and not errors
    dropped, _ = parse_filter(MultiDict([("tag", "Eigen Regie"), ("tag", "-x"), ("tag", "a b")]))
    assert dropped.tags == ()
