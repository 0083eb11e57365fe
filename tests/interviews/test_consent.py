"""Consent needs a purpose, and withdrawing it is confirmed on a page that says what happens
(issue 12, defects 5 and 6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.interviews import respondents
from portal.models import Consent, ConsentMethod, Role
from tests.helpers import csrf_token, login, post_form


@pytest.fixture
def vb(make_user):
    return make_user(Role.VERHALENBEGELEIDER, teams=[])


def _consents(session, respondent) -> int:
    session.expire_all()
    return session.scalar(
        select(func.count(Consent.id)).where(Consent.respondent_id == respondent.id)
    )


def _active(session, respondent) -> int:
    session.expire_all()
    query = select(func.count(Consent.id)).where(
        Consent.respondent_id == respondent.id, Consent.withdrawn_on.is_(None)
    )
    return session.scalar(query)


def test_consent_without_any_scope_is_refused_and_stores_nothing(session, vb, make_respondent):
    respondent = make_respondent(owner=vb)
    data = respondents.ConsentInput(date(2026, 11, 2), ConsentMethod.SPOKEN, "ar")
    with pytest.raises(respondents.ConsentError) as refused:
        respondents.record_consent(session, respondent, data, by=vb, today=date(2026, 11, 30))
    assert refused.value.field == "scopes"
    assert _consents(session, respondent) == 0


def test_the_consent_form_explains_each_scope_and_refuses_none_ticked(
    client, session, vb, make_respondent
):
    respondent = make_respondent(owner=vb)
    login(client, vb)
    url = f"/respondents/{respondent.id}"
    page = client.get(url).text
    assert "Onderzoekers mogen het verhaal zonder naam gebruiken" in page
    assert "samen bespreken" in page and "letterlijk in een rapport" in page
    data = {"given_on": "2026-11-02", "method": "spoken", "language": "ar"}
    response = post_form(client, f"{url}/consent", data, token_from=url)
    assert response.status_code == 400
    assert 'href="#scope_research"' in response.text  # the error summary links to the choice
    assert "minstens één doel" in response.text
    assert _consents(session, respondent) == 0
    assert "Zonder toestemming kun je geen verhaal bewaren" in client.get(url).text


def test_withdrawing_asks_first_and_states_what_happens_and_the_deletion_date(
    app, client, session, vb, make_respondent, make_consent, make_story
):
    respondent = make_respondent(owner=vb)
    make_consent(respondent)
    make_story(kind="interview", author=vb, respondent=respondent, submitted=True)
    login(client, vb)
    page = client.get(f"/respondents/{respondent.id}")
    assert f'href="/respondents/{respondent.id}/withdraw"' in page.text
    assert 'name="withdrawn_on"' not in page.text  # nothing on the respondent page acts at once
    confirm = client.get(f"/respondents/{respondent.id}/withdraw")
    assert confirm.status_code == 200
    days = app.config["RETENTION_DAYS"]
    assert f"{days} dagen na de datum van intrekken" in confirm.text
    assert "Het gesprek met deze respondent wordt meteen niet meer gebruikt" in confirm.text
    assert _active(session, respondent) == 1
    on = date.today() - timedelta(days=1)
    response = client.post(
        f"/respondents/{respondent.id}/withdraw",
        data={"withdrawn_on": on.isoformat(), "csrf_token": csrf_token(confirm)},
    )
    assert response.status_code == 302
    assert _active(session, respondent) == 0


def test_withdrawal_date_in_the_future_comes_back_on_the_confirmation_page(
    client, vb, make_respondent, make_consent
):
    respondent = make_respondent(owner=vb)
    make_consent(respondent)
    login(client, vb)
    url = f"/respondents/{respondent.id}/withdraw"
    later = (date.today() + timedelta(days=10)).isoformat()
    response = post_form(client, url, {"withdrawn_on": later})
    assert response.status_code == 400
    assert "Toestemming van" in response.text and "in de toekomst" in response.text


def test_without_consent_the_confirmation_page_sends_back_to_the_respondent(
    client, vb, make_respondent
):
    respondent = make_respondent(owner=vb)
    login(client, vb)
    response = client.get(f"/respondents/{respondent.id}/withdraw")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/respondents/{respondent.id}"
