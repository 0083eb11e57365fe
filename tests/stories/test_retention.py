"""The retention job deletes withdrawn stories for good once the period has passed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, insert, select

from portal.models import (
    Answer,
    AuditEvent,
    Consent,
    Interpretation,
    Question,
    Respondent,
    Story,
    StoryKind,
    Tag,
    story_tags,
)
from portal.stories import retention
from tests.helpers import count_queries

WITHDRAWN_ON = date(2026, 2, 2)  # what make_consent(withdrawn=True) records
DAY_BEFORE_DUE = date(2026, 3, 3)  # 29 days later
DUE = date(2026, 3, 4)  # 30 days later


def _count(session, model) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def _ids(session) -> set[int]:
    session.expire_all()
    return set(session.scalars(select(Story.id)))


@pytest.fixture
def interview(session, make_story, make_respondent, make_consent, vb):
    """``interview(withdrawn=False, again=False)``: a submitted interview of a new respondent."""

    def make(*, withdrawn: bool = False, again: bool = False) -> Story:
        respondent = make_respondent(owner=vb)
        make_consent(respondent, withdrawn=withdrawn)
        if again:
            make_consent(respondent, given_on=date(2026, 2, 10))
        story = make_story(
            StoryKind.INTERVIEW, author=vb, team=None, respondent=respondent, submitted=True
        )
        _answer(session, story)
        return story

    return make


def _answer(session, story: Story) -> None:
    """The statushouder's own interpretation: one slider answer."""
    question = session.scalar(
        select(Question).where(Question.framework_id == story.framework_id).limit(1)
    )
    interpretation = Interpretation(story_id=story.id, user_id=story.author_id)
    interpretation.answers.append(Answer(question_id=question.id, value=70))
    session.add(interpretation)
    session.commit()


def _withdraw_reflection(session, story: Story, on: date) -> None:
    story.withdrawn_at = datetime(on.year, on.month, on.day, 16, 30, tzinfo=UTC)
    session.commit()


def test_interview_is_kept_until_the_period_has_passed_then_deleted_with_its_answers(
    session, interview
):
    gone = interview(withdrawn=True)
    kept = interview()
    assert _count(session, Answer) == 2

    early = retention.run(session, today=DAY_BEFORE_DUE, days=30)
    session.commit()
    assert (early.interviews, early.reflections) == (0, 0)
    assert _ids(session) == {gone.id, kept.id}

    report = retention.run(session, today=DUE, days=30)
    session.commit()
    assert (report.cutoff, report.interviews, report.reflections) == (WITHDRAWN_ON, 1, 0)
    assert _ids(session) == {kept.id}
    assert _count(session, Interpretation) == 1 and _count(session, Answer) == 1
    assert session.scalar(select(Interpretation.story_id)) == kept.id
    # The respondent code and the consent records stay as proof of what was agreed.
    assert _count(session, Respondent) == 2 and _count(session, Consent) == 2


def test_a_respondent_who_consented_again_keeps_their_interviews(session, interview):
    story = interview(withdrawn=True, again=True)
    assert retention.run(session, today=DUE, days=30).interviews == 0
    session.commit()
    assert _ids(session) == {story.id}


def test_withdrawn_reflection_is_deleted_after_the_period_with_its_tags(
    session, make_story, make_user
):
    shared = make_story(submitted=True, shared_with_team=True)
    withdrawn = make_story(submitted=True, shared_with_team=True)
    _withdraw_reflection(session, withdrawn, WITHDRAWN_ON)
    tag = Tag(code="taal", label_nl="Taal", label_en="Language")
    session.add(tag)
    session.flush()
    session.execute(insert(story_tags), [{"story_id": withdrawn.id, "tag_id": tag.id}])
    session.commit()

    assert retention.run(session, today=DAY_BEFORE_DUE, days=30).reflections == 0
    report = retention.run(session, today=DUE, days=30)
    session.commit()
    assert report.reflections == 1
    assert _ids(session) == {shared.id}
    assert _count(session, story_tags) == 0 and _count(session, Tag) == 1


def test_dry_run_counts_and_deletes_nothing(session, interview, make_story):
    interview(withdrawn=True)
    reflection = make_story(submitted=True)
    _withdraw_reflection(session, reflection, WITHDRAWN_ON)
    before = _ids(session)
    report = retention.run(session, today=DUE, days=30, dry_run=True)
    session.commit()
    assert (report.interviews, report.reflections) == (1, 1)
    assert _ids(session) == before
    assert _count(session, AuditEvent) == 0


def test_each_run_that_deletes_leaves_one_audit_event_with_counts_only(session, interview):
    interview(withdrawn=True)
    interview(withdrawn=True)
    retention.run(session, today=DUE, days=30)
    session.commit()
    again = retention.run(session, today=DUE, days=30)
    session.commit()
    assert (again.interviews, again.reflections) == (0, 0)
    events = session.scalars(select(AuditEvent)).all()
    assert [(e.action, e.actor_id) for e in events] == [("retention.delete", None)]
    assert events[0].details == {"cutoff": "2026-02-02", "interviews": 2, "reflections": 0}


def test_negative_period_is_refused(session):
    with pytest.raises(ValueError):
        retention.run(session, today=DUE, days=-1)


def _statements(app, session, today) -> int:
    with count_queries(app.extensions["db_engine"]) as counter:
        retention.run(session, today=today, days=30)
        session.commit()
    session.expunge_all()  # the bulk delete leaves the deleted rows' objects in the identity map
    return counter.count


def test_the_number_of_statements_does_not_grow_with_the_stories(app, session, interview):
    interview(withdrawn=True)
    few = _statements(app, session, DUE)
    for _ in range(6):
        interview(withdrawn=True)
    assert _statements(app, session, DUE) == few


def test_cli_reports_what_it_deleted(app, runner, session, interview, make_story):
    story = interview(withdrawn=True)
    result = runner.invoke(args=["retention", "run", "--today", "2026-03-04", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 interview(s) and 0 reflection(s) due" in result.output
    assert _ids(session) == {story.id}

    result = runner.invoke(args=["retention", "run", "--today", "2026-03-04"])
    assert result.exit_code == 0, result.output
    assert "Withdrawn on or before 2026-02-02 (30 days)" in result.output
    assert "1 interview(s) and 0 reflection(s) deleted" in result.output
    assert _ids(session) == set()


def test_the_deletion_date_shown_for_a_respondent_follows_the_same_rule(
    session, make_respondent, make_consent, vb
):
    withdrawn = make_respondent(owner=vb)
    make_consent(withdrawn, withdrawn=True)
    assert retention.respondent_deletion_date(withdrawn, 30) == DUE
    holds = make_respondent(owner=vb)
    make_consent(holds)
    assert retention.respondent_deletion_date(holds, 30) is None
    again = make_respondent(owner=vb)
    make_consent(again, withdrawn=True)
    make_consent(again, given_on=date(2026, 2, 10))
    assert retention.respondent_deletion_date(again, 30) is None
    assert retention.respondent_deletion_date(make_respondent(owner=vb), 30) is None
