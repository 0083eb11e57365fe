"""Verhalenbegeleiders: the "Mijn gesprekken" list (bounded queries) and the demo interviews."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.interviews import service as interviews
from portal.models import Answer, Consent, Respondent, Role, Story, StoryKind, StoryStatus
from tests.helpers import count_queries, login, logout

VB = Role.VERHALENBEGELEIDER


def _interview(make_story, vb, respondent, **kw):
    kw.setdefault("submitted", True)
    return make_story(StoryKind.INTERVIEW, author=vb, team=None, respondent=respondent, **kw)


# --- lists ---------------------------------------------------------------------------------------


def _fill(make_story, make_respondent, make_consent, vb, n):
    for i in range(n):
        respondent = make_respondent(owner=vb)
        make_consent(respondent, withdrawn=i % 3 == 0)
        _interview(make_story, vb, respondent, submitted=i % 2 == 0)


def _list_queries(app, client) -> int:
    with count_queries(app.extensions["db_engine"]) as counter:
        page = client.get("/respondents")
    assert page.status_code == 200
    return counter.count


def test_list_page_query_count_does_not_grow(
    app, client, make_user, make_story, make_respondent, make_consent
):
    small, large = make_user(VB, teams=[]), make_user(VB, teams=[])
    _fill(make_story, make_respondent, make_consent, small, 5)
    _fill(make_story, make_respondent, make_consent, large, 50)
    login(client, small)
    few = _list_queries(app, client)
    logout(client)
    login(client, large)
    many = _list_queries(app, client)
    assert few == many
    page = client.get("/respondents")
    assert page.text.count('class="story-list__item"') == 2 * interviews.PER_PAGE


def test_list_shows_only_own_interviews(client, make_user, make_story, vb, consented):
    mine = _interview(make_story, vb, consented, title="Mijn gesprek")
    other = make_user(VB, teams=[])
    _interview(make_story, other, None, title="Ander gesprek")
    login(client, vb)
    page = client.get("/respondents")
    assert mine.title in page.text and "Ander gesprek" not in page.text


# --- demo ----------------------------------------------------------------------------------------


def test_demo_adds_interviews_with_consent_once(session):
    from portal.demo.team import create_demo

    today = date(2026, 11, 23)
    first = create_demo(session, password="demo-wachtwoord", stories=0, today=today)
    session.commit()
    again = create_demo(session, password="demo-wachtwoord", stories=0, today=today)
    session.commit()
    assert (first.interviews_added, again.interviews_added) == (10, 0)
    assert session.scalar(select(func.count(Respondent.id))) == 8
    stories = session.scalars(select(Story).where(Story.kind == StoryKind.INTERVIEW)).all()
    assert {s.language for s in stories} >= {"ar", "ti", "nl"}
    assert all(s.translation_nl for s in stories if s.language != "nl")
    assert all(s.status is StoryStatus.SUBMITTED for s in stories)
    scopes = {c.scope_sessions for c in session.scalars(select(Consent))}
    assert scopes == {True, False}
    assert session.scalar(select(func.count(Answer.id))) >= 10 * 6


# --- the respondent page after withdrawal --------------------------------------------------------


def test_respondent_page_offers_a_new_interview_only_while_consent_holds(
    client, make_story, make_respondent, make_consent, vb
):
    with_consent = make_respondent(owner=vb)
    make_consent(with_consent)
    withdrawn = make_respondent(owner=vb)
    make_consent(withdrawn, withdrawn=True)
    _interview(make_story, vb, withdrawn, title="Na de intrekking")
    login(client, vb)

    page = client.get(f"/respondents/{with_consent.id}").text
    assert f"/interviews/new?respondent={with_consent.id}" in page
    assert "geen geldige toestemming" not in page

    page = client.get(f"/respondents/{withdrawn.id}").text
    assert "/interviews/new" not in page
    assert "Leg eerst de toestemming vast" in page
    assert "Na de intrekking" in page and "geen geldige toestemming" in page
    # make_consent withdraws on 2 February 2026; RETENTION_DAYS is 30 by default.
    assert "op 4 maart 2026 definitief verwijderd" in page
