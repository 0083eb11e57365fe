"""Managing prompt questions: a team's own bank, and the question of each coming cycle.

A team without questions of its own uses the default bank (stored rows with ``team_id`` NULL, else
the built-in :data:`portal.prompts.DEFAULT_BANK`); "starting an own bank" copies it. A coach or
beheerder may choose the question of the current cycle or one of the next :data:`PLAN_AHEAD`; a
cycle not reached yet is then stored early, and :func:`portal.cycles.ensure_cycle` keeps the choice
when the cycle is reached. Every function flushes and leaves the commit to the caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session

from portal import policy
from portal.cycles.prompts import DEFAULT_BANK, choose_prompt, fill_prompt, in_rotation
from portal.cycles.schedule import cycle_bounds, cycle_number, ensure_cycle
from portal.models import Cycle, CycleSkip, PromptQuestion, Story, Team, User

MAX_LENGTH = 500
PLAN_AHEAD = 3  # cycles after the current one whose question can be chosen


class PromptError(ValueError):
    """A refused change; the message is meant for the user (a lazy Dutch msgid)."""

    def __init__(self, message: object) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class BankChoice:
    """One question of the bank a team uses now, with a key a form can post back."""

    key: str  # "q<id>" for a stored question, "d<index>" for the built-in default bank
    text_nl: str
    text_en: str


@dataclass(frozen=True)
class PlannedCycle:
    number: int
    starts_on: date
    ends_on: date
    text_nl: str
    text_en: str
    chosen: bool  # chosen by hand, not from the rotation
    reached: bool  # started already: people see this question now
    stored: bool


# --- which teams -------------------------------------------------------------------------------


def manageable_teams(session: Session, user: User) -> list[Team]:
    """Teams whose prompts ``user`` may manage (the policy's ``manage_prompts`` rule)."""
    query = select(Team).where(policy.prompt_teams(user)).order_by(Team.name)
    return list(session.scalars(query))


def teams_with_own_bank(session: Session, teams: list[Team]) -> set[int]:
    ids = [t.id for t in teams] or [-1]
    query = select(PromptQuestion.team_id).where(PromptQuestion.team_id.in_(ids)).distinct()
    return set(session.scalars(query))


# --- the bank ----------------------------------------------------------------------------------


def clean_texts(text_nl: str | None, text_en: str | None) -> tuple[str, str]:
    """Both texts stripped; the Dutch one required, both at most :data:`MAX_LENGTH` characters."""
    nl, en = (text_nl or "").strip(), (text_en or "").strip()
    if not nl:
        raise PromptError(_l("Vul de vraag in het Nederlands in."))
    if len(nl) > MAX_LENGTH or len(en) > MAX_LENGTH:
        raise PromptError(_l("Gebruik hooguit 500 tekens."))
    return nl, en


def team_questions(session: Session, team: Team) -> list[PromptQuestion]:
    """The team's own questions in rotation order, switched-off ones included."""
    return list(
        session.scalars(
            select(PromptQuestion)
            .where(PromptQuestion.team_id == team.id)
            .order_by(PromptQuestion.position, PromptQuestion.id)
        )
    )


def get_question(session: Session, team: Team, question_id: int) -> PromptQuestion | None:
    """The team's own question ``question_id``, or None (another team's or the default bank's)."""
    return session.scalar(
        select(PromptQuestion).where(
            PromptQuestion.id == question_id, PromptQuestion.team_id == team.id
        )
    )


def _active(where: ColumnElement[bool]) -> Select:
    return (
        select(PromptQuestion)
        .where(where, PromptQuestion.active.is_(True))
        .order_by(PromptQuestion.position, PromptQuestion.id)
    )


def default_bank(session: Session) -> list[tuple[str, str]]:
    """The default bank: the stored one (team_id NULL, active), else the built-in one."""
    rows = session.scalars(_active(PromptQuestion.team_id.is_(None))).all()
    if rows:
        return [(r.text_nl, r.text_en) for r in rows]
    return list(DEFAULT_BANK)


def bank_choices(session: Session, team: Team) -> list[BankChoice]:
    """The questions the team rotates through now, in order (as :func:`portal.prompts.team_bank`)."""
    for where in (PromptQuestion.team_id == team.id, PromptQuestion.team_id.is_(None)):
        rows = session.scalars(_active(where)).all()
        if rows:
            return [BankChoice(f"q{r.id}", r.text_nl, r.text_en or r.text_nl) for r in rows]
    return [BankChoice(f"d{i}", nl, en) for i, (nl, en) in enumerate(DEFAULT_BANK)]


def _lock_team(session: Session, team: Team) -> None:
    """Serialise changes to one team's bank: a second coach pressing the same button at the same
    moment waits, then sees the first one's questions (PostgreSQL; SQLite writes one at a time)."""
    session.execute(select(Team.id).where(Team.id == team.id).with_for_update())


def start_own_bank(session: Session, team: Team) -> list[PromptQuestion]:
    """Copy the default bank into questions of the team's own (same order, so same rotation)."""
    _lock_team(session, team)
    has_own = session.scalar(select(exists().where(PromptQuestion.team_id == team.id)))
    if has_own:
        raise PromptError(_l("Dit team heeft al een eigen vragenbank."))
    rows = [
        PromptQuestion(team_id=team.id, position=i, text_nl=nl, text_en=en)
        for i, (nl, en) in enumerate(default_bank(session), start=1)
    ]
    session.add_all(rows)
    session.flush()
    return rows


def add_question(session: Session, team: Team, text_nl: str, text_en: str) -> PromptQuestion:
    """Add a question at the end of the team's bank (starting an own bank first if needed)."""
    nl, en = clean_texts(text_nl, text_en)
    _lock_team(session, team)
    last = session.scalar(
        select(func.max(PromptQuestion.position)).where(PromptQuestion.team_id == team.id)
    )
    if last is None:
        last = len(start_own_bank(session, team))
    question = PromptQuestion(team_id=team.id, position=last + 1, text_nl=nl, text_en=en)
    session.add(question)
    session.flush()
    return question


def edit_question(
    session: Session, question: PromptQuestion, text_nl: str, text_en: str
) -> PromptQuestion:
    """Change the texts; cycles that already have this question stored keep the old text."""
    question.text_nl, question.text_en = clean_texts(text_nl, text_en)
    session.flush()
    return question


def set_active(session: Session, question: PromptQuestion, active: bool) -> PromptQuestion:
    """Switch a question on or off; the last active question of a team stays on."""
    if not active and question.active:
        others = session.scalar(
            select(func.count(PromptQuestion.id)).where(
                PromptQuestion.team_id == question.team_id,
                PromptQuestion.active.is_(True),
                PromptQuestion.id != question.id,
            )
        )
        if not others:
            raise PromptError(_l("Laat minstens één vraag aan staan."))
    question.active = active
    session.flush()
    return question


def move_question(session: Session, team: Team, question: PromptQuestion, step: int) -> None:
    """Move a question one place up (``step=-1``) or down (``step=1``); renumbers 1..n."""
    if step not in (-1, 1):
        raise ValueError(f"step must be -1 or 1, not {step!r}")
    rows = team_questions(session, team)
    i = rows.index(question)
    j = i + step
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
    for position, row in enumerate(rows, start=1):
        row.position = position
    session.flush()


# --- the coming cycles -------------------------------------------------------------------------


def plannable_numbers(team: Team, today: date) -> range:
    """The current cycle (or the first, before the start) and the next :data:`PLAN_AHEAD`."""
    if team.cycle_start is None:
        return range(0)
    first = cycle_number(team, today) or 1
    return range(first, first + PLAN_AHEAD + 1)


def plan(
    session: Session, team: Team, *, today: date, choices: list[BankChoice] | None = None
) -> list[PlannedCycle]:
    """The plannable cycles with the question each has (stored) or will get (the rotation)."""
    numbers = plannable_numbers(team, today)
    if not numbers:
        return []
    stored = {
        c.number: c
        for c in session.scalars(
            select(Cycle).where(Cycle.team_id == team.id, Cycle.number.in_(list(numbers)))
        )
    }
    choices = choices if choices is not None else bank_choices(session, team)
    planned = []
    for number in numbers:
        starts_on, ends_on = cycle_bounds(team, number)
        cycle = stored.get(number)
        if cycle is not None:
            nl, en, chosen = cycle.prompt_nl, cycle.prompt_en, cycle.prompt_source == "chosen"
        else:
            pick = in_rotation(choices, number)
            nl, en, chosen = pick.text_nl, pick.text_en, False
        planned.append(
            PlannedCycle(
                number, starts_on, ends_on, nl, en, chosen, starts_on <= today, cycle is not None
            )
        )
    return planned


def check_plannable(team: Team, number: int, today: date) -> None:
    numbers = plannable_numbers(team, today)
    if not numbers:
        raise PromptError(_l("Dit team heeft nog geen startdatum voor de rondes."))
    if number < numbers.start:
        raise PromptError(
            _l("Ronde %(number)s is al voorbij; die vraag verandert niet meer.", number=number)
        )
    if number not in numbers:
        raise PromptError(
            _l("Je kunt een vraag kiezen voor hooguit %(count)s rondes vooruit.", count=PLAN_AHEAD)
        )


def _stored_cycle(session: Session, team: Team, number: int) -> Cycle:
    cycle = ensure_cycle(session, team, cycle_bounds(team, number)[0])
    assert cycle is not None  # the number was checked: the cycle lies after the start
    return cycle


def choose_from_bank(session: Session, team: Team, number: int, key: str, *, today: date) -> Cycle:
    """Give cycle ``number`` the bank question ``key`` (a :class:`BankChoice` key)."""
    check_plannable(team, number, today)
    choice = next((c for c in bank_choices(session, team) if c.key == key), None)
    if choice is None:
        raise PromptError(_l("Die vraag staat niet (meer) in de vragenbank."))
    cycle = _stored_cycle(session, team, number)
    choose_prompt(cycle, choice.text_nl, choice.text_en)
    session.flush()
    return cycle


def choose_own_text(
    session: Session, team: Team, number: int, text_nl: str, text_en: str, *, today: date
) -> Cycle:
    """Give cycle ``number`` a question typed by hand."""
    check_plannable(team, number, today)
    nl, en = clean_texts(text_nl, text_en)
    cycle = _stored_cycle(session, team, number)
    choose_prompt(cycle, nl, en)
    session.flush()
    return cycle


def back_to_rotation(session: Session, team: Team, number: int, *, today: date) -> None:
    """Let cycle ``number`` follow the bank's order again.

    A cycle not reached yet that nothing refers to is removed again, so it gets the bank's
    question of the day it is reached; otherwise the rotation's question is stored now."""
    check_plannable(team, number, today)
    cycle = session.scalar(select(Cycle).where(Cycle.team_id == team.id, Cycle.number == number))
    if cycle is None:
        return
    in_use = session.scalar(
        select(
            exists().where(Story.cycle_id == cycle.id)
            | exists().where(CycleSkip.cycle_id == cycle.id)
        )
    )
    if cycle.starts_on > today and not in_use:
        session.delete(cycle)
    else:
        fill_prompt(session, team, cycle)
    session.flush()
