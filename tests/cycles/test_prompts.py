"""The prompt question pages: who may use them, the forms and their errors, bounded SQL."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from portal.cycles.prompt_bank import PLAN_AHEAD
from portal.cycles.prompts import DEFAULT_BANK
from portal.cycles.schedule import cycle_bounds, cycle_number, ensure_cycle, local_today
from portal.models import Cycle, PromptQuestion, Role, utcnow
from tests.helpers import count_queries, csrf_token, login, post_form


@pytest.fixture
def north(make_team):
    """A team in its third cycle today (30 days after the start)."""
    return make_team("Team Noord-Oost", cycle_start=utcnow().date() - timedelta(days=30))


def _current(team) -> int:
    return cycle_number(team, local_today(team, utcnow()))


def _bank(session, team, *texts: str) -> list[PromptQuestion]:
    rows = [
        PromptQuestion(team_id=team.id, position=i, text_nl=t, text_en=f"{t} EN")
        for i, t in enumerate(texts, start=1)
    ]
    session.add_all(rows)
    session.commit()
    return rows


def _page(team) -> str:
    return f"/prompts/team/{team.id}"


def _post(client, team, path: str, data: dict):
    return post_form(client, f"{_page(team)}{path}", data, token_from=_page(team))


def _own_texts(session, team) -> list[str]:
    query = select(PromptQuestion.text_nl).where(PromptQuestion.team_id == team.id)
    return list(session.scalars(query.order_by(PromptQuestion.position)))


def test_coach_sees_their_teams_and_a_team_page(client, north, make_team, make_user):
    make_team("Team Ver Weg")
    login(client, make_user(Role.COACH, teams=[north]))
    index = client.get("/prompts").text
    assert _page(north) in index and "standaardvragen" in index
    assert "Team Ver Weg" not in index
    html = client.get(_page(north)).text
    current = _current(north)
    for number in range(current, current + PLAN_AHEAD + 1):
        assert f'id="cycle-{number}"' in html
    assert f'id="cycle-{current + PLAN_AHEAD + 1}"' not in html
    assert DEFAULT_BANK[(current - 1) % len(DEFAULT_BANK)][0] in html
    assert "Begin een eigen vragenbank" in html
    assert "al begonnen is, kun je nog wijzigen" in html


def test_beheerder_sees_every_team(client, north, make_team, beheerder):
    other = make_team("Team Zuid-West")
    login(client, beheerder)
    index = client.get("/prompts").text
    assert _page(north) in index and _page(other) in index
    assert client.get(_page(other)).status_code == 200


def test_coach_of_another_team_gets_404_everywhere(client, session, north, make_team, make_user):
    question = _bank(session, north, "Een", "Twee")[0]
    login(client, make_user(Role.COACH, teams=[make_team("Team Elders")]))
    assert client.get(_page(north)).status_code == 404
    assert client.get(f"{_page(north)}/questions/{question.id}").status_code == 404
    token = csrf_token(client.get("/prompts"))
    number = _current(north)
    for path, data in [
        ("/start", {}),
        ("/questions", {"text_nl": "Sluiproute"}),
        (f"/questions/{question.id}", {"text_nl": "Sluiproute"}),
        (f"/questions/{question.id}/active", {"active": "0"}),
        (f"/questions/{question.id}/move", {"direction": "down"}),
        (f"/cycles/{number}/bank", {f"c{number}-bank-question": f"q{question.id}"}),
        (f"/cycles/{number}/own", {f"c{number}-own-text_nl": "Sluiproute"}),
        (f"/cycles/{number}/rotation", {}),
    ]:
        response = client.post(f"{_page(north)}{path}", data={**data, "csrf_token": token})
        assert response.status_code == 404, path
    assert _own_texts(session, north) == ["Een", "Twee"]
    assert session.scalar(select(Cycle)) is None
    assert client.get("/prompts/team/999999").status_code == 404


def test_klantmanager_gets_403_and_anonymous_is_sent_to_login(client, north, make_user):
    klantmanager = make_user(Role.KLANTMANAGER, teams=[north])
    response = client.get(_page(north))
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert (location.path, parse_qs(location.query)["next"]) == ("/login", [_page(north)])
    login(client, klantmanager)
    assert client.get("/prompts").status_code == 403
    assert client.get(_page(north)).status_code == 403


def test_coach_builds_the_teams_own_bank(client, session, north, make_user):
    login(client, make_user(Role.COACH, teams=[north]))
    assert _post(client, north, "/start", {}).status_code == 302
    assert _own_texts(session, north) == [nl for nl, _en in DEFAULT_BANK]
    again = _post(client, north, "/start", {})
    assert again.status_code == 400 and "al een eigen vragenbank" in again.text

    response = _post(client, north, "/questions", {"text_nl": " Nieuw ", "text_en": "New"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{_page(north)}#bank")
    added = session.scalar(select(PromptQuestion).where(PromptQuestion.text_nl == "Nieuw"))
    assert (added.text_en, added.position) == ("New", len(DEFAULT_BANK) + 1)

    edit_url = f"{_page(north)}/questions/{added.id}"
    assert "Nieuw" in client.get(edit_url).text
    assert post_form(client, edit_url, {"text_nl": "Gewijzigd", "text_en": ""}).status_code == 302
    session.refresh(added)
    assert (added.text_nl, added.text_en) == ("Gewijzigd", "")

    assert (
        _post(client, north, f"/questions/{added.id}/move", {"direction": "up"}).status_code == 302
    )
    assert _own_texts(session, north)[-2:] == ["Gewijzigd", DEFAULT_BANK[-1][0]]
    assert (
        _post(client, north, f"/questions/{added.id}/move", {"direction": "sideways"}).status_code
        == 400
    )

    assert _post(client, north, f"/questions/{added.id}/active", {"active": "0"}).status_code == 302
    session.refresh(added)
    assert not added.active
    assert "Staat uit" in client.get(_page(north)).text
    assert _post(client, north, f"/questions/{added.id}/active", {"active": "1"}).status_code == 302
    session.refresh(added)
    assert added.active


def test_switching_off_the_last_question_is_refused(client, session, north, make_user):
    (only,) = _bank(session, north, "Enige")
    login(client, make_user(Role.COACH, teams=[north]))
    response = _post(client, north, f"/questions/{only.id}/active", {"active": "0"})
    assert response.status_code == 400 and "minstens één vraag" in response.text
    session.refresh(only)
    assert only.active


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text_nl": "", "text_en": "Only English"}, "Vul de vraag in het Nederlands in."),
        ({"text_nl": "   "}, "Vul de vraag in het Nederlands in."),
        ({"text_nl": "x" * 501}, "Gebruik hooguit 500 tekens."),
        ({"text_nl": "Goed", "text_en": "y" * 501}, "Gebruik hooguit 500 tekens."),
    ],
)
def test_bad_question_text_is_shown_inline(client, session, north, make_user, data, message):
    question = _bank(session, north, "Een")[0]
    login(client, make_user(Role.COACH, teams=[north]))
    for url in (f"{_page(north)}/questions", f"{_page(north)}/questions/{question.id}"):
        response = post_form(client, url, data, token_from=_page(north))
        assert response.status_code == 400, url
        html = response.text
        assert 'class="error-summary"' in html and message in html
        assert 'aria-invalid="true"' in html and 'class="field__error"' in html
    assert _own_texts(session, north) == ["Een"]


def test_coach_chooses_a_question_for_a_future_cycle(client, session, north, make_user):
    _one, two = _bank(session, north, "Een", "Twee")
    login(client, make_user(Role.COACH, teams=[north]))
    number = _current(north) + 2
    response = _post(
        client, north, f"/cycles/{number}/bank", {f"c{number}-bank-question": f"q{two.id}"}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#cycle-{number}")
    cycle = session.scalar(select(Cycle).where(Cycle.team_id == north.id, Cycle.number == number))
    assert (cycle.prompt_nl, cycle.prompt_source) == ("Twee", "chosen")
    html = client.get(_page(north)).text
    assert "Zelf gekozen voor deze ronde." in html
    # reaching the cycle keeps the choice
    assert ensure_cycle(session, north, cycle_bounds(north, number)[0]).prompt_nl == "Twee"

    own = {f"c{number}-own-text_nl": "Eigen vraag", f"c{number}-own-text_en": "Own question"}
    assert _post(client, north, f"/cycles/{number}/own", own).status_code == 302
    session.refresh(cycle)
    assert (cycle.prompt_nl, cycle.prompt_en) == ("Eigen vraag", "Own question")

    assert _post(client, north, f"/cycles/{number}/rotation", {}).status_code == 302
    assert session.scalar(select(Cycle).where(Cycle.number == number)) is None  # unused: forgotten
    assert "Zelf gekozen voor deze ronde." not in client.get(_page(north)).text


def test_changing_the_running_cycle_says_so(client, session, north, make_user):
    _bank(session, north, "Een", "Twee")
    stored = ensure_cycle(session, north, local_today(north, utcnow()))
    session.commit()
    login(client, make_user(Role.COACH, teams=[north]))
    number = stored.number
    response = _post(
        client, north, f"/cycles/{number}/own", {f"c{number}-own-text_nl": "Nu anders"}
    )
    assert response.status_code == 302
    session.refresh(stored)
    assert (stored.prompt_nl, stored.prompt_source) == ("Nu anders", "chosen")
    assert "De ronde loopt al" in client.get(response.headers["Location"]).text


def test_a_forged_or_unknown_question_is_refused(client, session, north, make_team, make_user):
    theirs = _bank(session, make_team("Team Elders"), "Van hen")[0]
    mine = _bank(session, north, "Een", "Twee")[0]
    login(client, make_user(Role.COACH, teams=[north]))
    number = _current(north) + 1
    for key in (f"q{theirs.id}", "q999999", "d0", ""):
        response = _post(client, north, f"/cycles/{number}/bank", {f"c{number}-bank-question": key})
        assert response.status_code == 400, key
        html = response.text
        assert 'aria-invalid="true"' in html
        assert "niet (meer) in de vragenbank" in html or "Kies een vraag." in html
        # the form of that cycle is open, with its error
        assert html.count('class="plan__choose" open>') == 1
        assert html.index(f'id="cycle-{number}"') < html.index('class="plan__choose" open>')
        assert html.index('class="plan__choose" open>') < html.index(f'id="cycle-{number + 1}"')
    assert session.scalar(select(Cycle)) is None
    for path, data in [
        (f"/questions/{theirs.id}/active", {"active": "0"}),
        (f"/questions/{theirs.id}/move", {"direction": "up"}),
        ("/questions/999999/active", {"active": "0"}),
    ]:
        assert _post(client, north, path, data).status_code == 404, path
    assert client.get(f"{_page(north)}/questions/{theirs.id}").status_code == 404
    session.refresh(theirs)
    assert theirs.active and mine.active


def test_a_cycle_before_the_current_one_is_refused(client, session, north, make_user):
    _bank(session, north, "Een")
    login(client, make_user(Role.COACH, teams=[north]))
    current = _current(north)
    for number in (current - 1, 1, current + PLAN_AHEAD + 1):
        own = _post(client, north, f"/cycles/{number}/own", {f"c{number}-own-text_nl": "Te laat"})
        assert own.status_code == 400, number
        assert "al voorbij" in own.text or "vooruit" in own.text
        assert _post(client, north, f"/cycles/{number}/rotation", {}).status_code == 400
    assert session.scalar(select(Cycle)) is None


def test_home_and_menu_link_to_the_prompt_pages(client, north, make_user, beheerder):
    for user in (make_user(Role.COACH, teams=[north]), beheerder):
        login(client, user)
        html = client.get("/").text
        assert 'href="/prompts"' in html and "Vragen per ronde beheren" in html
        client.post("/logout", data={"csrf_token": csrf_token(html)})
    login(client, make_user(Role.KLANTMANAGER, teams=[north]))
    assert 'href="/prompts"' not in client.get("/").text


def test_english_page_lists_the_bank_in_english(client, session, north, make_user):
    _bank(session, north, "Een")
    login(client, make_user(Role.COACH, teams=[north], locale="en"))
    client.post("/language", data={"locale": "en", "csrf_token": csrf_token(client.get("/"))})
    html = client.get(_page(north)).text
    assert '<html lang="en">' in html
    assert '<option selected value="q' in html and ">Een EN</option>" in html


def test_query_count_is_the_same_for_3_and_30_questions(app, client, session, make_team, make_user):
    start = utcnow().date() - timedelta(days=30)
    teams = {n: make_team(f"Team {n}", cycle_start=start) for n in (3, 30)}
    for n, team in teams.items():
        _bank(session, team, *(f"Vraag {i}" for i in range(n)))
        ensure_cycle(session, team, local_today(team, utcnow()))
        ensure_cycle(session, team, cycle_bounds(team, _current(team) + 2)[0])
    session.commit()
    login(client, make_user(Role.COACH, teams=list(teams.values())))
    counts = {}
    for n, team in teams.items():
        client.get(_page(team))  # warm-up
        with count_queries(app.extensions["db_engine"]) as counter:
            response = client.get(_page(team))
        assert response.status_code == 200 and "Vraag 2" in response.text
        counts[n] = counter.count
    assert counts[3] == counts[30], counts
    assert counts[30] <= 10, counts


def test_a_cycle_stored_early_cannot_be_written_in_before_it_begins(
    client, session, north, make_user
):
    writer = make_user(Role.KLANTMANAGER, teams=[north])
    current = ensure_cycle(session, north, local_today(north, utcnow()))
    future = ensure_cycle(session, north, cycle_bounds(north, current.number + 1)[0])
    session.commit()
    login(client, writer)
    html = client.get(f"/stories/new?cycle={future.id}").text  # e.g. from the calendar feed
    assert f'data-cycle="{current.id}"' in html and f'data-cycle="{future.id}"' not in html
    assert f'data-cycle="{current.id}"' in client.get(f"/stories/new?cycle={current.id}").text
