"""Interviews are saved as a draft while the verhalenbegeleider types; never without consent."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.interviews import drafts as interview_drafts
from portal.interviews import respondents
from portal.interviews import service as interviews
from portal.models import Role, Story, StoryKind, StoryStatus
from portal.stories.service import MAX_BODY
from tests.helpers import csrf_token, login

VB = Role.VERHALENBEGELEIDER
TODAY = date(2026, 3, 2)
JSON = {"Accept": "application/json"}


def _text(**kw) -> interviews.InterviewText:
    fields = {
        "title": "Werk gevonden",
        "body_md": "وجدت عملاً في المخبز.",
        "language": "ar",
        "translation_nl": "Ik vond werk bij de bakker.",
        "translated_by": "tolk",
        "facilitator_note": "Eerste gesprek.",
    }
    return interviews.InterviewText(**{**fields, **kw})


def _fields(respondent_id: int, **kw) -> dict:
    return {
        "respondent_id": str(respondent_id),
        "title": "Werk gevonden",
        "language": "ar",
        "body_md": "وجدت عملاً في المخبز.",
        "translation_nl": "Ik vond werk bij de bakker.",
        "translated_by": "tolk",
        "facilitator_note": "Eerste gesprek.",
        "experienced_on": "2026-02-20",
        **kw,
    }


def _autosave(client, url: str, data: dict, token_from: str = "/interviews/new"):
    token = csrf_token(client.get(token_from))
    return client.post(url, data={**data, "csrf_token": token}, headers=JSON)


def _count(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Story.id)))


# --- the service ---------------------------------------------------------------------------------


def test_service_creates_the_draft_once_then_updates_it(session, vb, consented):
    respondent = respondents.get_respondent(session, consented.id)
    framework = interviews.interview_framework(session)
    first = interview_drafts.autosave_interview(
        session, vb, respondent, _text(), framework=framework, story=None, today=TODAY
    )
    second = interview_drafts.autosave_interview(
        session,
        vb,
        respondent,
        _text(translation_nl="Ik vond werk bij de bakker, drie dagen per week."),
        framework=framework,
        story=first,
        today=TODAY,
    )
    session.commit()
    assert second.id == first.id and _count(session) == 1
    story = session.get(Story, first.id)
    assert (story.kind, story.status, story.respondent_id) == (
        StoryKind.INTERVIEW,
        StoryStatus.DRAFT,
        consented.id,
    )
    assert story.translation_nl == "Ik vond werk bij de bakker, drie dagen per week."
    assert (story.language, story.translated_by, story.facilitator_note) == (
        "ar",
        "tolk",
        "Eerste gesprek.",
    )


@pytest.mark.parametrize("withdrawn", [False, True])
def test_service_refuses_without_active_consent_and_stores_nothing(
    session, vb, make_respondent, make_consent, withdrawn
):
    respondent = make_respondent(owner=vb)
    if withdrawn:
        make_consent(respondent, withdrawn=True)
    respondent = respondents.get_respondent(session, respondent.id)
    framework = interviews.interview_framework(session)
    with pytest.raises(interview_drafts.DraftRefused) as refused:
        interview_drafts.autosave_interview(
            session, vb, respondent, _text(), framework=framework, story=None, today=TODAY
        )
    session.commit()
    assert refused.value.reason == "no_consent"
    assert "toestemming" in refused.value.messages[0]
    assert _count(session) == 0


def test_service_refuses_someone_elses_respondent(session, vb, make_user, consented):
    other = make_user(VB, teams=[])
    respondent = respondents.get_respondent(session, consented.id)
    framework = interviews.interview_framework(session)
    with pytest.raises(interview_drafts.DraftRefused):
        interview_drafts.autosave_interview(
            session, other, respondent, _text(), framework=framework, story=None, today=TODAY
        )
    session.commit()
    assert _count(session) == 0


def test_service_does_not_autosave_a_submitted_interview(session, vb, consented, make_story):
    made = make_story(
        StoryKind.INTERVIEW, author=vb, team=None, respondent=consented, submitted=True
    )
    story = session.get(Story, made.id)
    respondent = respondents.get_respondent(session, consented.id)
    with pytest.raises(interview_drafts.DraftRefused) as refused:
        interview_drafts.autosave_interview(
            session,
            vb,
            respondent,
            _text(body_md="Changed"),
            framework=interviews.interview_framework(session),
            story=story,
            today=TODAY,
        )
    assert refused.value.reason == "not_draft"
    session.expire_all()
    assert session.get(Story, story.id).body_md != "Changed"


# --- over HTTP -----------------------------------------------------------------------------------


def test_first_autosave_creates_the_draft_and_later_ones_update_it(client, session, vb, consented):
    login(client, vb)
    first = _autosave(client, "/interviews/autosave", _fields(consented.id))
    assert first.status_code == 200 and first.json["status"] == "saved", first.text
    story_id = first.json["id"]
    assert first.json["edit_url"] == f"/interviews/{story_id}/edit"
    assert first.json["autosave_url"] == f"/interviews/{story_id}/autosave"
    assert first.json["message"].startswith("Concept bewaard om ")
    second = _autosave(
        client, first.json["autosave_url"], _fields(consented.id, title="Werk bij de bakker")
    )
    assert second.status_code == 200 and second.json["id"] == story_id
    assert _count(session) == 1
    story = session.get(Story, story_id)
    assert story.title == "Werk bij de bakker" and story.experienced_on == date(2026, 2, 20)
    # The edit page now saves to the draft, and shows the text.
    page = client.get(first.json["edit_url"])
    assert f'data-autosave-url="/interviews/{story_id}/autosave"' in page.text
    assert "Werk bij de bakker" in page.text


def test_autosave_without_consent_answers_json_and_saves_nothing(
    client, session, vb, make_respondent
):
    respondent = make_respondent(owner=vb)
    login(client, vb)
    response = _autosave(client, "/interviews/autosave", _fields(respondent.id))
    assert response.status_code == 400
    assert response.json["status"] == "no_consent"
    assert response.json["message"].startswith("Niet bewaard: ")
    assert "toestemming" in response.json["message"]
    assert _count(session) == 0


def test_autosave_on_a_draft_whose_consent_was_withdrawn_changes_nothing(
    client, session, vb, consented, make_story
):
    story = make_story(
        StoryKind.INTERVIEW, author=vb, team=None, respondent=consented, body_md="Voor"
    )
    login(client, vb)
    url = f"/interviews/{story.id}/edit"
    respondents.withdraw_consent(
        session, respondents.get_respondent(session, consented.id), on=TODAY, by=vb, today=TODAY
    )
    session.commit()
    response = _autosave(
        client, f"/interviews/{story.id}/autosave", _fields(consented.id, body_md="Na"), url
    )
    assert response.status_code == 400 and response.json["status"] == "no_consent"
    session.expire_all()
    assert session.get(Story, story.id).body_md == "Voor"


def test_autosave_without_a_respondent_says_to_choose_one(client, session, vb):
    login(client, vb)
    response = _autosave(client, "/interviews/autosave", _fields(0))
    assert response.status_code == 400
    assert "Kies eerst een respondent." in response.json["message"]
    assert _count(session) == 0


def test_another_vbs_draft_id_is_not_found(client, session, make_user, vb, consented, make_story):
    story = make_story(StoryKind.INTERVIEW, author=vb, team=None, respondent=consented)
    other = make_user(VB, teams=[])
    login(client, other)
    response = _autosave(
        client, f"/interviews/{story.id}/autosave", _fields(consented.id, body_md="Overschreven")
    )
    assert response.status_code == 404
    assert response.is_json
    assert _autosave(client, "/interviews/999999/autosave", _fields(0)).status_code == 404
    session.expire_all()
    assert session.get(Story, story.id).body_md != "Overschreven"


def test_another_vbs_respondent_cannot_be_used_to_start_a_draft(
    client, session, make_user, consented
):
    login(client, make_user(VB, teams=[]))
    response = _autosave(client, "/interviews/autosave", _fields(consented.id))
    assert response.status_code == 400 and response.json["status"] == "no_consent"
    assert _count(session) == 0


@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.COACH, Role.ONDERZOEKER])
def test_other_roles_may_not_autosave_interviews(
    client, session, make_user, vb, consented, make_story, role
):
    story = make_story(StoryKind.INTERVIEW, author=vb, team=None, respondent=consented)
    login(client, make_user(role))
    for url in ("/interviews/autosave", f"/interviews/{story.id}/autosave"):
        response = _autosave(client, url, _fields(consented.id), token_from="/settings")
        assert response.status_code == 403, url
    assert _count(session) == 1


def test_autosave_with_a_bad_csrf_token_answers_400_json(client, session, vb, consented):
    login(client, vb)
    data = {**_fields(consented.id), "csrf_token": "not-a-token"}
    response = client.post("/interviews/autosave", data=data, headers=JSON)
    assert response.status_code == 400
    assert response.json["status"] == "expired"
    assert _count(session) == 0


@pytest.mark.parametrize(
    ("field", "size"),
    [("body_md", MAX_BODY + 1), ("translation_nl", MAX_BODY + 1), ("facilitator_note", 5_001)],
)
def test_oversized_text_is_refused_and_nothing_is_saved(
    client, session, vb, consented, field, size
):
    login(client, vb)
    response = _autosave(
        client, "/interviews/autosave", _fields(consented.id, **{field: "x" * size})
    )
    assert response.status_code == 400 and response.json["status"] == "invalid"
    assert "te lang" in response.json["message"]
    assert _count(session) == 0


def test_a_date_in_the_future_is_refused(client, session, vb, consented):
    login(client, vb)
    response = _autosave(
        client, "/interviews/autosave", _fields(consented.id, experienced_on="2999-01-01")
    )
    assert response.status_code == 400 and response.json["status"] == "invalid"
    assert _count(session) == 0


def test_submitted_interview_page_has_no_autosave(client, vb, consented, make_story):
    story = make_story(
        StoryKind.INTERVIEW, author=vb, team=None, respondent=consented, submitted=True
    )
    login(client, vb)
    page = client.get(f"/interviews/{story.id}/edit")
    assert page.status_code == 200
    assert "data-autosave-url" not in page.text and 'id="autosave-status"' not in page.text
    new = client.get("/interviews/new")
    assert 'data-autosave-url="/interviews/autosave"' in new.text
    assert 'role="status"' in new.text
