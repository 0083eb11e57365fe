"""The participation grid: written / skipped / missing / not yet; who sees which team; bounded SQL."""

from __future__ import annotations

from datetime import date, timedelta

from portal.cycles.participation import Status, streak, team_grid, visible_teams
from portal.cycles.schedule import cycle_bounds, ensure_cycle
from portal.models import CycleSkip, OutboxMessage, Role
from tests.helpers import count_queries, login, logout, post_form

TODAY = date.today()


def _team_with_cycles(make_team, session, n: int, name: str):
    """A team whose cycle ``n`` holds today, with cycles 1..n stored."""
    team = make_team(name, cycle_start=TODAY - timedelta(days=14 * (n - 1) + 1))
    cycles = [ensure_cycle(session, team, cycle_bounds(team, k)[0]) for k in range(1, n + 1)]
    session.commit()
    return team, cycles


def test_grid_tells_written_skipped_missing_and_not_yet(session, make_team, make_user, make_story):
    team, cycles = _team_with_cycles(make_team, session, 3, "Team Oost")
    km1 = make_user(Role.KLANTMANAGER, teams=[team], display_name="Anna")
    km2 = make_user(Role.KLANTMANAGER, teams=[team], display_name="Bram")
    make_story(author=km1, submitted=True, written_on=cycles[0].starts_on, title="Geheim verhaal")
    make_story(author=km1, submitted=True, written_on=cycles[2].starts_on)
    make_story(author=km2, submitted=False, written_on=cycles[1].starts_on)  # a draft
    session.add(CycleSkip(user_id=km2.id, cycle_id=cycles[0].id, reason="ziek"))
    session.commit()
    grid = team_grid(session, team, today=TODAY)
    rows = {r.person.display_name: r for r in grid.rows}
    W, S, M, N = Status.WRITTEN, Status.SKIPPED, Status.MISSING, Status.NOT_YET
    assert rows["Anna"].cells == [W, M, W]
    assert rows["Bram"].cells == [S, M, N]
    assert (rows["Anna"].written, rows["Anna"].missing) == (2, 1)
    assert (rows["Bram"].skipped, rows["Bram"].missing) == (1, 1)
    # cycle 1: Bram skipped, so 1 of 1 expected wrote; cycle 2: 0 of 2; cycle 3: 1 of 2
    assert grid.rates == [100, 0, 50]
    assert streak(rows["Anna"].cells) == 1
    assert streak([W, S, W, N]) == 2


def test_page_shows_counts_not_content(client, session, make_team, make_user, make_story):
    team, cycles = _team_with_cycles(make_team, session, 3, "Team Oost")
    km = make_user(Role.KLANTMANAGER, teams=[team], display_name="Anna")
    make_story(author=km, submitted=True, written_on=cycles[0].starts_on, title="Geheim verhaal")
    login(client, make_user(Role.ONDERZOEKER, teams=[]))
    html = client.get(f"/participation?team={team.id}").text
    assert "Geheim verhaal" not in html
    assert "Anna" not in html  # DESIGN §2: onderzoekers see counts, not who (issue 12, defect 10)
    assert '<th scope="row">Geschreven</th>' in html and "<caption>" in html
    assert "Deelname per ronde" in html


def test_the_coach_sees_who_wrote_and_the_beheerder_only_counts(
    client, session, make_team, make_user, make_story
):
    team, cycles = _team_with_cycles(make_team, session, 2, "Team Oost")
    km = make_user(Role.KLANTMANAGER, teams=[team], display_name="Anna")
    make_story(author=km, submitted=True, written_on=cycles[0].starts_on)
    coach = make_user(Role.COACH, teams=[])
    coach.coached_teams.append(team)
    session.commit()
    login(client, coach)
    assert '<th scope="row">Anna</th>' in client.get(f"/participation?team={team.id}").text
    logout(client)
    login(client, make_user(Role.BEHEERDER, teams=[]))
    html = client.get(f"/participation?team={team.id}").text
    assert "Anna" not in html and '<th scope="row">Geschreven</th>' in html


def test_coach_sees_only_their_teams(client, session, make_team, make_user):
    mine, _ = _team_with_cycles(make_team, session, 2, "Team Coach")
    other, _ = _team_with_cycles(make_team, session, 2, "Team Ander")
    make_user(Role.KLANTMANAGER, teams=[mine], display_name="Eigen Persoon")
    make_user(Role.KLANTMANAGER, teams=[other], display_name="Vreemde Persoon")
    login(client, make_user(Role.COACH, teams=[mine]))
    html = client.get(f"/participation?team={other.id}").text
    assert "Eigen Persoon" in html
    assert "Vreemde Persoon" not in html and "Team Ander" not in html


