"""Prompt question services without HTTP: the team's bank and the question of coming cycles."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal import policy
from portal.cycles import prompt_bank
from portal.cycles.prompt_bank import PLAN_AHEAD, PromptError
from portal.cycles.prompts import DEFAULT_BANK, prompt_for, team_bank
from portal.cycles.schedule import cycle_bounds, ensure_cycle
from portal.models import Cycle, CycleSkip, PromptQuestion, Role

# The ``team`` fixture starts its 14-day cycles on 5 January 2026: 10 February lies in cycle 3.
TODAY = date(2026, 2, 10)
CURRENT = 3


def _bank(session, team, *texts: str, inactive: tuple[str, ...] = ()) -> list[PromptQuestion]:
    rows = [
        PromptQuestion(
            team_id=team.id, position=i, text_nl=t, text_en=f"{t} (en)", active=t not in inactive
        )
        for i, t in enumerate(texts, start=1)
    ]
    session.add_all(rows)
    session.commit()
    return rows


def _texts(session, team) -> list[str]:
    return [q.text_nl for q in prompt_bank.team_questions(session, team)]


# -- the bank -----------------------------------------------------------------------------------


def test_starting_an_own_bank_copies_the_built_in_default_in_order(session, team):
    before = [prompt_for(session, team, n) for n in range(1, 15)]
    rows = prompt_bank.start_own_bank(session, team)
    session.commit()
    assert [(r.text_nl, r.text_en) for r in rows] == list(DEFAULT_BANK)
    assert [r.position for r in rows] == list(range(1, len(DEFAULT_BANK) + 1))
    assert all(r.team_id == team.id and r.active for r in rows)
    # the copy is the team's own now, and the rotation did not change
    assert [prompt_for(session, team, n) for n in range(1, 15)] == before


def test_starting_an_own_bank_copies_the_stored_default_bank(session, team):
    session.add_all(
        [
            PromptQuestion(team_id=None, position=2, text_nl="Twee", text_en="Two"),
            PromptQuestion(team_id=None, position=1, text_nl="Een", text_en="One"),
            PromptQuestion(team_id=None, position=3, text_nl="Uit", active=False),
        ]
    )
    session.commit()
    prompt_bank.start_own_bank(session, team)
    session.commit()
    assert _texts(session, team) == ["Een", "Twee"]
    defaults = session.scalars(select(PromptQuestion).where(PromptQuestion.team_id.is_(None)))
    assert len(defaults.all()) == 3  # copied, not moved


def test_starting_an_own_bank_twice_is_refused(session, team):
    _bank(session, team, "Eigen")
    with pytest.raises(PromptError, match="al een eigen vragenbank"):
        prompt_bank.start_own_bank(session, team)


def test_added_question_goes_last_and_joins_the_rotation(session, team):
    _bank(session, team, "Een", "Twee")
    question = prompt_bank.add_question(session, team, "  Drie  ", " Three ")
    session.commit()
    assert (question.text_nl, question.text_en, question.position) == ("Drie", "Three", 3)
    assert prompt_for(session, team, 3) == ("Drie", "Three")
    assert prompt_for(session, team, 4) == ("Een", "Een (en)")


def test_adding_to_the_default_bank_starts_an_own_bank_first(session, team):
    prompt_bank.add_question(session, team, "Extra", "")
    session.commit()
    texts = _texts(session, team)
    assert texts == [nl for nl, _en in DEFAULT_BANK] + ["Extra"]
    assert prompt_for(session, team, len(DEFAULT_BANK) + 1) == ("Extra", "Extra")


@pytest.mark.parametrize(
    ("text_nl", "text_en", "message"),
    [
        ("", "Only English", "in het Nederlands"),
        ("   ", "", "in het Nederlands"),
        ("x" * 501, "", "hooguit 500"),
        ("Goed", "y" * 501, "hooguit 500"),
    ],
)
def test_question_texts_are_checked(session, team, text_nl, text_en, message):
    question = _bank(session, team, "Een")[0]
    with pytest.raises(PromptError, match=message):
        prompt_bank.add_question(session, team, text_nl, text_en)
    with pytest.raises(PromptError, match=message):
        prompt_bank.edit_question(session, question, text_nl, text_en)
    session.rollback()
    assert _texts(session, team) == ["Een"]
    assert prompt_bank.clean_texts("x" * 500, "") == ("x" * 500, "")


def test_an_edited_question_reaches_coming_cycles_not_stored_ones(session, team):
    question = _bank(session, team, "Oud")[0]
    stored = ensure_cycle(session, team, cycle_bounds(team, 1)[0])
    prompt_bank.edit_question(session, question, "Nieuw", "New")
    session.commit()
    assert (stored.prompt_nl, prompt_for(session, team, 2)) == ("Oud", ("Nieuw", "New"))


def test_a_question_switched_off_is_skipped_and_the_last_one_stays_on(session, team):
    one, two, three = _bank(session, team, "Een", "Twee", "Drie")
    prompt_bank.set_active(session, two, False)
    session.commit()
    assert [nl for nl, _en in team_bank(session, team)] == ["Een", "Drie"]
    prompt_bank.set_active(session, three, False)
    with pytest.raises(PromptError, match="minstens één"):
        prompt_bank.set_active(session, one, False)
    prompt_bank.set_active(session, two, True)
    prompt_bank.set_active(session, one, False)  # "Twee" is on again
    session.commit()
    assert [nl for nl, _en in team_bank(session, team)] == ["Twee"]
    assert _texts(session, team) == ["Een", "Twee", "Drie"]  # switched off, not gone


def test_moving_questions_changes_the_order_and_renumbers(session, team):
    one, two, three = _bank(session, team, "Een", "Twee", "Drie")
    prompt_bank.move_question(session, team, three, -1)
    assert _texts(session, team) == ["Een", "Drie", "Twee"]
    prompt_bank.move_question(session, team, one, 1)
    assert _texts(session, team) == ["Drie", "Een", "Twee"]
    prompt_bank.move_question(session, team, three, -1)  # already first: stays
    prompt_bank.move_question(session, team, two, 1)  # already last: stays
    session.commit()
    assert _texts(session, team) == ["Drie", "Een", "Twee"]
    assert [q.position for q in prompt_bank.team_questions(session, team)] == [1, 2, 3]
    assert prompt_for(session, team, 1) == ("Drie", "Drie (en)")
    with pytest.raises(ValueError):
        prompt_bank.move_question(session, team, one, 2)


def test_a_question_of_another_team_is_not_found(session, team, make_team):
    other = make_team("Team Zuid")
    theirs = _bank(session, other, "Van hen")[0]
    assert prompt_bank.get_question(session, team, theirs.id) is None
    assert prompt_bank.get_question(session, other, theirs.id) is theirs


def test_bank_choices_follow_the_bank_in_use(session, team):
    built_in = prompt_bank.bank_choices(session, team)
    assert [c.key for c in built_in[:2]] == ["d0", "d1"]
    assert [(c.text_nl, c.text_en) for c in built_in] == list(DEFAULT_BANK)
    one, _off, three = _bank(session, team, "Een", "Uit", "Drie", inactive=("Uit",))
    assert [c.key for c in prompt_bank.bank_choices(session, team)] == [
        f"q{one.id}",
        f"q{three.id}",
    ]


# -- the coming cycles --------------------------------------------------------------------------


def test_plan_shows_the_current_and_next_cycles_with_their_question(session, team):
    _bank(session, team, "Een", "Twee")
    ensure_cycle(session, team, TODAY)  # cycle 3 is stored: its question is fixed
    prompt_bank.add_question(session, team, "Drie", "")
    session.commit()
    planned = prompt_bank.plan(session, team, today=TODAY)
    assert [p.number for p in planned] == list(range(CURRENT, CURRENT + PLAN_AHEAD + 1))
    assert [p.text_nl for p in planned] == ["Een", "Een", "Twee", "Drie"]
    assert [(p.reached, p.stored, p.chosen) for p in planned[:2]] == [
        (True, True, False),
        (False, False, False),
    ]
    assert (planned[1].starts_on, planned[1].ends_on) == cycle_bounds(team, CURRENT + 1)


def test_plan_before_the_first_cycle_starts_at_cycle_one(session, team):
    planned = prompt_bank.plan(session, team, today=date(2025, 12, 1))
    assert [p.number for p in planned] == [1, 2, 3, 4]
    assert not any(p.reached for p in planned)
    team.cycle_start = None
    assert prompt_bank.plan(session, team, today=TODAY) == []
    with pytest.raises(PromptError, match="startdatum"):
        prompt_bank.choose_own_text(session, team, 1, "Vraag", "", today=TODAY)


def test_a_choice_for_a_future_cycle_is_kept_when_the_cycle_is_reached(session, team):
    number = CURRENT + 2
    cycle = prompt_bank.choose_own_text(
        session, team, number, "Gekozen vraag", "Chosen question", today=TODAY
    )
    session.commit()
    assert (cycle.number, cycle.prompt_source) == (number, "chosen")
    assert (cycle.starts_on, cycle.ends_on) == cycle_bounds(team, number)
    reached = ensure_cycle(session, team, cycle_bounds(team, number)[1])
    assert reached.id == cycle.id
    assert (reached.prompt_nl, reached.prompt_en) == ("Gekozen vraag", "Chosen question")
    planned = {p.number: p for p in prompt_bank.plan(session, team, today=TODAY)}
    assert planned[number].chosen and planned[number].stored and not planned[number].reached


def test_a_bank_question_can_be_chosen_for_a_cycle(session, team):
    _one, two = _bank(session, team, "Een", "Twee")
    cycle = prompt_bank.choose_from_bank(session, team, CURRENT + 1, f"q{two.id}", today=TODAY)
    session.commit()
    assert (cycle.prompt_nl, cycle.prompt_en, cycle.prompt_source) == (
        "Twee",
        "Twee (en)",
        "chosen",
    )
    built_in = prompt_bank.choose_from_bank(
        session, team, CURRENT, f"q{_one.id}", today=TODAY
    )  # the current cycle, not stored yet: stored now
    assert built_in.starts_on <= TODAY <= built_in.ends_on


def test_the_current_cycle_can_still_be_changed(session, team):
    stored = ensure_cycle(session, team, TODAY)
    session.commit()
    changed = prompt_bank.choose_own_text(session, team, CURRENT, "Andere vraag", "", today=TODAY)
    session.commit()
    assert changed.id == stored.id
    assert (changed.prompt_nl, changed.prompt_en, changed.prompt_source) == (
        "Andere vraag",
        "Andere vraag",
        "chosen",
    )


@pytest.mark.parametrize(
    ("number", "message"),
    [(CURRENT - 1, "al voorbij"), (1, "al voorbij"), (CURRENT + PLAN_AHEAD + 1, "vooruit")],
)
def test_a_cycle_outside_the_plan_is_refused(session, team, number, message):
    with pytest.raises(PromptError, match=message):
        prompt_bank.choose_own_text(session, team, number, "Vraag", "", today=TODAY)
    with pytest.raises(PromptError, match=message):
        prompt_bank.back_to_rotation(session, team, number, today=TODAY)
    assert session.scalar(select(Cycle).where(Cycle.team_id == team.id)) is None


def test_an_unknown_bank_key_is_refused(session, team, make_team):
    theirs = _bank(session, make_team("Team Zuid"), "Van een ander team")[0]
    for key in (f"q{theirs.id}", "q999999", "d99", "", "zomaar"):
        with pytest.raises(PromptError, match="niet \\(meer\\) in de vragenbank"):
            prompt_bank.choose_from_bank(session, team, CURRENT, key, today=TODAY)
    assert session.scalar(select(Cycle)) is None


def test_back_to_rotation_forgets_an_unused_future_choice(session, team):
    number = CURRENT + 1
    prompt_bank.choose_own_text(session, team, number, "Gekozen", "", today=TODAY)
    session.commit()
    prompt_bank.back_to_rotation(session, team, number, today=TODAY)
    session.commit()
    assert session.scalar(select(Cycle).where(Cycle.number == number)) is None
    _bank(session, team, "Later toegevoegd")  # the bank changes before the cycle is reached
    reached = ensure_cycle(session, team, cycle_bounds(team, number)[0])
    assert (reached.prompt_nl, reached.prompt_source) == ("Later toegevoegd", "bank")


def test_back_to_rotation_restores_the_bank_question_of_a_cycle_in_use(session, team, klantmanager):
    current = prompt_bank.choose_own_text(session, team, CURRENT, "Gekozen", "", today=TODAY)
    future = prompt_bank.choose_own_text(session, team, CURRENT + 1, "Ook", "", today=TODAY)
    session.add(CycleSkip(user_id=klantmanager.id, cycle_id=future.id, reason="vakantie"))
    session.commit()
    for cycle in (current, future):
        prompt_bank.back_to_rotation(session, team, cycle.number, today=TODAY)
    session.commit()
    for cycle in (current, future):
        session.refresh(cycle)  # still there: reached, or a skip refers to it
        assert (cycle.prompt_nl, cycle.prompt_en) == DEFAULT_BANK[cycle.number - 1]
        assert cycle.prompt_source == "bank"
    prompt_bank.back_to_rotation(session, team, CURRENT + 2, today=TODAY)  # nothing stored: no-op


def test_manageable_teams_agree_with_the_policy(session, make_team, make_user):
    north, south = make_team("Noord 2"), make_team("Zuid 2")
    users = [
        make_user(Role.COACH, teams=[north]),
        make_user(Role.BEHEERDER, teams=[]),
        make_user(Role.KLANTMANAGER, teams=[north]),
        make_user(Role.ONDERZOEKER, teams=[]),
        make_user(Role.COACH, Role.KLANTMANAGER, teams=[south]),
        make_user(Role.KLANTMANAGER, teams=[north]),
    ]
    users[-1].coached_teams.append(north)  # a former coach: the role is gone, the link stayed
    session.commit()
    everyone = list(session.scalars(select(type(north))))
    for user in users:
        listed = {t.id for t in prompt_bank.manageable_teams(session, user)}
        allowed = {t.id for t in everyone if policy.can(user, "manage_prompts", t)}
        assert listed == allowed, user.roles
    assert {t.id for t in prompt_bank.manageable_teams(session, users[0])} == {north.id}
    assert prompt_bank.manageable_teams(session, users[-1]) == []
