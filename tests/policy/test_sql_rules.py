"""The rules as SQL clauses agree with ``policy.can()``: lists filter in SQL, never per row.

For every clause of ``policy.clauses()`` and every person of ``_people`` (every role, role
combinations, former coaches still listed as coach, inactive users, anonymous), the rows the clause
selects are exactly the objects ``can()`` allows, over every situation of ``world.SITUATIONS``."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal import policy
from portal.models import AnonymousUser, Respondent, Role, Story, StoryKind, Team, TeamSession, User
from tests.policy.world import (
    I_ALL,
    I_SESSIONS,
    IN,
    OZ,
    R_NO_TEAM,
    R_OTHER,
    R_SHARED,
    R_SHARED_C,
    SITUATIONS,
    TC,
    World,
    load_all,
)

#: The rules lists ask in SQL; a new clause gets objects in SITUATIONS and a line here.
LIST_RULES = {
    (Story, "read"),
    (Story, "put_in_session"),
    (Story, "analyse"),
    (Story, "tag"),
    (Story, "export"),  # issue 13
    (Respondent, "read"),
    (Team, "view_participation"),
    (Team, "manage_prompts"),
    (TeamSession, "read"),  # issue 17
    (TeamSession, "run"),  # issue 15: the sessions a coach may bring an observation into
}


def _build_everything(world: World) -> dict[str, User]:
    """Every situation of every object type; returns the authors (owners, the person an object is
    about) by situation."""
    authors = {}
    for situations in SITUATIONS.values():
        for name, build in situations.items():
            authors[f"author of {name}"] = build(world)[1]
    return authors


@pytest.fixture
def people(world, make_team) -> dict[str, object]:
    """Every object situation built, a team nobody coaches, and everyone who might ask."""
    authors = _build_everything(world)
    make_team("Team Oost")
    make_user, team, other_team = world.make_user, world.team, world.other_team

    def also_coaching(user: User, *teams: Team) -> User:
        user.coached_teams.extend(teams)
        world.session.commit()
        return user

    return {
        **world.users,
        **authors,
        "coach (member and coach of the team)": make_user(Role.COACH),
        "former coach: klantmanager of the team, still listed as its coach": also_coaching(
            make_user(Role.KLANTMANAGER), team
        ),
        "former coach: verhalenbegeleider, still listed as coach of the other team": (
            also_coaching(make_user(Role.VERHALENBEGELEIDER, teams=[]), other_team)
        ),
        "klantmanager of the team, coach of the other": also_coaching(
            make_user(Role.KLANTMANAGER, Role.COACH, teams=[team]), other_team
        ),
        "klantmanager and coach of another team": make_user(
            Role.KLANTMANAGER, Role.COACH, teams=[other_team]
        ),
        "onderzoeker in the team": make_user(Role.ONDERZOEKER),
        "beheerder and onderzoeker": make_user(Role.BEHEERDER, Role.ONDERZOEKER, teams=[]),
        "beheerder and coach of the team": make_user(Role.BEHEERDER, Role.COACH),
        "user in no team": make_user(Role.KLANTMANAGER, teams=[]),
        "inactive coach of the team": make_user(Role.COACH, active=False),
        "inactive beheerder": make_user(Role.BEHEERDER, teams=[], active=False),
    }


def _ids(session, kind: type, clause) -> set[int]:
    return set(session.scalars(select(kind.id).where(clause)))


def test_the_list_rules_are_the_known_ones():
    assert set(policy.clauses()) == LIST_RULES
    assert set(policy.rules()) >= LIST_RULES


@pytest.mark.parametrize(
    ("kind", "action"), sorted(LIST_RULES, key=str), ids=lambda v: getattr(v, "__name__", v)
)
def test_sql_clause_selects_what_can_allows_for_everyone(session, people, kind, action):
    clause_for = policy.clauses()[kind, action]
    objects = load_all(session, kind)
    assert len(objects) >= len(SITUATIONS[kind])

    allowed_somewhere = refused_somewhere = False
    for name, user in people.items():
        in_sql = _ids(session, kind, clause_for(user))
        by_can = {o.id for o in objects if policy.can(user, action, o)}
        assert in_sql == by_can, f"{name}: SQL {sorted(in_sql)} != can() {sorted(by_can)}"
        allowed_somewhere |= bool(by_can)
        refused_somewhere |= len(by_can) < len(objects)
    assert allowed_somewhere and refused_somewhere


def test_nobody_reads_a_withdrawn_story_and_research_reads_by_consent(session, people):
    stories = load_all(session, Story)
    seen_by_someone: set[int] = set()
    for user in people.values():
        seen_by_someone |= _ids(session, Story, policy.readable_stories(user))

    withdrawn = {s.id for s in stories if s.is_withdrawn}
    assert withdrawn and not withdrawn & seen_by_someone
    assert seen_by_someone == {s.id for s in stories} - withdrawn
    assert _ids(session, Story, policy.readable_stories(people[OZ])) == {
        s.id
        for s in stories
        if not s.is_withdrawn
        and not s.is_draft
        and (
            s.author.research_consent
            if s.kind is StoryKind.REFLECTION
            else policy.consent_holds(s.respondent, "research")
        )
    }


def test_former_coaches_see_no_participation_grid_and_manage_no_prompts(world, session, people):
    for name, user in people.items():
        if name.startswith("former coach"):
            assert _ids(session, Team, policy.participation_teams(user)) == set(), name
            assert _ids(session, Team, policy.prompt_teams(user)) == set(), name
    every_team = {t.id for t in load_all(session, Team)}
    assert _ids(session, Team, policy.participation_teams(people[OZ])) == every_team
    assert _ids(session, Team, policy.prompt_teams(people[TC])) == {world.team.id}


def test_readable_stories_is_empty_for_anonymous_and_inactive_users(world, session):
    _build_everything(world)
    assert _ids(session, Story, policy.readable_stories(AnonymousUser())) == set()
    assert _ids(session, Story, policy.readable_stories(world.users[IN])) == set()


# -- stories usable in team sessions --------------------------------------------------------------


def test_usable_in_sessions_is_shared_reflections_and_interviews_with_session_consent(
    world, session
):
    built = {name: build(world)[0].id for name, build in SITUATIONS[Story].items()}
    usable = _ids(session, Story, policy.usable_in_sessions())
    expected = {R_SHARED, R_SHARED_C, R_OTHER, R_NO_TEAM, I_ALL, I_SESSIONS}
    assert usable == {built[name] for name in expected}


# -- stories a participant may propose (most significant change) ----------------------------------


def test_proposable_stories_selects_what_can_allows_in_every_session(session, people):
    """The proposal form lists in SQL exactly the stories ``can(user, "propose", …)`` allows, for
    everyone and every session (open, planned, closed, of another team)."""
    stories = load_all(session, Story)
    sessions = load_all(session, TeamSession)
    assert {ts.status.value for ts in sessions} == {"open", "planned", "closed"}

    allowed = 0
    for ts in sessions:
        for name, user in people.items():
            in_sql = _ids(session, Story, policy.proposable_stories(user, ts))
            by_can = {
                s.id for s in stories if policy.can(user, "propose", policy.StoryInSession(ts, s))
            }
            assert in_sql == by_can, f"{name} in session {ts.id}: SQL {in_sql} != can() {by_can}"
            allowed += len(by_can)
    assert allowed
