"""The beheerder's work on teams (``/admin/teams``): create and edit a team, its cycle schedule,
its reminder day, members and coaches. Plain functions; they flush, the view commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from portal.accounts.users import UserError, create_team, find_team
from portal.models import Cycle, Role, Team, User, team_coaches, team_members


@dataclass
class TeamRow:
    team: Team
    members: int
    coaches: int
    cycles: int


def list_teams(session: Session) -> list[TeamRow]:
    """Every team with its counts (three GROUP BY queries, whatever the number of teams)."""
    teams = list(session.scalars(select(Team).order_by(func.lower(Team.name))))

    members = dict(
        session.execute(
            select(team_members.c.team_id, func.count()).group_by(team_members.c.team_id)
        ).all()
    )
    coaches = dict(
        session.execute(
            select(team_coaches.c.team_id, func.count()).group_by(team_coaches.c.team_id)
        ).all()
    )
    cycles = dict(
        session.execute(select(Cycle.team_id, func.count()).group_by(Cycle.team_id)).all()
    )
    return [
        TeamRow(t, members.get(t.id, 0), coaches.get(t.id, 0), cycles.get(t.id, 0)) for t in teams
    ]


def load_team(session: Session, team_id: int) -> Team | None:
    return session.scalar(
        select(Team)
        .where(Team.id == team_id)
        .options(selectinload(Team.members), selectinload(Team.coaches))
    )


def has_cycles(session: Session, team: Team) -> bool:
    return bool(session.scalar(select(func.count(Cycle.id)).where(Cycle.team_id == team.id)))


def candidates(session: Session) -> tuple[list[User], list[User]]:
    """Active people who may be members (everyone) and coaches (the coach role)."""
    people = list(
        session.scalars(
            select(User).where(User.active.is_(True)).order_by(func.lower(User.display_name))
        )
    )
    return people, [u for u in people if u.has_role(Role.COACH)]


def _check_schedule(length_days: int, reminder_days: int | None) -> None:
    if not 1 <= length_days <= 366:
        raise UserError(_l("Een ronde duurt 1 tot 366 dagen."))
    if reminder_days is not None and not 0 <= reminder_days < length_days:
        raise UserError(
            _l("De herinnering gaat uit tussen 0 dagen en de lengte van een ronde voor het einde.")
        )


def new_team(
    session: Session, name: str, *, start: date | None, length_days: int, reminder_days: int | None
) -> Team:
    _check_schedule(length_days, reminder_days)
    team = create_team(session, name, start=start, length_days=length_days)
    team.reminder_days_before_end = reminder_days
    session.flush()
    return team


def update_team(
    session: Session,
    team: Team,
    *,
    name: str,
    start: date | None,
    length_days: int,
    reminder_days: int | None,
    member_ids: Iterable[int],
    coach_ids: Iterable[int],
) -> None:
    """New name, schedule, members and coaches. Once a cycle of the team was reached, its start
    and length stay as they are: stored cycles and the stories in them keep their numbers."""
    name = name.strip()
    if not name:
        raise UserError(_l("Vul een teamnaam in."))
    same_name = find_team(session, name)
    if same_name is not None and same_name.id != team.id:
        raise UserError(_l("Er bestaat al een team met de naam %(name)s.", name=name))
    _check_schedule(length_days, reminder_days)
    schedule_changed = (start, length_days) != (team.cycle_start, team.cycle_length_days)
    if schedule_changed and has_cycles(session, team):
        raise UserError(
            _l("De rondes van dit team zijn al begonnen: de start en de lengte liggen vast.")
        )
    people, coaches = candidates(session)
    by_id = {u.id: u for u in people}
    member_ids, coach_ids = set(member_ids), set(coach_ids)
    if not member_ids <= by_id.keys() or not coach_ids <= {c.id for c in coaches}:
        raise UserError(_l("Kies alleen actieve mensen; een coach heeft de rol teamcoach."))
    # deactivated members stay members (their stories keep their team)
    kept = [u for u in team.members if not u.active]
    kept_coaches = [u for u in team.coaches if not u.active]
    team.name = name[:120]
    team.cycle_start, team.cycle_length_days = start, length_days
    team.reminder_days_before_end = reminder_days
    team.members = kept + [by_id[i] for i in sorted(member_ids)]
    team.coaches = kept_coaches + [by_id[i] for i in sorted(coach_ids)]
    session.flush()
