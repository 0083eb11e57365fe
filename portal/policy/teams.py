"""Teams and people: who sees participation, who manages a team's prompts, who manages teams and
users."""

from __future__ import annotations

from portal.models import Team, User
from portal.policy.roles import ADMIN, RESEARCH, Rules, admin, coached_team_ids, coaches


def _team_participation(user: User, team: Team) -> bool:
    return user.has_role(RESEARCH, ADMIN) or coaches(user, team.id)


def _user_participation(user: User, person: User) -> bool:
    if user.id == person.id or user.has_role(RESEARCH, ADMIN):
        return True
    return bool(coached_team_ids(user) & person.team_ids)


def _team_prompts(user: User, team: Team) -> bool:
    return user.has_role(ADMIN) or coaches(user, team.id)


RULES: Rules = {
    (Team, "view_participation"): _team_participation,
    (Team, "manage"): admin,
    (Team, "manage_prompts"): _team_prompts,
    (User, "view_participation"): _user_participation,
    (User, "manage"): admin,
}
