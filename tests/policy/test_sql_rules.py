"""The rules as SQL clauses agree with ``policy.can()``: lists filter in SQL, never per row."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal import policy
from portal.models import AnonymousUser, Respondent, Role, Story, StoryKind
from tests.policy.world import (
    I_ALL,
    I_SESSIONS,
    IN,
    OC,
    OZ,
    R_NO_TEAM,
    R_OTHER,
    R_SHARED,
    R_SHARED_C,
    SITUATIONS,
    TC,
    TM,
    VO,
    World,
)


def _all_stories(world: World) -> None:
    for build in SITUATIONS[Story].values():
        build(world)


def _loaded_stories(session) -> list[Story]:
    session.expire_all()
    query = select(Story).options(
        joinedload(Story.author),
        joinedload(Story.respondent).selectinload(Respondent.consents),
    )
    return list(session.scalars(query).unique())


def _sql_ids(session, clause) -> set[int]:
    return set(session.scalars(select(Story.id).where(clause)))


def _readers(world: World) -> dict[str, object]:
    make_user = world.make_user
    readers = {
        **world.users,
        **{f"author {key}": user for key, user in world.authors.items()},
        "klantmanager": make_user(Role.KLANTMANAGER),
        "verhalenbegeleider": world.users[VO],
        "coach (member and coach of the team)": make_user(Role.COACH),
        "onderzoeker in the team": make_user(Role.ONDERZOEKER),
        "klantmanager and coach of another team": make_user(
            Role.KLANTMANAGER, Role.COACH, teams=[world.other_team]
        ),
        "beheerder and onderzoeker": make_user(Role.BEHEERDER, Role.ONDERZOEKER, teams=[]),
        "user in no team": make_user(Role.KLANTMANAGER, teams=[]),
    }
    member_and_other_coach = make_user(Role.KLANTMANAGER, Role.COACH, teams=[world.team])
    member_and_other_coach.coached_teams = [world.other_team]
    world.session.commit()
    readers["klantmanager of the team, coach of the other"] = member_and_other_coach
    return readers


def test_readable_stories_matches_can_read_for_every_role(world, session):
    _all_stories(world)
    readers = _readers(world)
    stories = _loaded_stories(session)
    assert len(stories) == len(SITUATIONS[Story])

    seen_by_someone: set[int] = set()
    for name, user in readers.items():
        in_sql = _sql_ids(session, policy.readable_stories(user))
        by_can = {s.id for s in stories if policy.can(user, "read", s)}
        assert in_sql == by_can, f"{name}: SQL {sorted(in_sql)} != can() {sorted(by_can)}"
        seen_by_someone |= in_sql

    by_title = {s.id: s for s in stories}
    withdrawn = {i for i, s in by_title.items() if s.is_withdrawn}
    assert withdrawn and not withdrawn & seen_by_someone
    assert seen_by_someone == set(by_title) - withdrawn
    assert _sql_ids(session, policy.readable_stories(readers[OZ])) == {
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


def test_readable_stories_is_empty_for_anonymous_and_inactive_users(world, session):
    _all_stories(world)
    assert _sql_ids(session, policy.readable_stories(AnonymousUser())) == set()
    assert _sql_ids(session, policy.readable_stories(world.users[IN])) == set()


# -- stories usable in team sessions --------------------------------------------------------------


def test_usable_in_sessions_is_shared_reflections_and_interviews_with_session_consent(
    world, session
):
    built = {name: build(world)[0].id for name, build in SITUATIONS[Story].items()}
    usable = _sql_ids(session, policy.usable_in_sessions())
    expected = {R_SHARED, R_SHARED_C, R_OTHER, R_NO_TEAM, I_ALL, I_SESSIONS}
    assert usable == {built[name] for name in expected}


def test_put_in_session_is_usable_in_sessions_within_the_coached_teams(world, session):
    _all_stories(world)
    stories = _loaded_stories(session)
    usable = _sql_ids(session, policy.usable_in_sessions())
    for name in (TC, OC, IN, TM):
        coach = world.users[name]
        by_can = {s.id for s in stories if policy.can(coach, "put_in_session", s)}
        expected = {
            s.id
            for s in stories
            if s.id in usable
            and coach.is_active
            and coach.has_role(Role.COACH)
            and (s.kind is StoryKind.INTERVIEW or s.team_id in coach.coached_team_ids)
        }
        assert by_can == expected, name
