"""Cycle arithmetic: a team's numbered periods by local date (DESIGN §6).

Boundaries are local calendar dates in the team's timezone, so a daylight-saving change never
moves a cycle."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.i18n import local_date
from portal.core.upsert import insert_ignore
from portal.cycles.prompts import prompt_for
from portal.models import Cycle, Team, User


def home_team(user: User) -> Team | None:
    """The team a klantmanager writes in: the first team they belong to."""
    return min(user.teams, key=lambda t: t.id) if user.teams else None


def local_today(team: Team, now: datetime) -> date:
    return now.astimezone(ZoneInfo(team.timezone)).date()


def user_today(user: User, now: datetime) -> date:
    """Today for this person: in their home team's time zone, else the portal's. Never the UTC
    date, which is yesterday's between midnight and 01:00 (02:00 in summer) in Amsterdam."""
    team = home_team(user)
    return local_today(team, now) if team else local_date(now)


def cycle_number(team: Team, day: date) -> int | None:
    """The 1-based number of the cycle that holds ``day``, or None before the first one."""
    if team.cycle_start is None or day < team.cycle_start:
        return None
    return (day - team.cycle_start).days // team.cycle_length_days + 1


def cycle_bounds(team: Team, number: int) -> tuple[date, date]:
    """First and last day (inclusive) of cycle ``number``."""
    start = team.cycle_start + timedelta(days=(number - 1) * team.cycle_length_days)
    return start, start + timedelta(days=team.cycle_length_days - 1)


def _cycle_values(session: Session, team: Team, number: int, *, with_prompt: bool) -> dict:
    starts_on, ends_on = cycle_bounds(team, number)
    values = dict(team_id=team.id, number=number, starts_on=starts_on, ends_on=ends_on)
    prompt_nl, prompt_en = prompt_for(session, team, number) if with_prompt else ("", "")
    values.update(prompt_nl=prompt_nl, prompt_en=prompt_en, prompt_source="bank")
    return values


def _stored_cycle(session: Session, team: Team, number: int) -> Cycle | None:
    return session.scalar(select(Cycle).where(Cycle.team_id == team.id, Cycle.number == number))


def cycle_on(session: Session, team: Team, day: date, *, with_prompt: bool = True) -> Cycle | None:
    """The cycle that holds ``day`` for a page to show: the stored one, or, before anyone wrote in
    it, an unsaved one (``id`` None) with the values :func:`ensure_cycle` would store. A GET never
    writes: the first write that needs the cycle stores it with :func:`ensure_cycle`. The unsaved
    cycle is never added to the session; link it to nothing that is."""
    number = cycle_number(team, day)
    if number is None:
        return None
    stored = _stored_cycle(session, team, number)
    if stored is not None:
        return stored
    return Cycle(**_cycle_values(session, team, number, with_prompt=with_prompt))


def ensure_cycle(session: Session, team: Team, day: date) -> Cycle | None:
    """The stored cycle that holds ``day``, storing it when first reached (for writes)."""
    number = cycle_number(team, day)
    if number is None:
        return None
    cycle = _stored_cycle(session, team, number)
    if cycle is None:
        # Two processes may reach a cycle at once: the second insert is skipped, not an error.
        values = _cycle_values(session, team, number, with_prompt=True)
        insert_ignore(session, Cycle, values, ["team_id", "number"])
        cycle = _stored_cycle(session, team, number)
    return cycle
