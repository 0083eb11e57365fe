"""Dates are judged in the team's time zone, never from the UTC date (issue 12, defect 1): at 00:30
in Amsterdam the UTC date is still yesterday (23:30 UTC in winter, 22:30 UTC in summer)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.cycles.schedule import user_today
from portal.models import Role, Story, StoryStatus
from portal.views.interviews import entry
from portal.views.stories import flow
from tests.helpers import csrf_token, login

HALF_PAST_MIDNIGHT = [
    pytest.param(datetime(2026, 1, 14, 23, 30, tzinfo=UTC), date(2026, 1, 15), id="winter"),
    pytest.param(datetime(2026, 7, 14, 22, 30, tzinfo=UTC), date(2026, 7, 15), id="summer"),
]


@pytest.mark.parametrize(("now", "local"), HALF_PAST_MIDNIGHT)
def test_today_is_the_local_date_for_team_members_and_for_people_without_a_team(
    app_ctx, make_user, now, local
):
    assert now.date() != local
    assert user_today(make_user(Role.KLANTMANAGER), now) == local
    assert user_today(make_user(Role.VERHALENBEGELEIDER, teams=[]), now) == local


@pytest.mark.parametrize(("now", "local"), HALF_PAST_MIDNIGHT)
def test_a_reflection_dated_today_is_saved_and_submitted_at_half_past_midnight(
    client, session, monkeypatch, make_user, now, local
):
    monkeypatch.setattr(flow, "utcnow", lambda: now)
    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    data = {
        "title": "Nachtelijk telefoontje",
        "body_md": "Hij belde na middernacht over de brief van de gemeente.",
        "experienced_on": local.isoformat(),
        "go": "save",
        "csrf_token": csrf_token(client.get("/stories/new")),
    }
    response = client.post("/stories/new", data=data)
    assert response.status_code == 302, response.text
    story = session.scalar(select(Story).where(Story.author_id == km.id))
    assert story.experienced_on == local
    token = csrf_token(client.get(f"/stories/{story.id}/interpret"))
    answers = {"q-role_balance-na": "y", "q-what_worked-na": "y", "q-motivation-na": "y"}
    answers |= {"q-agency": "60", "q-agency-set": "1", "go": "next", "csrf_token": token}
    assert client.post(f"/stories/{story.id}/interpret", data=answers).status_code == 302
    token = csrf_token(client.get(f"/stories/{story.id}/check"))
    response = client.post(f"/stories/{story.id}/submit", data={"csrf_token": token})
    assert response.status_code == 302, response.text
    session.expire_all()
    assert session.get(Story, story.id).status is StoryStatus.SUBMITTED


@pytest.mark.parametrize(("now", "local"), HALF_PAST_MIDNIGHT)
def test_an_interview_dated_today_is_saved_at_half_past_midnight(
    client, session, monkeypatch, make_user, make_respondent, make_consent, now, local
):
    monkeypatch.setattr(entry, "utcnow", lambda: now)
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    respondent = make_respondent(owner=vb)
    make_consent(respondent)
    login(client, vb)
    data = {
        "respondent_id": str(respondent.id),
        "title": "Eerste week op de taalschool",
        "language": "nl",
        "body_md": "Ik was bang dat ik te oud was om te leren.",
        "experienced_on": local.isoformat(),
        "go": "save",
        "csrf_token": csrf_token(client.get("/interviews/new")),
    }
    response = client.post("/interviews/new", data=data)
    assert response.status_code == 302, response.text
    story = session.scalar(select(Story).where(Story.author_id == vb.id))
    assert story.experienced_on == local and story.status is StoryStatus.DRAFT
