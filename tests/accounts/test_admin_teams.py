"""Teams in the browser (/admin/teams): create, schedule, reminder day, members and coaches."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.cycles.reminders import queue_reminders
from portal.cycles.schedule import ensure_cycle
from portal.models import AuditEvent, OutboxMessage, Role, Team, utcnow
from tests.helpers import count_queries, login, post_form


@pytest.fixture
def admin(client, beheerder):
    login(client, beheerder)
    return beheerder


def _team(session, name: str) -> Team:
    session.expire_all()
    return session.scalar(select(Team).where(Team.name == name))


def test_beheerder_creates_a_team_and_chooses_members_and_coaches(
    client, session, admin, make_user
):
    km = make_user(Role.KLANTMANAGER, teams=[])
    coach = make_user(Role.COACH, teams=[])
    response = post_form(
        client,
        "/admin/teams",
        {"name": "Team Oost", "cycle_start": "2026-12-07", "cycle_length_days": "14"},
    )
    assert response.status_code == 302
    team = _team(session, "Team Oost")
    assert team.cycle_start == date(2026, 12, 7) and team.reminder_days_before_end is None
    url = f"/admin/teams/{team.id}"
    response = post_form(
        client,
        url,
        {
            "name": "Team Oost",
            "cycle_start": "2026-12-07",
            "cycle_length_days": "14",
            "reminder_days": "2",
            "members": [str(km.id), str(coach.id)],
            "coaches": [str(coach.id)],
        },
    )
    assert response.status_code == 302
    session.expire_all()
    assert km.team_ids == {team.id} and coach.coached_team_ids == {team.id}
    assert _team(session, "Team Oost").reminder_days_before_end == 2
    assert {"team_created", "team_updated"} <= set(session.scalars(select(AuditEvent.action)))


def test_a_coach_needs_the_coach_role_and_a_duplicate_name_is_refused(
    client, session, admin, team, make_team, klantmanager
):
    make_team("Team Zuid")
    data = {"name": "team zuid", "cycle_start": "2026-01-05", "cycle_length_days": "14"}
    response = post_form(client, f"/admin/teams/{team.id}", data)
    assert response.status_code == 400 and "al een team" in response.text
    assert 'value="team zuid"' in response.text  # the form comes back as typed
    data = {**data, "name": "Team Noord", "coaches": [str(klantmanager.id)]}
    assert post_form(client, f"/admin/teams/{team.id}", data).status_code == 400


def test_start_and_length_are_fixed_once_a_cycle_was_reached(client, session, admin, team):
    ensure_cycle(session, team, date(2026, 1, 6))
    session.commit()
    response = post_form(
        client,
        f"/admin/teams/{team.id}",
        {"name": "Team Noord", "cycle_start": "2026-02-02", "cycle_length_days": "7"},
    )
    assert response.status_code == 400 and "liggen vast" in response.text
    assert _team(session, "Team Noord").cycle_length_days == 14


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "cycle_length_days": "14"},
        {"name": "X", "cycle_length_days": "0"},
        {"name": "X", "cycle_length_days": "abc"},
        {"name": "X", "cycle_length_days": "14", "reminder_days": "20"},
        {"name": "X", "cycle_length_days": "14", "cycle_start": "2026-02-31"},
        {"name": "X", "cycle_length_days": "9" * 400},  # past a float: was a 500
        {"name": "X", "cycle_length_days": "14", "reminder_days": "-" + "9" * 400},
    ],
)
def test_bad_team_input_is_refused_with_the_form_kept(client, session, admin, data):
    response = post_form(client, "/admin/teams", data)
    assert response.status_code == 400
    assert _team(session, "X") is None


def test_the_team_reminder_day_decides_when_the_reminder_goes_out(
    app_ctx, session, team, klantmanager
):
    team.reminder_days_before_end = 10  # cycle 1: 5–18 January; reminder from 8 January
    session.commit()
    queue_reminders(session, now=utcnow(), today=date(2026, 1, 8))
    session.commit()
    kinds = set(session.scalars(select(OutboxMessage.kind)))
    assert kinds == {"reminder"}


@pytest.mark.parametrize("teams", [3, 30])
def test_team_list_has_a_bounded_number_of_queries(app, client, admin, make_team, teams):
    for i in range(teams):
        make_team(f"Team {i:02d}")
    client.get("/admin/teams")
    with count_queries(app.extensions["db_engine"]) as counter:
        assert client.get("/admin/teams").status_code == 200
    assert counter.count <= 10, counter.statements