def test_a_former_coach_still_listed_as_coach_sees_only_their_own_row(
    client, session, make_team, make_user
):
    team, _ = _team_with_cycles(make_team, session, 2, "Team Oud")
    make_user(Role.KLANTMANAGER, teams=[team], display_name="Collega Ander")
    former = make_user(Role.KLANTMANAGER, teams=[team], display_name="Oud Coach")
    former.coached_teams.append(team)  # the coach role is gone, the team link stayed
    session.commit()
    assert visible_teams(session, former) == []
    login(client, former)
    response = client.get(f"/participation?team={team.id}")
    assert response.status_code == 200
    assert "Oud Coach" in response.text and "Collega Ander" not in response.text


def test_only_a_beheerder_is_shown_the_mail_that_could_not_be_sent(
    client, session, make_team, make_user
):
    team, _ = _team_with_cycles(make_team, session, 1, "Team Post")
    session.add(
        OutboxMessage(
            to_address="onbereikbaar@test.example",
            kind="reminder",
            dedup_key="reminder-test-1",
            subject="Herinnering",
            body_text="Schrijf je verhaal.",
            attempts=2,
            last_error="550 mailbox unavailable",
        )
    )
    session.commit()
    for user, shown in [
        (make_user(Role.BEHEERDER, teams=[]), True),
        (make_user(Role.ONDERZOEKER, teams=[]), False),
        (make_user(Role.COACH, teams=[team]), False),
        (make_user(Role.KLANTMANAGER, teams=[team]), False),
    ]:
        login(client, user)
        html = client.get("/participation").text
        assert ("onbereikbaar@test.example" in html) is shown, user.roles
        logout(client)


def test_klantmanager_sees_only_their_own_row(client, session, make_team, make_user, make_story):
    team, cycles = _team_with_cycles(make_team, session, 3, "Team Oost")
    me = make_user(Role.KLANTMANAGER, teams=[team], display_name="Ikke Zelf")
    make_user(Role.KLANTMANAGER, teams=[team], display_name="Collega Ander")
    make_story(author=me, submitted=True, written_on=cycles[1].starts_on)
    make_story(author=me, submitted=True, written_on=cycles[2].starts_on)
    login(client, me)
    html = client.get("/participation").text
    assert "Ikke Zelf" in html and "Collega Ander" not in html
    assert "2 rondes op rij" in html


def test_skipping_a_cycle_from_the_home_page(client, session, make_team, make_user):
    team, cycles = _team_with_cycles(make_team, session, 2, "Team Oost")
    me = make_user(Role.KLANTMANAGER, teams=[team])
    login(client, me)
    assert f"/participation/skip/{cycles[1].id}" in client.get("/").text
    url = f"/participation/skip/{cycles[1].id}"
    assert post_form(client, url, {"reason": "anders"}).status_code == 302
    assert post_form(client, url, {"reason": "onzin"}).status_code == 200  # refused
    grid = team_grid(session, team, today=TODAY, only=me)
    assert grid.rows[0].cells == [Status.MISSING, Status.SKIPPED]
    assert post_form(client, url, {"undo": "1"}).status_code == 302
    grid = team_grid(session, team, today=TODAY, only=me)
    assert grid.rows[0].cells == [Status.MISSING, Status.NOT_YET]


def test_skip_of_another_teams_cycle_is_404(client, session, make_team, make_user):
    _other, cycles = _team_with_cycles(make_team, session, 1, "Team Ander")
    login(client, make_user(Role.KLANTMANAGER))
    assert client.get(f"/participation/skip/{cycles[0].id}").status_code == 404


def test_query_count_is_the_same_for_3_and_30_cycles(
    app, client, session, make_team, make_user, make_story
):
    counts = {}
    admin = make_user(Role.BEHEERDER, teams=[])
    teams = {}
    for n in (3, 30):
        team, cycles = _team_with_cycles(make_team, session, n, f"Team {n}")
        people = [make_user(Role.KLANTMANAGER, teams=[team]) for _ in range(4)]
        for i, cycle in enumerate(cycles):
            make_story(author=people[i % 4], submitted=True, written_on=cycle.starts_on)
        session.add(CycleSkip(user_id=people[1].id, cycle_id=cycles[0].id, reason="vakantie"))
        session.commit()
        teams[n] = team
    login(client, admin)
    for n, team in teams.items():
        client.get(f"/participation?team={team.id}")  # warm-up (stores nothing new)
        with count_queries(app.extensions["db_engine"]) as counter:
            response = client.get(f"/participation?team={team.id}")
        assert response.status_code == 200
        counts[n] = counter.count
    assert counts[3] == counts[30], counts
    assert counts[30] <= 15, counts


def test_older_cycles_are_paged(client, session, make_team, make_user):
    team, _ = _team_with_cycles(make_team, session, 14, "Team Lang")
    make_user(Role.KLANTMANAGER, teams=[team])
    login(client, make_user(Role.ONDERZOEKER, teams=[]))
    first = client.get(f"/participation?team={team.id}").text
    assert "Eerdere rondes" in first and ">R14<" in first and ">R2<" not in first
    older = client.get(f"/participation?team={team.id}&page=2").text
    assert ">R2<" in older and ">R1<" in older and ">R3<" not in older
