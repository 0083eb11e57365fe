"""Bringing an observation into a team session (issue 15): the session's coach picks one of the
planned or open sessions they coach on the observation's page and adds it with a short reason;
the session page (every phase) and its report show it; the coach removes it until the session is
closed, then the record is frozen. Onderzoekers and participants read it with the session."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.analysis.observations import create_observation
from portal.models import Role, SessionStatus, TeamSessionObservation, utcnow
from portal.team_sessions import record, service
from portal.team_sessions.phases import phases
from portal.team_sessions.service import NewSession
from tests.helpers import count_queries, csrf_token, login, logout

REASON = "Past bij ons gesprek over regie"


@pytest.fixture
def observation(session, make_user):
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    made = create_observation(
        session,
        researcher,
        kind="reflection",
        chart="scatter:motivation:agency",
        query="sx=motivation&sy=agency",
        title="Regie en motivatie gaan samen",
        text="Meer regie, vaker zelf gewild.",
        strength="strong",
        interpretations=["Regie voedt motivatie.", "Gemotiveerden krijgen meer ruimte."],
    )
    session.commit()
    return made


def _bring(client, observation, team_session_id, reason=REASON):
    page = client.get(f"/analysis/observations/{observation.id}")
    data = {"team_session": str(team_session_id), "reason": reason}
    return client.post(
        f"/analysis/observations/{observation.id}/sessions",
        data={**data, "csrf_token": csrf_token(page)},
    )


def _linked(session) -> int:
    return session.scalar(select(func.count(TeamSessionObservation.id)))


def test_the_coach_brings_an_observation_into_a_planned_session_and_everyone_reads_it(
    client, session, make_running, observation, make_user
):
    running = make_running(open_it=False)
    ts = running.team_session
    login(client, running.coach)
    page = client.get(f"/analysis/observations/{observation.id}")
    assert page.status_code == 200
    assert f'<option value="{ts.id}">' in page.text and "In een teamsessie brengen" in page.text

    response = _bring(client, observation, ts.id)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/sessions/{ts.id}#observations")
    item = session.scalar(select(TeamSessionObservation))
    assert (item.team_session_id, item.reason, item.added_by_id) == (
        ts.id,
        REASON,
        running.coach.id,
    )

    html = client.get(f"/sessions/{ts.id}").text
    section = html.split('id="observations"')[1].split("</section>")[0]
    for text in (
        "Regie en motivatie gaan samen",
        "Meer regie, vaker zelf gewild.",
        "sterk",
        "Regie voedt motivatie.",
        "Gemotiveerden krijgen meer ruimte.",
        REASON,
    ):
        assert text in section, text
    assert "/analysis/reflection?sx=motivation&amp;sy=agency" in section  # its chart
    assert "Weghalen" in section
    # the observation page now says where it is
    assert "Intervisie" in client.get(f"/analysis/observations/{observation.id}").text

    report = client.get(f"/sessions/{ts.id}/report").text
    assert "Gemotiveerden krijgen meer ruimte." in report and "Weghalen" not in report

    logout(client)
    login(client, running.members[0])  # a participant reads it, without the analysis link
    section = client.get(f"/sessions/{ts.id}").text.split('id="observations"')[1]
    section = section.split("</section>")[0]
    assert "Regie voedt motivatie." in section and "/analysis/" not in section
    assert "Weghalen" not in section

    logout(client)
    login(client, make_user(Role.ONDERZOEKER, teams=[]))
    html = client.get(f"/sessions/{ts.id}").text
    assert "Regie voedt motivatie." in html and "/analysis/reflection?sx=motivation" in html
    assert "Regie voedt motivatie." in client.get(f"/sessions/{ts.id}/report").text


def test_the_observation_shows_in_every_phase_of_an_open_session(
    client, session, make_running, observation
):
    running = make_running()
    ts = running.team_session
    login(client, running.coach)
    assert _bring(client, observation, ts.id).status_code == 302
    for index, _phase in enumerate(phases(ts.method)):
        service.move_phase(session, running.reload(), index)
        session.commit()
        html = client.get(f"/sessions/{ts.id}").text
        assert "Regie en motivatie gaan samen" in html, index


def test_the_picker_offers_only_planned_and_open_sessions_the_coach_runs(
    client, session, make_running, make_team, make_user, observation
):
    planned = make_running(open_it=False)
    coach = planned.coach
    closed = service.create(
        session,
        coach,
        NewSession(planned.team_session.team_id, "Gesloten", date(2026, 11, 1), "free", "named"),
    )
    closed.status = SessionStatus.CLOSED
    other_team = make_team("Team Zuid")
    other_coach = make_user(Role.COACH, teams=[other_team])
    session.commit()
    elsewhere = service.create(
        session,
        other_coach,
        NewSession(other_team.id, "Elders", date(2026, 12, 1), "free", "named"),
    )
    session.commit()
    login(client, coach)
    page = client.get(f"/analysis/observations/{observation.id}").text
    assert f'value="{planned.team_session.id}"' in page
    assert f'value="{closed.id}"' not in page and f'value="{elsewhere.id}"' not in page
    # and posting them anyway is refused, with the reason kept
    for refused_id in (closed.id, elsewhere.id, 2147483647):
        response = _bring(client, observation, refused_id, reason="Mijn eigen woorden")
        assert response.status_code == 400
        assert "Kies een sessie die je coacht" in response.text
        assert "Mijn eigen woorden" in response.text
    assert _linked(session) == 0


def test_a_reason_is_needed_and_an_observation_comes_in_once(
    client, session, make_running, observation
):
    running = make_running(open_it=False)
    login(client, running.coach)
    response = _bring(client, observation, running.team_session.id, reason="  ")
    assert response.status_code == 400 and "Schrijf kort waarom" in response.text
    response = _bring(client, observation, running.team_session.id, reason="x" * 501)
    assert response.status_code == 400 and "hooguit 500 tekens" in response.text
    assert _bring(client, observation, running.team_session.id).status_code == 302
    again = _bring(client, observation, running.team_session.id)
    assert again.status_code == 400 and "zit al in deze sessie" in again.text
    assert _linked(session) == 1


def test_who_may_bring_one_in_is_the_policys(client, session, make_running, observation, make_user):
    running = make_running(open_it=False)
    ts_id = running.team_session.id
    login(client, make_user(Role.ONDERZOEKER, teams=[]))
    assert (
        "In een teamsessie brengen"
        not in client.get(f"/analysis/observations/{observation.id}").text
    )
    assert _bring(client, observation, ts_id).status_code == 403
    logout(client)
    login(client, running.members[0])  # a participant: no analysis at all
    token = csrf_token(client.get("/settings"))
    response = client.post(
        f"/analysis/observations/{observation.id}/sessions",
        data={"team_session": str(ts_id), "reason": REASON, "csrf_token": token},
    )
    assert response.status_code == 403
    assert _linked(session) == 0


def test_the_coach_removes_it_until_the_session_is_closed_then_it_is_frozen(
    client, session, make_running, observation
):
    running = make_running()
    ts = running.team_session
    login(client, running.coach)
    _bring(client, observation, ts.id)
    item = session.scalar(select(TeamSessionObservation))
    url = f"/sessions/{ts.id}/observations/{item.id}/remove"
    token = csrf_token(client.get(f"/sessions/{ts.id}"))
    response = client.post(url, data={"csrf_token": token})
    assert response.status_code == 302 and _linked(session) == 0

    _bring(client, observation, ts.id)
    item = session.scalar(select(TeamSessionObservation))
    ts = running.reload()
    record.close(session, ts, running.items(), now=utcnow())
    session.commit()
    html = client.get(f"/sessions/{ts.id}").text
    assert "Regie en motivatie gaan samen" in html  # the record keeps it
    assert f"/observations/{item.id}/remove" not in html
    token = csrf_token(html)
    response = client.post(
        f"/sessions/{ts.id}/observations/{item.id}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 403 and _linked(session) == 1
    assert _bring(client, observation, ts.id).status_code == 400  # no new ones either
    page = client.get(f"/analysis/observations/{observation.id}").text
    assert f'<option value="{ts.id}">' not in page


def test_an_item_of_another_session_is_404(client, session, make_running, observation):
    first = make_running(open_it=False)
    login(client, first.coach)
    _bring(client, observation, first.team_session.id)
    item = session.scalar(select(TeamSessionObservation))
    ts = service.create(
        session,
        first.coach,
        NewSession(first.team_session.team_id, "Tweede", date(2026, 12, 14), "free", "named"),
    )
    session.commit()
    token = csrf_token(client.get(f"/sessions/{ts.id}"))
    response = client.post(
        f"/sessions/{ts.id}/observations/{item.id}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 404 and _linked(session) == 1


def test_the_session_page_takes_the_same_statements_for_one_and_five_observations(
    app, client, session, make_running, make_user
):
    running = make_running(open_it=False)
    researcher = make_user(Role.ONDERZOEKER, teams=[])
    login(client, running.coach)
    counts = []
    for n in (1, 5):
        while _linked(session) < n:
            made = create_observation(
                session,
                researcher,
                kind="reflection",
                chart="slider:agency",
                query="",
                title=f"Observatie {_linked(session)}",
                text="",
                strength="medium",
                interpretations=["een", "twee"],
            )
            session.add(
                TeamSessionObservation(
                    team_session_id=running.team_session.id, observation_id=made.id, reason="r"
                )
            )
            session.commit()
        with count_queries(app.extensions["db_engine"]) as counter:
            assert client.get(f"/sessions/{running.team_session.id}").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_two_tabs_bringing_one_observation_in_at_once_give_one_and_a_message(
    app, session, make_running, observation
):
    from portal.models import Observation, TeamSession, User
    from portal.team_sessions import observations
    from portal.team_sessions.service import TeamSessionError
    from tests.stories.test_races import _at_once

    running = make_running(open_it=False)
    ids = (running.coach.id, running.team_session.id, observation.id)

    def bring(s, _i):
        coach, ts, obs = s.get(User, ids[0]), s.get(TeamSession, ids[1]), s.get(Observation, ids[2])
        observations.bring_in(s, coach, ts, obs, REASON)

    errors = _at_once(app, bring)
    assert len(errors) == 4 and all(isinstance(e, TeamSessionError) for e in errors), errors
    assert _linked(session) == 1
