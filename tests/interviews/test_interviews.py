"""Verhalenbegeleiders: respondents, consent before content, interviews in the told language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal import policy
from portal.interviews import respondents
from portal.interviews import service as interviews
from portal.models import (
    Answer,
    AuditEvent,
    Consent,
    Interpretation,
    Respondent,
    Role,
    Story,
    StoryKind,
    StoryStatus,
    utcnow,
)
from portal.stories.service import MAX_BODY
from tests.helpers import csrf_token, login, logout, post_form

VB = Role.VERHALENBEGELEIDER
ARABIC_MIXED = (
    "قالت Fatima el Amrani إنها وصلت إلى Utrecht في 2019، "
    "وإن موعدها مع klantmanager كان يوم 14 مارس الساعة 10:30 (€ 1.250 per maand)."
)


def _interview(make_story, vb, respondent, **kw):
    kw.setdefault("submitted", True)
    return make_story(StoryKind.INTERVIEW, author=vb, team=None, respondent=respondent, **kw)


def _audit(session, action: str) -> list[AuditEvent]:
    session.expire_all()
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def _entry(respondent_id: int, **fields) -> dict:
    data = {
        "respondent_id": str(respondent_id),
        "title": "Taalcursus en werk",
        "language": "ar",
        "body_md": ARABIC_MIXED,
        "translation_nl": "Ze zei dat ze in 2019 in Utrecht aankwam.",
        "translated_by": "tolk",
        "facilitator_note": "Gesprek in de bibliotheek, rustige sfeer.",
        "q-helped": "70",
        "q-helped-set": "1",
        "q-story_about-a": "50",
        "q-story_about-b": "30",
        "q-story_about-c": "20",
        "go": "save",
    }
    data.update(fields)
    return data


# --- respondents and consent ---------------------------------------------------------------------


def test_text_direction_follows_the_script_of_the_language():
    assert [interviews.text_direction(x) for x in ("ar", "fa", "ps", "he", "ur")] == ["rtl"] * 5
    # Tigrinya and Amharic are written in Ge'ez script, left to right.
    left_to_right = ("ti", "am", "nl", "so", "en", "uk", None, "")
    assert [interviews.text_direction(x) for x in left_to_right] == ["ltr"] * 8


def test_respondent_has_no_identifying_columns():
    columns = set(Respondent.__table__.columns.keys())
    assert not columns & {"name", "first_name", "last_name", "birth_date", "dob", "address", "bsn"}


def test_vb_creates_respondent_with_next_pseudonymous_code(client, session, vb, make_respondent):
    make_respondent(owner=vb, code="SH-0041")
    login(client, vb)
    response = post_form(client, "/respondents/new", {"age_band": "26-35", "language": "ti"})
    assert response.status_code == 302
    session.expire_all()
    created = session.scalar(select(Respondent).order_by(Respondent.id.desc()).limit(1))
    assert (created.code, created.owner_id, created.language) == ("SH-0042", vb.id, "ti")
    assert response.headers["Location"] == f"/respondents/{created.id}"


def test_recording_consent_stores_scopes_and_writes_audit(client, session, vb, make_respondent):
    respondent = make_respondent(owner=vb)
    login(client, vb)
    data = {
        "given_on": "2026-01-05",
        "method": "written",
        "language": "ar",
        "interpreter_present": "y",
        "scope_research": "y",
        "scope_sessions": "",
    }
    url = f"/respondents/{respondent.id}"
    response = post_form(client, f"{url}/consent", data, token_from=url)
    assert response.status_code == 302
    session.expire_all()
    consent = session.scalar(select(Consent).where(Consent.respondent_id == respondent.id))
    assert consent.interpreter_present and consent.scope_research and not consent.scope_sessions
    assert consent.recorded_by_id == vb.id and consent.given_on == date(2026, 1, 5)
    (event,) = _audit(session, "consent.record")
    assert (event.actor_id, event.object_id) == (vb.id, consent.id)
    history = client.get(url).text
    assert "Vastgelegd door" in history and vb.display_name in history


def test_consent_dated_in_the_future_is_refused(client, session, vb, make_respondent):
    respondent = make_respondent(owner=vb)
    login(client, vb)
    url = f"/respondents/{respondent.id}"
    tomorrow = (utcnow().date() + timedelta(days=2)).isoformat()
    data = {"given_on": tomorrow, "method": "spoken", "language": "nl", "scope_research": "y"}
    response = post_form(client, f"{url}/consent", data, token_from=url)
    assert response.status_code == 400
    assert "toekomst" in response.text
    assert session.scalar(select(func.count(Consent.id))) == 0


def test_withdrawing_twice_is_refused_with_a_clear_error(client, session, vb, consented):
    login(client, vb)
    url = f"/respondents/{consented.id}"
    today = utcnow().date().isoformat()
    first = post_form(client, f"{url}/withdraw", {"withdrawn_on": today}, token_from=url)
    assert first.status_code == 302
    token = csrf_token(client.get(url))
    second = client.post(f"{url}/withdraw", data={"withdrawn_on": today, "csrf_token": token})
    assert second.status_code == 400
    assert "geen geldige toestemming" in second.text
    session.expire_all()
    consent = session.scalar(select(Consent).where(Consent.respondent_id == consented.id))
    assert consent.withdrawn_on == utcnow().date() and consent.withdrawn_by_id == vb.id
    assert len(_audit(session, "consent.withdraw")) == 1


def test_withdraw_service_refuses_twice(session, vb, consented):
    respondent = respondents.get_respondent(session, consented.id)
    today = date(2026, 3, 1)
    respondents.withdraw_consent(session, respondent, on=today, by=vb, today=today)
    with pytest.raises(respondents.ConsentError):
        respondents.withdraw_consent(session, respondent, on=today, by=vb, today=today)


def test_another_vbs_respondent_does_not_exist(client, make_user, vb, consented):
    login(client, make_user(VB, teams=[]))
    url = f"/respondents/{consented.id}"
    assert client.get(url).status_code == 404
    token = csrf_token(client.get("/respondents"))
    data = {"withdrawn_on": "2026-01-01", "csrf_token": token}
    assert client.post(f"{url}/withdraw", data=data).status_code == 404


@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.COACH, Role.BEHEERDER])
def test_other_roles_cannot_know_a_respondent(client, make_user, consented, role):
    login(client, make_user(role))
    assert client.get(f"/respondents/{consented.id}").status_code == 404
    assert client.get("/respondents").status_code == 403
    assert client.get("/interviews/new").status_code == 403


def test_onderzoeker_sees_code_and_facts_only_and_is_audited(
    client, session, make_user, vb, make_respondent, make_consent
):
    respondent = make_respondent(owner=vb, age_band="26-35")
    make_consent(respondent)
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    login(client, researcher)
    page = client.get(f"/respondents/{respondent.id}")
    assert page.status_code == 200
    assert respondent.code in page.text and "26-35" in page.text
    assert "Toestemming vastleggen" not in page.text
    (event,) = _audit(session, "respondent.read")
    assert (event.actor_id, event.object_id) == (researcher.id, respondent.id)


# --- consent before content ----------------------------------------------------------------------


def test_no_story_text_is_saved_without_consent(client, session, vb, make_respondent):
    respondent = make_respondent(owner=vb)
    login(client, vb)
    response = post_form(client, "/interviews/new", _entry(respondent.id))
    assert response.status_code == 400
    assert "toestemming" in response.text
    assert "Fatima el Amrani" in response.text  # the text comes back
    assert session.scalar(select(func.count(Story.id))) == 0


def test_no_story_text_is_saved_after_withdrawal(
    client, session, vb, make_respondent, make_consent
):
    respondent = make_respondent(owner=vb)
    make_consent(respondent, withdrawn=True)
    login(client, vb)
    assert post_form(client, "/interviews/new", _entry(respondent.id)).status_code == 400
    assert session.scalar(select(func.count(Story.id))) == 0


def test_vb_saves_draft_then_submits_interview(client, session, vb, consented):
    login(client, vb)
    response = post_form(client, "/interviews/new", _entry(consented.id))
    assert response.status_code == 302
    session.expire_all()
    story = session.scalar(select(Story))
    assert response.headers["Location"] == f"/interviews/{story.id}/edit"
    assert (story.kind, story.status, story.language) == (
        StoryKind.INTERVIEW,
        StoryStatus.DRAFT,
        "ar",
    )
    edit = client.get(f"/interviews/{story.id}/edit")
    assert 'lang="ar"' in edit.text and 'dir="rtl"' in edit.text  # going back keeps it all
    submitted = post_form(client, f"/interviews/{story.id}/edit", _entry(consented.id, go="submit"))
    assert submitted.status_code == 302
    session.expire_all()
    story = session.get(Story, story.id)
    assert story.status is StoryStatus.SUBMITTED and story.body_md == ARABIC_MIXED
    answers = session.scalars(
        select(Answer).join(Interpretation).where(Interpretation.story_id == story.id)
    ).all()
    assert {a.value for a in answers if a.value is not None} == {70}


def test_submitting_a_foreign_language_story_needs_the_dutch_translation(client, vb, consented):
    login(client, vb)
    response = post_form(
        client, "/interviews/new", _entry(consented.id, translation_nl="", go="submit")
    )
    assert response.status_code == 400
    assert "Nederlandse vertaling" in response.text


def test_mixed_direction_arabic_text_is_stored_and_rendered_intact(
    client, session, vb, consented, make_story
):
    story = _interview(make_story, vb, consented, body_md=ARABIC_MIXED, language="ar")
    login(client, vb)
    page = client.get(f"/interviews/{story.id}")
    assert page.status_code == 200
    assert 'id="story-told" lang="ar" dir="rtl"' in page.text
    assert ARABIC_MIXED in page.text
    session.expire_all()
    assert session.get(Story, story.id).body_md == ARABIC_MIXED


def test_very_long_texts_are_kept_and_over_long_ones_refused(client, session, vb, consented):
    login(client, vb)
    longest = ("ب" * 99 + "\n") * (MAX_BODY // 100)
    ok = post_form(client, "/interviews/new", _entry(consented.id, body_md=longest))
    assert ok.status_code == 302
    session.expire_all()
    assert session.scalar(select(Story.body_md)) == longest
    too_long = post_form(
        client, "/interviews/new", _entry(consented.id, body_md="x" * (MAX_BODY + 1))
    )
    assert too_long.status_code == 400
    assert session.scalar(select(func.count(Story.id))) == 1


# --- who may read an interview -------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.KLANTMANAGER, Role.COACH, Role.BEHEERDER])
def test_other_roles_on_an_interview_url_get_404(
    client, make_user, make_story, vb, consented, role
):
    story = _interview(make_story, vb, consented)
    login(client, make_user(role))
    assert client.get(f"/interviews/{story.id}").status_code == 404


def test_another_vb_on_an_interview_url_gets_404(client, make_user, make_story, vb, consented):
    story = _interview(make_story, vb, consented)
    login(client, make_user(VB, teams=[]))
    assert client.get(f"/interviews/{story.id}").status_code == 404
    assert client.get(f"/interviews/{story.id}/edit").status_code == 404


def test_owner_reads_without_audit_onderzoeker_with_audit_and_note(
    client, session, make_user, make_story, vb, consented
):
    story = _interview(make_story, vb, consented, facilitator_note="Rustig gesprek.")
    login(client, vb)
    own = client.get(f"/interviews/{story.id}")
    assert own.status_code == 200 and "Rustig gesprek." in own.text
    assert _audit(session, "interview.read") == []
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    logout(client)
    login(client, researcher)
    page = client.get(f"/interviews/{story.id}")
    assert page.status_code == 200 and "Rustig gesprek." in page.text
    (event,) = _audit(session, "interview.read")
    assert (event.actor_id, event.object_id) == (researcher.id, story.id)


def test_onderzoeker_without_research_consent_gets_404(
    client, make_user, make_story, vb, make_respondent, make_consent
):
    respondent = make_respondent(owner=vb)
    make_consent(respondent, research=False, sessions=True)
    story = _interview(make_story, vb, respondent)
    login(client, make_user(Role.ONDERZOEKER, teams=[]))
    assert client.get(f"/interviews/{story.id}").status_code == 404


# --- the effect of withdrawal --------------------------------------------------------------------


def _withdraw(session, respondent_id, vb):
    respondent = respondents.get_respondent(session, respondent_id)
    today = utcnow().date()
    respondents.withdraw_consent(session, respondent, on=today, by=vb, today=today)
    session.commit()


def test_withdrawal_takes_story_out_of_analysis_reads(
    session, make_user, make_story, vb, consented
):
    story = _interview(make_story, vb, consented)
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    query = select(Story.id).where(policy.readable_stories(researcher))
    assert story.id in session.scalars(query).all()
    _withdraw(session, consented.id, vb)
    assert story.id not in session.scalars(query).all()


def test_withdrawal_takes_story_out_of_sessions(session, make_user, make_story, vb, consented):
    story = _interview(make_story, vb, consented)
    coach = make_user(Role.COACH)
    assert [s.id for s in interviews.interviews_usable_in_sessions(session, coach)] == [story.id]
    _withdraw(session, consented.id, vb)
    assert session.scalars(select(Story.id).where(policy.usable_in_sessions())).all() == []
    assert interviews.interviews_usable_in_sessions(session, coach) == []


def test_withdrawal_takes_story_out_of_research_readable_set_for_exports(
    client, session, make_user, make_story, vb, consented
):
    story = _interview(make_story, vb, consented)
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    _withdraw(session, consented.id, vb)
    export_query = select(Story.id).where(
        Story.kind == StoryKind.INTERVIEW, policy.readable_stories(researcher)
    )
    assert session.scalars(export_query).all() == []
    login(client, researcher)
    assert client.get(f"/interviews/{story.id}").status_code == 404
    logout(client)
    login(client, vb)  # the verhalenbegeleider still sees it until the retention job deletes it
    own = client.get(f"/interviews/{story.id}")
    assert own.status_code == 200 and "toestemming voor dit verhaal is ingetrokken" in own.text


def test_only_session_consent_makes_an_interview_usable(
    session, make_user, make_story, vb, make_respondent, make_consent
):
    without = make_respondent(owner=vb)
    make_consent(without, research=True, sessions=False)
    _interview(make_story, vb, without)
    assert interviews.interviews_usable_in_sessions(session, make_user(Role.COACH)) == []


def test_consent_form_is_printed_in_dutch_and_english_whatever_the_ui_language(client, vb):
    login(client, vb)
    post_form(client, "/language", {"locale": "en"}, token_from="/")
    page = client.get("/respondents/consent-form").text
    assert 'lang="nl"' in page and 'lang="en"' in page
    assert "Wij willen uw verhaal horen." in page  # the simple-language part, in Dutch
    assert "Consent to use your story" in page
    assert "Consent form" in page  # the page itself follows the reader's language
