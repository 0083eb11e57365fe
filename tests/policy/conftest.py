"""The ``world`` of the policy tests (see world.py) and the ``ctx`` of the access table."""

from __future__ import annotations

import pytest

from portal.models import AnonymousUser, Role, Team, User
from tests.policy.access_rows import Ctx
from tests.policy.world import AN, BH, IN, OC, OM, OZ, TC, TM, VO, VX, World


@pytest.fixture
def world(session, team, make_team, make_user, make_story, make_respondent, make_consent) -> World:
    other_team = make_team("Team Zuid")
    w = World(session, make_user, make_story, make_respondent, make_consent, team, other_team)

    def coach_only(of: Team) -> User:
        coach = make_user(Role.COACH, teams=[])
        coach.coached_teams.append(of)
        session.commit()
        return coach

    w.users = {
        TM: make_user(Role.KLANTMANAGER),
        OM: make_user(Role.KLANTMANAGER, teams=[other_team]),
        TC: coach_only(team),
        OC: coach_only(other_team),
        OZ: make_user(Role.ONDERZOEKER, teams=[]),
        BH: make_user(Role.BEHEERDER, teams=[]),
        VO: make_user(Role.VERHALENBEGELEIDER, teams=[]),  # like the demo: in no team
        VX: make_user(Role.VERHALENBEGELEIDER, teams=[]),
        IN: make_user(*Role, active=False),
        AN: AnonymousUser(),
    }
    w.authors = {
        "km": make_user(Role.KLANTMANAGER),
        "km_consenting": make_user(Role.KLANTMANAGER, research_consent=True),
        "km_other_team": make_user(Role.KLANTMANAGER, teams=[other_team], research_consent=True),
    }
    return w


@pytest.fixture
def ctx(session, team, make_user, make_story, make_respondent, make_consent) -> Ctx:
    users = {
        Role.KLANTMANAGER: make_user(Role.KLANTMANAGER),
        Role.VERHALENBEGELEIDER: make_user(Role.VERHALENBEGELEIDER, teams=[]),
        Role.COACH: make_user(Role.COACH),
        Role.ONDERZOEKER: make_user(Role.ONDERZOEKER, teams=[]),
        Role.BEHEERDER: make_user(Role.BEHEERDER, teams=[]),
    }
    return Ctx(
        session,
        team,
        {str(role): user for role, user in users.items()},
        make_user,
        make_story,
        make_respondent,
        make_consent,
    )
