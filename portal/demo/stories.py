"""Demo reflections in bulk: plausible Dutch stories with self-interpretations (DESIGN §8 ``demo``).

``add_demo_stories`` writes N submitted reflections for a team's klantmanagers, spread over the
team's reached cycles, each with the author's own interpretation on the current reflection
framework. Every story is written from a hidden scenario (phase of the klantreis, what the
klantmanager's role was about, what worked, how it ended, whether culture played a part), and
both the text and the answers follow from it with noise, so the analysis pages have patterns to
find: intake stories lean to the klantmanager's regie, stories where the personal bond worked lean
to higher motivation, eigen regie and motivation rise slowly over the cycles.

Built for 100,000 stories: rows are plain dicts inserted in batches with one Core executemany
per table (``session.execute(insert(Model.__table__), rows)``; the ORM's bulk path would split the
answers into many small statements by their varying NULL columns). Ids are assigned here (on
PostgreSQL taken from each table's sequence, elsewhere counted on from the current maximum), so no
RETURNING is needed. Deterministic for a given ``seed``. Writes inside the caller's transaction and
never commits."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from portal.cycles.schedule import cycle_bounds, cycle_number, ensure_cycle
from portal.demo import texts as T
from portal.frameworks.versions import current_framework
from portal.models import (
    Answer,
    Interpretation,
    InterpretationRole,
    Question,
    QuestionType,
    Story,
    StoryKind,
    StoryStatus,
    Team,
    User,
)

BATCH_SIZE = 2_000
NOT_APPLICABLE_RATE = 0.03

PHASES = ("azc", "intake", "plan", "tailored", "monitoring")
PHASE_WEIGHTS = (0.12, 0.22, 0.20, 0.26, 0.20)
FOCI = ("work", "integration", "social")
FOCUS_WEIGHTS = {
    "azc": (0.15, 0.35, 0.50),
    "intake": (0.30, 0.35, 0.35),
    "plan": (0.35, 0.35, 0.30),
    "tailored": (0.50, 0.35, 0.15),
    "monitoring": (0.35, 0.25, 0.40),
}
MECHANISMS = ("bond", "agreements", "partners")
OUTCOMES = ("positive", "mixed", "negative")
OUTCOME_WEIGHTS = {
    "bond": (0.55, 0.33, 0.12),
    "agreements": (0.40, 0.40, 0.20),
    "partners": (0.45, 0.38, 0.17),
}
# Triad bases: the corner the scenario leans to gets most weight.
ROLE_BASE = {"work": (70, 18, 12), "integration": (15, 70, 15), "social": (10, 20, 70)}
WORKED_BASE = {"bond": (70, 15, 15), "agreements": (15, 70, 15), "partners": (15, 15, 70)}
AGENCY_BY_PHASE = {"azc": 25, "intake": 20, "plan": 40, "tailored": 55, "monitoring": 60}
DOMAIN_BY_FOCUS = {
    "work": ("work_income",),
    "integration": ("language",),
    "social": ("body", "mind", "social", "societal"),
}
FEELING_WEIGHTS = {  # positive, mixed, negative, neutral
    "positive": (0.82, 0.12, 0.01, 0.05),
    "mixed": (0.10, 0.70, 0.08, 0.12),
    "negative": (0.02, 0.25, 0.68, 0.05),
}
SHARE_BY_OUTCOME = {"positive": 0.08, "mixed": 0.0, "negative": -0.08}


@dataclass(frozen=True, slots=True)
class Scenario:
    """The hidden truth a demo story is written from."""

    phase: str
    focus: str
    mechanism: str
    outcome: str
    culture: bool
    cycle_number: int


@dataclass(frozen=True, slots=True)
class AuthorStyle:
    """How one klantmanager tends to answer: some see more regie with the statushouder, some work
    more holistically, some share more with the team."""

    agency_bias: float
    holistic_bias: float
    share_rate: float


def add_demo_stories(
    session: Session,
    *,
    team: Team,
    authors: list[User],
    n: int,
    today: date,
    seed: int = 0,
    skipped: frozenset[tuple[int, int]] = frozenset(),
) -> int:
    """Add ``n`` submitted reflections by ``authors`` in ``team``; returns how many were added.

    Stories are spread over all authors and over the team's cycles reached by ``today`` (each
    stored once with ``ensure_cycle``), about half shared with the team, each with the author's own
    interpretation on the current reflection framework. A cycle an author skipped (``skipped``
    holds (user id, cycle id) pairs) gets none of their stories: it goes to the next cycle."""
    if n <= 0:
        return 0
    if not authors:
        raise ValueError("add_demo_stories needs at least one author")
    framework = current_framework(session, StoryKind.REFLECTION)
    if framework is None:
        raise ValueError("no published reflection framework; load the default frameworks first")
    cycles = _reached_cycles(session, team, today)
    if not cycles:
        raise ValueError(f"team {team.name!r} has no cycle reached by {today.isoformat()}")

    rng = random.Random(seed)
    styles = [_author_style(random.Random(f"{seed}:{i}")) for i in range(len(authors))]
    zone = ZoneInfo(team.timezone)
    ids = _IdAllocator(session)
    rounds = math.ceil(n / len(authors))
    for first in range(0, n, BATCH_SIZE):
        count = min(BATCH_SIZE, n - first)
        story_ids = ids.take(Story, count)
        interpretation_ids = ids.take(Interpretation, count)
        stories, interpretations, answers = [], [], []
        for offset in range(count):
            i = first + offset
            # round r (one story per author) goes to cycle r * cycles / rounds: each author writes
            # in every cycle in turn, and fewer rounds than cycles still spread over all of them
            author_index = i % len(authors)
            slot = (i // len(authors)) * len(cycles) // rounds
            slot = _not_skipped(cycles, slot, authors[author_index].id, skipped)
            cycle_id, number, starts_on, last_day = cycles[slot]
            scenario = _scenario(rng, number)
            style = styles[author_index]
            experienced_on, submitted_at = _moments(rng, starts_on, last_day, zone)
            title, body, meaning = T.compose(
                rng,
                phase=scenario.phase,
                focus=scenario.focus,
                mechanism=scenario.mechanism,
                outcome=scenario.outcome,
                culture=scenario.culture,
            )
            shared = rng.random() < style.share_rate + SHARE_BY_OUTCOME[scenario.outcome]
            stories.append(
                {
                    "id": story_ids[offset],
                    "kind": StoryKind.REFLECTION,
                    "author_id": authors[author_index].id,
                    "team_id": team.id,
                    "cycle_id": cycle_id,
                    "framework_id": framework.id,
                    "title": title,
                    "body_md": body,
                    "experienced_on": experienced_on,
                    "status": StoryStatus.SUBMITTED,
                    "shared_with_team": shared,
                    "language": "nl",
                    "translation_nl": "",
                    "translated_by": "",
                    "respondent_id": None,
                    "facilitator_note": "",
                    "created_at": submitted_at - timedelta(minutes=rng.randint(5, 240)),
                    "updated_at": submitted_at,
                    "submitted_at": submitted_at,
                    "withdrawn_at": None,
                }
            )
            interpretations.append(
                {
                    "id": interpretation_ids[offset],
                    "story_id": story_ids[offset],
                    "user_id": authors[author_index].id,
                    "role": InterpretationRole.SELF,
                    "comment_md": "",
                    "created_at": submitted_at,
                }
            )
            for question in framework.questions:
                for row in _answer(rng, question, scenario, style, meaning):
                    row["interpretation_id"] = interpretation_ids[offset]
                    answers.append(row)
        for row, answer_id in zip(answers, ids.take(Answer, len(answers)), strict=True):
            row["id"] = answer_id
        session.execute(insert(Story.__table__), stories)
        session.execute(insert(Interpretation.__table__), interpretations)
        session.execute(insert(Answer.__table__), answers)
    return n


# --- where and when ---------------------------------------------------------------------------


def _not_skipped(cycles: list, slot: int, author_id: int, skipped: frozenset) -> int:
    """``slot``, or the first cycle after it (round the list) the author did not skip."""
    for step in range(len(cycles)):
        candidate = (slot + step) % len(cycles)
        if (author_id, cycles[candidate][0]) not in skipped:
            return candidate
    return slot


def _reached_cycles(session: Session, team: Team, today: date) -> list[tuple[int, int, date, date]]:
    """(cycle id, number, first day, last day that may hold a story) for every reached cycle."""
    last = cycle_number(team, today)
    if last is None:
        return []
    cycles = []
    for number in range(1, last + 1):
        starts_on, ends_on = cycle_bounds(team, number)
        cycle = ensure_cycle(session, team, starts_on)
        cycles.append((cycle.id, number, starts_on, min(ends_on, today)))
    return cycles


def _moments(rng: random.Random, first: date, last: date, zone: ZoneInfo) -> tuple[date, datetime]:
    """A day of experience inside the cycle, and a submission on that day or a few days later
    (still inside the cycle), during working hours in the team's timezone, as UTC."""
    span = (last - first).days
    experienced_on = first + timedelta(days=rng.randint(0, span))
    submit_day = min(experienced_on + timedelta(days=rng.choice((0, 0, 1, 1, 2, 3))), last)
    local = datetime.combine(submit_day, time(rng.randint(8, 17), rng.randint(0, 59)), zone)
    return experienced_on, local.astimezone(UTC)


