"""Cycle arithmetic by local date (DST, year boundaries) and prompt rotation."""

from __future__ import annotations

from datetime import UTC, date, datetime

from portal.cycles.prompts import DEFAULT_BANK, choose_prompt, prompt_for
from portal.cycles.schedule import cycle_bounds, cycle_number, ensure_cycle, local_today
from portal.models import Cycle, PromptQuestion, Team


def _team(**kw) -> Team:
    kw.setdefault("cycle_start", date(2026, 1, 5))
    kw.setdefault("cycle_length_days", 14)
    kw.setdefault("timezone", "Europe/Amsterdam")
    return Team(name="T", **kw)


def test_cycle_numbers_and_bounds():
    team = _team()
    assert cycle_number(team, date(2026, 1, 4)) is None
    assert cycle_number(team, date(2026, 1, 5)) == 1
    assert cycle_number(team, date(2026, 1, 18)) == 1
    assert cycle_number(team, date(2026, 1, 19)) == 2
    assert cycle_bounds(team, 2) == (date(2026, 1, 19), date(2026, 2, 1))


def test_team_without_start_has_no_cycle():
    assert cycle_number(_team(cycle_start=None), date(2026, 5, 1)) is None


def test_year_boundary():
    team = _team(cycle_start=date(2025, 12, 22))
    assert cycle_bounds(team, 1) == (date(2025, 12, 22), date(2026, 1, 4))
    assert cycle_number(team, date(2025, 12, 31)) == 1
    assert cycle_number(team, date(2026, 1, 5)) == 2


def test_dst_does_not_move_the_boundary():
    # Summer time starts 29 March 2026 in Amsterdam; a cycle starts Monday 30 March.
    team = _team(cycle_start=date(2026, 3, 16))
    assert cycle_bounds(team, 2) == (date(2026, 3, 30), date(2026, 4, 12))
    # 23:30 UTC on 29 March is already 01:30 on 30 March local time: the new cycle.
    late = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)
    assert local_today(team, late) == date(2026, 3, 30)
    assert cycle_number(team, local_today(team, late)) == 2
    # 21:30 UTC on 29 March is 23:30 local: still the first cycle.
    assert cycle_number(team, local_today(team, datetime(2026, 3, 29, 21, 30, tzinfo=UTC))) == 1
    # Winter time (25 October 2026): 22:30 UTC on 25 October is 23:30 local, same day.
    autumn = _team(cycle_start=date(2026, 10, 12))
    assert local_today(autumn, datetime(2026, 10, 25, 22, 30, tzinfo=UTC)) == date(2026, 10, 25)
    assert local_today(autumn, datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == date(2026, 10, 26)
    assert cycle_number(autumn, date(2026, 10, 26)) == 2


def test_short_cycles():
    team = _team(cycle_length_days=1)
    assert cycle_number(team, date(2026, 1, 7)) == 3
    assert cycle_bounds(team, 3) == (date(2026, 1, 7), date(2026, 1, 7))


def test_default_bank_rotates_in_order(session, team):
    assert 10 <= len(DEFAULT_BANK) <= 14
    first = prompt_for(session, team, 1)
    assert first == DEFAULT_BANK[0]
    assert prompt_for(session, team, 2) == DEFAULT_BANK[1]
    assert prompt_for(session, team, len(DEFAULT_BANK) + 1) == DEFAULT_BANK[0]


def test_team_bank_wins_over_the_default_and_skips_inactive(session, team, make_team):
    session.add_all(
        [
            PromptQuestion(team_id=team.id, position=2, text_nl="Tweede", text_en="Second"),
            PromptQuestion(team_id=team.id, position=1, text_nl="Eerste", text_en="First"),
            PromptQuestion(team_id=team.id, position=3, text_nl="Weg", active=False),
        ]
    )
    session.commit()
    assert prompt_for(session, team, 1) == ("Eerste", "First")
    assert prompt_for(session, team, 2) == ("Tweede", "Second")
    assert prompt_for(session, team, 3) == ("Eerste", "First")
    other = make_team("Ander team")
    assert prompt_for(session, other, 1) == DEFAULT_BANK[0]


def test_ensure_cycle_stores_the_prompt_once(session, team):
    cycle = ensure_cycle(session, team, date(2026, 1, 20))
    session.commit()
    assert (cycle.number, cycle.prompt_nl, cycle.prompt_en) == (2, *DEFAULT_BANK[1])
    assert ensure_cycle(session, team, date(2026, 1, 25)).id == cycle.id
    assert session.query(Cycle).count() == 1


def test_a_chosen_prompt_is_kept(session, team):
    cycle = ensure_cycle(session, team, date(2026, 1, 5))
    choose_prompt(cycle, "Eigen vraag", "")
    session.commit()
    again = ensure_cycle(session, team, date(2026, 1, 6))
    assert (again.prompt_nl, again.prompt_en, again.prompt_source) == (
        "Eigen vraag",
        "Eigen vraag",
        "chosen",
    )


def test_teams_create_refuses_a_cycle_length_below_one(runner):
    result = runner.invoke(
        args=["teams", "create", "Nul", "--start", "2026-01-05", "--length", "0"]
    )
    assert result.exit_code != 0
    result = runner.invoke(args=["teams", "create", "Min", "--length", "-3"])
    assert result.exit_code != 0
