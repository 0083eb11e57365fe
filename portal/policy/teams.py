"""Teams, their cycles and people: who writes in and skips a cycle, who sees participation, who
manages a team's prompts, who manages teams and users. The team rules that lists need also come as
SQL clauses on ``Team``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import false, true
from sqlalchemy.sql import ColumnElement

from portal.models import Cycle, Team, User
from portal.policy.roles import (
    ADMIN,
    KM,
    RESEARCH,
    Clauses,
    Rules,
    admin,
    coached_team_ids,
    coaches,
    signed_in,
)


def _writes_in(user: User, team_id: int) -> bool:
    """A klantmanager writes in the cycles of the teams they belong to."""
    return user.has_role(KM) and team_id in user.team_ids


def _take_part(user: User, cycle: Cycle) -> bool:
    return _writes_in(user, cycle.team_id)


def _own_participation(user: User, team: Team) -> bool:
    """The klantmanager's own row of the team's grid (the whole grid is ``view_participation``)."""
    return _writes_in(user, team.id)


def _team_participation(user: User, team: Team) -> bool:
    return user.has_role(RESEARCH, ADMIN) or coaches(user, team.id)


def _participation_by_person(user: User, team: Team) -> bool:
    """Who wrote in which round, by name: the team's coach. Onderzoekers and beheerders see the
    counts per round only (DESIGN §2)."""
    return coaches(user, team.id)


def _user_participation(user: User, person: User) -> bool:
    if user.id == person.id or user.has_role(RESEARCH, ADMIN):
        return True
    return bool(coached_team_ids(user) & person.team_ids)


def _team_prompts(user: User, team: Team) -> bool:
    return user.has_role(ADMIN) or coaches(user, team.id)


def _see_mail_failures(user: User, person: User) -> bool:
    """E-mails that could not be sent (reminders, invitations) name people and addresses: only a
    beheerder is shown them, on their own pages (``person`` is the viewer)."""
    return user.id == person.id and user.has_role(ADMIN)


RULES: Rules = {
    (Cycle, "write_in"): _take_part,
    (Cycle, "skip"): _take_part,
    (Team, "view_own_participation"): _own_participation,
    (Team, "view_participation"): _team_participation,
    (Team, "view_participation_by_person"): _participation_by_person,
    (Team, "manage"): admin,
    (Team, "manage_prompts"): _team_prompts,
    (User, "view_participation"): _user_participation,
    (User, "manage"): admin,
    (User, "see_mail_failures"): _see_mail_failures,
}


# --- the team rules in SQL -----------------------------------------------------------------------


def _all_or_coached(user: Any, *all_teams_roles: str) -> ColumnElement[bool]:
    if not signed_in(user):
        return false()
    if user.has_role(*all_teams_roles):
        return true()
    coached = coached_team_ids(user)
    return Team.id.in_(sorted(coached)) if coached else false()


def participation_teams(user: Any) -> ColumnElement[bool]:
    """The ``view_participation`` rule on teams as a WHERE clause: every team for onderzoekers and
    beheerders, else the teams the user coaches while still a coach."""
    return _all_or_coached(user, RESEARCH, ADMIN)


def prompt_teams(user: Any) -> ColumnElement[bool]:
    """The ``manage_prompts`` rule on teams as a WHERE clause: every team for beheerders, else the
    teams the user coaches while still a coach."""
    return _all_or_coached(user, ADMIN)


CLAUSES: Clauses = {
    (Team, "view_participation"): participation_teams,
    (Team, "manage_prompts"): prompt_teams,
}