class _IdAllocator:
    """Hands out primary keys so bulk inserts need no RETURNING. PostgreSQL: taken from the
    table's sequence (safe next to other writers). Elsewhere: counted on from the current maximum,
    read once inside this transaction (SQLite has one writer at a time)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.next_id: dict[str, int] = {}

    def take(self, model: type, count: int) -> list[int]:
        table = model.__table__
        if self.postgres:
            ids = self.session.scalars(
                text(
                    "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"
                ),
                {"t": table.name, "n": count},
            ).all()
            return sorted(ids)
        if table.name not in self.next_id:
            self.next_id[table.name] = (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
        start = self.next_id[table.name]
        self.next_id[table.name] = start + count
        return list(range(start, start + count))


# --- the hidden scenario and the answers -----------------------------------------------------


def _author_style(rng: random.Random) -> AuthorStyle:
    return AuthorStyle(
        agency_bias=rng.gauss(0, 8),
        holistic_bias=rng.gauss(0, 10),
        share_rate=rng.uniform(0.38, 0.62),
    )


def _scenario(rng: random.Random, number: int) -> Scenario:
    phase = rng.choices(PHASES, PHASE_WEIGHTS)[0]
    mechanism = rng.choices(MECHANISMS, (0.38, 0.32, 0.30))[0]
    return Scenario(
        phase=phase,
        focus=rng.choices(FOCI, FOCUS_WEIGHTS[phase])[0],
        mechanism=mechanism,
        outcome=rng.choices(OUTCOMES, OUTCOME_WEIGHTS[mechanism])[0],
        culture=rng.random() < 0.35,
        cycle_number=number,
    )


def _slider(rng: random.Random, key: str, s: Scenario, style: AuthorStyle) -> int:
    # eigen regie and motivation grow slowly over the first cycles, then level off
    trend = 1.5 * min(s.cycle_number - 1, 12)
    if key == "motivation":
        centre = 45 + 20 * (s.mechanism == "bond") + trend
        centre += {"positive": 12, "mixed": 0, "negative": -15}[s.outcome]
    elif key == "agency":
        centre = AGENCY_BY_PHASE[s.phase] + style.agency_bias + trend
    elif key == "expectations":
        centre = 50 + 22 * (s.mechanism == "agreements") - 10 * s.culture
        centre += 8 * (s.phase in ("plan", "monitoring"))
    elif key == "support_style":
        centre = (
            45 + 20 * (s.focus == "social") + 10 * (s.mechanism == "bond") + style.holistic_bias
        )
    elif key == "could_help":
        centre = {"positive": 75, "mixed": 50, "negative": 28}[s.outcome]
    else:
        centre = 50
    return max(0, min(100, round(rng.gauss(centre, 15))))


def _shares(rng: random.Random, base: tuple[int, int, int]) -> list[int]:
    """Three whole shares summing to exactly 100, scattered around ``base``."""
    weights = [b * math.exp(rng.gauss(0, 0.5)) for b in base]
    total = sum(weights)
    raw = [w * 100 / total for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(3), key=lambda i: raw[i] - shares[i], reverse=True)
    for i in by_remainder[: 100 - sum(shares)]:
        shares[i] += 1
    return shares


def _choice(rng: random.Random, key: str, options: list[str], s: Scenario) -> str:
    wanted: str | None = None
    if key == "journey_phase":
        wanted = s.phase
    elif key == "feeling":
        wanted = rng.choices(
            ("positive", "mixed", "negative", "neutral"), FEELING_WEIGHTS[s.outcome]
        )[0]
    elif key == "cultural_differences":
        weights = (0.65, 0.30, 0.05) if s.culture else (0.05, 0.25, 0.70)
        wanted = rng.choices(("yes", "somewhat", "no"), weights)[0]
    return wanted if wanted in options else rng.choice(options)


def _multichoice(rng: random.Random, key: str, options: list[str], s: Scenario) -> list[str]:
    picked: list[str] = []
    if key == "life_domains":
        primary = rng.choice(DOMAIN_BY_FOCUS[s.focus])
        if primary in options:
            picked.append(primary)
    others = [o for o in options if o not in picked]
    extra = rng.choices((0, 1, 2), (0.45, 0.4, 0.15))[0] if picked else rng.randint(1, 3)
    picked += rng.sample(others, min(extra, len(others)))
    return picked


def _answer(
    rng: random.Random, question: Question, s: Scenario, style: AuthorStyle, meaning: str
) -> list[dict]:
    """The answer rows (without ids) for one question; several for a multichoice."""

    def row(**values: object) -> dict:
        base = {"question_id": question.id, "value": None, "a": None, "b": None, "c": None}
        return base | {"choice": None, "text": None, "not_applicable": False} | values

    options = [o["key"] for o in question.options]
    kind = question.type
    na_allowed = kind in (QuestionType.SLIDER, QuestionType.TRIAD) and question.allows_na
    if na_allowed and rng.random() < NOT_APPLICABLE_RATE:
        return [row(not_applicable=True)]
    if kind is QuestionType.SLIDER:
        return [row(value=_slider(rng, question.key, s, style))]
    if kind is QuestionType.TRIAD:
        if question.key == "role_balance":
            base = ROLE_BASE[s.focus]
        elif question.key == "what_worked":
            base = WORKED_BASE[s.mechanism]
        else:
            base = (34, 33, 33)
        a, b, c = _shares(rng, base)
        return [row(a=a, b=b, c=c)]
    if kind is QuestionType.CHOICE and options:
        return [row(choice=_choice(rng, question.key, options, s))]
    if kind is QuestionType.MULTICHOICE and options:
        return [row(choice=key) for key in _multichoice(rng, question.key, options, s)]
    if kind is QuestionType.TEXT:
        return [row(text=meaning)]
    return []
