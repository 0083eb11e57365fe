"""Participation: who wrote, skipped or missed which cycle. Counts only, never story content.

The grid for one team costs a fixed number of queries whatever the number of cycles or people:
cycles, members, written counts (GROUP BY), skips."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session

from portal import policy
from portal.core.locks import serialize
from portal.cycles.schedule import cycle_on
from portal.models import (
    SKIP_REASONS,
    Cycle,
    CycleSkip,
    Role,
    Story,
    StoryStatus,
    Team,
    User,
    UserRole,
    team_members,
)

PER_PAGE = 12


def counts_as_written() -> ColumnElement[bool]:
    """A story that counts for its cycle: submitted and not withdrawn. The participation grid, the
    home page and the reminders all ask this one clause, so they never disagree."""
    return and_(Story.status == StoryStatus.SUBMITTED, Story.withdrawn_at.is_(None))


def wrote_in_cycle(session: Session, user: User, cycle: Cycle) -> bool:
    if cycle.id is None:  # not stored yet, so nobody wrote in it
        return False
    return (
        session.scalar(
            select(Story.id)
            .where(Story.author_id == user.id, Story.cycle_id == cycle.id, counts_as_written())
            .limit(1)
        )
        is not None
    )


class Status(enum.StrEnum):
    WRITTEN = "written"
    SKIPPED = "skipped"
    MISSING = "missing"
    NOT_YET = "not_yet"


@dataclass
class Row:
    person: User
    cells: list[Status]
    written: int = 0
    skipped: int = 0
    missing: int = 0


@dataclass
class Grid:
    team: Team
    cycles: list[Cycle]
    rows: list[Row]
    rates: list[int | None] = field(default_factory=list)  # percent per cycle
    page: int = 1
    has_older: bool = False

    def counts(self) -> list[dict[str, int]]:
        """Per cycle, how many wrote, skipped and are missing: the grid without names."""
        return [
            {status: sum(1 for row in self.rows if row.cells[i] is status) for status in Status}
            for i in range(len(self.cycles))
        ]


def visible_teams(session: Session, user: User) -> list[Team]:
    """Teams whose full grid ``user`` may see (the policy's ``view_participation`` rule)."""
    query = select(Team).where(policy.participation_teams(user)).order_by(Team.name)
    return list(session.scalars(query))


def status_of(cycle: Cycle, wrote: bool, skipped: bool, today: date) -> Status:
    if wrote:
        return Status.WRITTEN
    if skipped:
        return Status.SKIPPED
    return Status.MISSING if cycle.ends_on < today else Status.NOT_YET


def _written_cells(session: Session, person_ids: list[int], cycle_ids: list[int]) -> set[tuple]:
    """(person, cycle) pairs with a submitted story: one index probe per cell, so the cost follows
    the size of the grid, not the number of stories."""
    wrote = (
        select(Story.id)
        .where(Story.author_id == User.id, Story.cycle_id == Cycle.id, counts_as_written())
        .exists()
    )
    cells = (
        select(User.id, Cycle.id)
        .join(Cycle, true())
        .where(User.id.in_(person_ids), Cycle.id.in_(cycle_ids), wrote)
    )
    return {tuple(row) for row in session.execute(cells)}


def team_grid(
    session: Session, team: Team, *, today: date, page: int = 1, only: User | None = None
) -> Grid:
    """The person × cycle grid of ``team`` (newest ``PER_PAGE`` reached cycles on page 1)."""
    page = max(page, 1)
    current = cycle_on(session, team, today, with_prompt=False)
    unsaved = 1 if current is not None and current.id is None else 0  # shown first on page 1
    cycles = list(
        session.scalars(
            select(Cycle)
            .where(Cycle.team_id == team.id, Cycle.starts_on <= today)
            .order_by(Cycle.number.desc())
            .offset(max((page - 1) * PER_PAGE - unsaved, 0))
            .limit(PER_PAGE + 1 - (unsaved if page == 1 else 0))
        )
    )
    if page == 1 and unsaved:
        cycles.insert(0, current)
    has_older = len(cycles) > PER_PAGE
    cycles = list(reversed(cycles[:PER_PAGE]))
    if only is not None:
        people = [only]
    else:
        people = list(
            session.scalars(
                select(User)
                .join(team_members, team_members.c.user_id == User.id)
                .join(UserRole, UserRole.user_id == User.id)
                .where(
                    team_members.c.team_id == team.id,
                    UserRole.role == Role.KLANTMANAGER,
                    User.active.is_(True),
                )
                .order_by(User.display_name, User.id)
            )
        )
    ids = [c.id for c in cycles] or [-1]
    person_ids = [p.id for p in people] or [-1]
    written = _written_cells(session, person_ids, ids)
    skips = set(
        session.execute(
            select(CycleSkip.user_id, CycleSkip.cycle_id).where(
                CycleSkip.cycle_id.in_(ids), CycleSkip.user_id.in_(person_ids)
            )
        ).all()
    )
    rows = []
    for person in people:
        cells = [
            status_of(c, (person.id, c.id) in written, (person.id, c.id) in skips, today)
            for c in cycles
        ]
        rows.append(
            Row(
                person,
                cells,
                written=cells.count(Status.WRITTEN),
                skipped=cells.count(Status.SKIPPED),
                missing=cells.count(Status.MISSING),
            )
        )
    rates = []
    for i in range(len(cycles)):
        expected = [r.cells[i] for r in rows if r.cells[i] is not Status.SKIPPED]
        done = sum(1 for s in expected if s is Status.WRITTEN)
        rates.append(round(100 * done / len(expected)) if expected else None)
    return Grid(team, cycles, rows, rates, page, has_older)


def streak(cells: list[Status]) -> int:
    """Cycles written in a row up to now; skips and the open cycle do not break it."""
    count = 0
    for status in reversed(cells):
        if status is Status.WRITTEN:
            count += 1
        elif status is Status.MISSING:
            break
    return count


def skip_of(session: Session, user: User, cycle: Cycle) -> CycleSkip | None:
    return session.scalar(
        select(CycleSkip).where(CycleSkip.user_id == user.id, CycleSkip.cycle_id == cycle.id)
    )


class SkipError(ValueError):
    """A skip that cannot be recorded; the message is fit to show."""


def skip_cycle(session: Session, user: User, cycle: Cycle, reason: str, note: str) -> CycleSkip:
    """Record (or change) that ``user`` skips ``cycle``; not once they wrote in it."""
    if reason not in SKIP_REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    serialize(session, f"skip:{user.id}:{cycle.id}")  # two tabs at once: one skip, changed twice
    if wrote_in_cycle(session, user, cycle):
        raise SkipError(
            _l("Je hebt in deze ronde al een verhaal geschreven; overslaan hoeft niet.")
        )
    skip = skip_of(session, user, cycle)
    if skip is None:
        skip = CycleSkip(user_id=user.id, cycle_id=cycle.id)
        session.add(skip)
    skip.reason, skip.note = reason, note.strip()[:1000]
    session.flush()
    return skip


def unskip(session: Session, user: User, cycle: Cycle) -> None:
    skip = skip_of(session, user, cycle)
    if skip is not None:
        session.delete(skip)
        session.flush()
