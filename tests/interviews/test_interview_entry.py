"""Saving the interview form (interviews.entry.save_entry), without HTTP: consent before content,
all or nothing, the privacy warning before the first submit."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from portal.interviews import entry
from portal.interviews import service as interviews
from portal.interviews.respondents import get_respondent
from portal.models import (
    Answer,
    Interpretation,
    Question,
    QuestionType,
    Role,
    Story,
    StoryStatus,
)
from portal.stories import privacy_check
from portal.stories import service as stories
from tests.interviews.test_interview_autosave import _text

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 11, 30, tzinfo=UTC)
ANSWERS = {
    "q-story_about-a": "50",
    "q-story_about-b": "30",
    "q-story_about-c": "20",
    "q-helped": "70",
    "q-helped-set": "1",
}


def _save(session, author, respondent_id, story=None, *, go="save", seen="", text=None, **form):
    return entry.save_entry(
        session,
        author,
        story,
        respondent_id=respondent_id,
        text=text or _text(),
        answer_form=MultiDict(form or ANSWERS),
        go=go,
        seen_digest=seen,
        today=TODAY,
        now=NOW,
    )


def _stored(session) -> tuple[int, dict[str, tuple]]:
    """How many interviews there are, and the answers stored, per question key."""
    session.expire_all()
    keys = dict(session.execute(select(Question.id, Question.key)).all())
    stored: dict[str, tuple] = {}
    for row in session.scalars(select(Answer).order_by(Answer.id)):
        part = (
            "n.v.t."
            if row.not_applicable
            else (row.a, row.b, row.c)
            if row.a is not None
            else row.value
        )
        stored[keys[row.question_id]] = (*stored.get(keys[row.question_id], ()), part)
    return session.scalar(select(func.count(Story.id))), stored


def test_a_new_interview_is_saved_as_a_draft_with_its_answers(session, vb, consented):
    result = _save(session, vb, consented.id)
    session.commit()
    assert result.saved and not result.submitted and not result.held_back
    assert _stored(session) == (1, {"story_about": ((50, 30, 20),), "helped": (70,)})
    story = session.get(Story, result.story.id)
    assert (story.status, story.respondent_id, story.author_id) == (
        StoryStatus.DRAFT,
        consented.id,
        vb.id,
    )
    interpretation = session.scalar(select(Interpretation))
    assert (interpretation.story_id, interpretation.user_id) == (story.id, vb.id)


@pytest.mark.parametrize("withdrawn", [False, True])
def test_a_respondent_without_consent_is_refused_and_nothing_is_stored(
    session, vb, make_respondent, make_consent, withdrawn
):
    respondent = make_respondent(owner=vb)
    if withdrawn:
        make_consent(respondent, withdrawn=True)
    result = _save(session, vb, respondent.id, go="submit")
    session.commit()
    assert not result.saved and result.story is None
    assert "toestemming" in str(result.field_errors["respondent_id"])
    assert _stored(session) == (0, {})


def test_someone_elses_respondent_counts_as_none_chosen(session, vb, make_user, consented):
    other = make_user(Role.VERHALENBEGELEIDER, teams=[])
    result = _save(session, other, consented.id)
    session.commit()
    assert str(result.field_errors["respondent_id"]) == "Kies eerst een respondent."
    assert _stored(session) == (0, {})


def test_a_triad_that_does_not_sum_to_100_stores_no_interview(session, vb, consented):
    result = _save(session, vb, consented.id, **{**ANSWERS, "q-story_about-c": "30"})
    session.commit()
    assert not result.saved and result.field_errors == {}
    assert set(result.answers.errors) == {"story_about"}
    assert result.answers.values["story_about"].raw == {"a": "50", "b": "30", "c": "30"}
    assert result.story is None and _stored(session) == (0, {})


def test_field_and_answer_errors_are_reported_together(session, vb, consented):
    long_note = "x" * (interviews.MAX_NOTE + 1)
    result = _save(
        session,
        vb,
        consented.id,
        text=_text(facilitator_note=long_note),
        **{**ANSWERS, "q-helped": "101"},
    )
    assert set(result.field_errors) == {"facilitator_note"}
    assert set(result.answers.errors) == {"helped"}
    assert _stored(session) == (0, {})


def test_a_submit_needs_the_dutch_translation_a_draft_does_not(session, vb, consented):
    untranslated = _text(translation_nl="")
    refused = _save(session, vb, consented.id, go="submit", text=untranslated)
    assert set(refused.field_errors) == {"translation_nl"} and _stored(session)[0] == 0
    draft = _save(session, vb, consented.id, text=untranslated)
    session.commit()
    assert draft.saved and _stored(session)[0] == 1


def test_resaving_a_draft_updates_it_and_replaces_its_answers(session, vb, consented):
    first = _save(session, vb, consented.id)
    session.commit()
    story = stories.get_story(session, first.story.id)
    again = _save(
        session,
        vb,
        consented.id,
        story,
        text=_text(title="Werk en taal"),
        **{"q-helped": "20", "q-helped-set": "1"},
    )
    session.commit()
    assert again.story.id == first.story.id
    assert _stored(session) == (1, {"helped": (20,)})
    assert session.get(Story, first.story.id).title == "Werk en taal"


def test_a_submit_with_unseen_identifiers_is_kept_as_a_draft_until_seen(session, vb, consented):
    text = _text(translation_nl="Bel me op 06-12345678.")
    first = _save(session, vb, consented.id, go="submit", text=text)
    session.commit()
    assert first.saved and first.held_back and not first.submitted
    assert session.get(Story, first.story.id).status is StoryStatus.DRAFT
    digest = privacy_check.findings_digest(privacy_check.story_findings(text, {}))
    story = stories.get_story(session, first.story.id)
    second = _save(session, vb, consented.id, story, go="submit", seen=digest, text=text)
    session.commit()
    assert second.submitted and not second.held_back
    session.expire_all()
    story = session.get(Story, first.story.id)
    assert story.status is StoryStatus.SUBMITTED and story.submitted_at is not None


def test_an_identifier_in_a_text_answer_also_holds_the_submit_back(
    session, vb, consented, make_story, make_framework
):
    framework = make_framework("interview")
    text_question = Question(
        framework_id=framework.id,
        key="meaning",
        type=QuestionType.TEXT,
        position=99,
        text_nl="Betekenis",
        text_en="Meaning",
    )
    session.add(text_question)
    made = make_story("interview", author=vb, team=None, respondent=consented)
    made.framework_id = framework.id
    session.commit()
    session.expire_all()
    story = stories.get_story(session, made.id)
    form = {**ANSWERS, "q-meaning": "Haar mail is a@voorbeeld.nl"}
    result = _save(session, vb, consented.id, story, go="submit", **form)
    assert result.held_back and not result.submitted
    assert result.answers.values["meaning"].text == "Haar mail is a@voorbeeld.nl"


def test_required_questions_must_be_answered_to_submit_where_na_counts(
    session, vb, consented, make_story, make_framework
):
    framework = make_framework("interview", required=("helped", "story_about"))
    made = make_story("interview", author=vb, team=None, respondent=consented)
    made.framework_id = framework.id
    session.commit()
    session.expire_all()
    story = stories.get_story(session, made.id)
    partial = {"q-helped": "70", "q-helped-set": "1"}
    refused = _save(session, vb, consented.id, story, go="submit", **partial)
    assert set(refused.answers.errors) == {"story_about"} and not refused.submitted
    draft = _save(session, vb, consented.id, story, **partial)
    assert draft.saved  # a draft keeps the answers it has
    submitted = _save(
        session, vb, consented.id, story, go="submit", **partial, **{"q-story_about-na": "y"}
    )
    session.commit()
    assert submitted.submitted
    assert _stored(session)[1] == {"helped": (70,), "story_about": ("n.v.t.",)}


def test_saving_an_interview_without_consent_raises_interview_error(session, vb, make_respondent):
    respondent = get_respondent(session, make_respondent(owner=vb).id)
    framework = interviews.interview_framework(session)
    with pytest.raises(interviews.InterviewError, match="toestemming"):
        interviews.save_interview(session, vb, respondent, _text(), framework=framework)
