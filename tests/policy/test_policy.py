"""The policy (DESIGN §2), table-driven: every rule × every object situation × every actor.

``EXPECTED`` has one row per rule of ``policy.rules()``; a row names, for every situation of its
object type, the actors that are allowed — every other actor must be refused. A new rule or a new
situation without a full row fails ``test_every_rule_has_a_complete_row``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from flask_login import login_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from werkzeug.exceptions import Forbidden

from portal import policy
from portal.models import (
    AnonymousUser,
    Consent,
    Respondent,
    Role,
    Story,
    StoryKind,
    Team,
    User,
)

# -- actors ---------------------------------------------------------------------------------------

AU = "author"  # the story's author / the entering user / the object's own person or owner
TM = "same-team member"
OM = "other-team member"
TC = "coach of the team"
OC = "coach of another team"
OZ = "onderzoeker"
BH = "beheerder"
VO = "verhalenbegeleider (owner)"
VX = "verhalenbegeleider (other)"
IN = "inactive user (every role, member and coach of the team)"
AN = "anonymous"
ACTORS = (AU, TM, OM, TC, OC, OZ, BH, VO, VX, IN, AN)
NOBODY: frozenset[str] = frozenset()


@dataclass
class World:
    """Two teams and one user per actor (the author comes from the situation)."""

    session: object
    make_user: Callable
    make_story: Callable
    make_respondent: Callable
    make_consent: Callable
    team: Team
    other_team: Team
    users: dict[str, object] = field(default_factory=dict)
    authors: dict[str, User] = field(default_factory=dict)


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


# -- object situations ----------------------------------------------------------------------------
# Each builds one object and returns it with its "author" (owner, or the person it is about).


def _reflection(author: str = "km", team: bool = True, **kw) -> Callable:
    def build(w: World) -> tuple[Story, User]:
        user = w.authors[author]
        if not team:
            kw["team"] = None
        story = w.make_story("reflection", author=user, **kw)
        return story, user

    return build


def _interview(consent: str | None = "all", **kw) -> Callable:
    """An interview entered by the verhalenbegeleider for the team ``w.team``."""

    def build(w: World) -> tuple[Story, User]:
        owner = w.users[VO]
        respondent = w.make_respondent(owner=owner)
        if consent is not None:
            scopes = {
                "all": {"research": True, "sessions": True},
                "research": {"research": True, "sessions": False},
                "sessions": {"research": False, "sessions": True},
                "withdrawn": {"research": True, "sessions": True, "withdrawn": True},
            }[consent]
            w.make_consent(respondent, **scopes)
        story = w.make_story("interview", author=owner, team=w.team, respondent=respondent, **kw)
        return story, owner

    return build


def _respondent(former_owner: bool = False) -> Callable:
    def build(w: World) -> tuple[Respondent, User]:
        owner = w.make_user(Role.KLANTMANAGER) if former_owner else w.users[VO]
        respondent = w.make_respondent(owner=owner, age_band="25-34")
        w.make_consent(respondent)
        return respondent, owner

    return build


def _consent(withdrawn: bool) -> Callable:
    def build(w: World) -> tuple[Consent, User]:
        respondent = w.make_respondent(owner=w.users[VO])
        return w.make_consent(respondent, withdrawn=withdrawn), w.users[VO]

    return build


def _team(other: bool) -> Callable:
    def build(w: World) -> tuple[Team, User]:
        if other:
            return w.other_team, w.authors["km_other_team"]
        return w.team, w.authors["km"]

    return build


def _person(other: bool) -> Callable:
    def build(w: World) -> tuple[User, User]:
        person = w.users[OM] if other else w.authors["km"]
        return person, person

    return build


R_DRAFT = "reflection draft (marked shared, author consents to research)"
R_PRIVATE = "reflection submitted, not shared"
R_PRIVATE_C = "reflection submitted, not shared, author consents to research"
R_SHARED = "reflection shared with the team"
R_SHARED_C = "reflection shared with the team, author consents to research"
R_WITHDRAWN = "reflection shared, then withdrawn (author consents to research)"
R_OTHER = "reflection shared in another team (author consents to research)"
R_NO_TEAM = "reflection shared, story has no team"
I_ALL = "interview, consent for research and sessions (shared flag set)"
I_RESEARCH = "interview, consent for research only"
I_SESSIONS = "interview, consent for sessions only"
I_CONSENT_GONE = "interview, consent withdrawn"
I_NO_CONSENT = "interview without any consent"
I_DRAFT = "interview draft, consent for everything"
I_WITHDRAWN = "interview withdrawn, consent for everything"
RS = "respondent with consent"
RS_FORMER = "respondent owned by a user who is no longer verhalenbegeleider"
C_ON = "consent in force"
C_OFF = "consent withdrawn"

SITUATIONS: dict[type, dict[str, Callable]] = {
    Story: {
        R_DRAFT: _reflection("km_consenting", status="draft", shared_with_team=True),
        R_PRIVATE: _reflection(submitted=True),
        R_PRIVATE_C: _reflection("km_consenting", submitted=True),
        R_SHARED: _reflection(submitted=True, shared_with_team=True),
        R_SHARED_C: _reflection("km_consenting", submitted=True, shared_with_team=True),
        R_WITHDRAWN: _reflection(
            "km_consenting", submitted=True, shared_with_team=True, withdrawn=True
        ),
        R_OTHER: _reflection("km_other_team", submitted=True, shared_with_team=True),
        R_NO_TEAM: _reflection(team=False, submitted=True, shared_with_team=True),
        I_ALL: _interview("all", submitted=True, shared_with_team=True),
        I_RESEARCH: _interview("research", submitted=True),
        I_SESSIONS: _interview("sessions", submitted=True),
        I_CONSENT_GONE: _interview("withdrawn", submitted=True),
        I_NO_CONSENT: _interview(None, submitted=True),
        I_DRAFT: _interview("all", status="draft"),
        I_WITHDRAWN: _interview("all", submitted=True, withdrawn=True),
    },
    Respondent: {
        RS: _respondent(),
        RS_FORMER: _respondent(True),
    },
    Consent: {
        C_ON: _consent(withdrawn=False),
        C_OFF: _consent(withdrawn=True),
    },
    Team: {"the team": _team(other=False), "another team": _team(other=True)},
    User: {
        "klantmanager of the team": _person(other=False),
        "klantmanager of another team": _person(other=True),
    },
}


def _s(*actors: str) -> frozenset[str]:
    return frozenset(actors)


ENTERER = _s(AU, VO)  # an interview's author is the verhalenbegeleider who entered it
_LIVE = (R_PRIVATE, R_PRIVATE_C, R_SHARED, R_SHARED_C, R_OTHER, R_NO_TEAM)
_LIVE_INTERVIEWS = (I_ALL, I_RESEARCH, I_SESSIONS, I_CONSENT_GONE, I_NO_CONSENT)


def _story_row(default: frozenset[str] = NOBODY, cells: dict | None = None) -> dict:
    row = dict.fromkeys(SITUATIONS[Story], default)
    row.update(cells or {})
    return row


EXPECTED: dict[tuple[type, str], dict[str, frozenset[str]]] = {
    (Story, "read"): {
        R_DRAFT: _s(AU),
        R_PRIVATE: _s(AU),
        R_PRIVATE_C: _s(AU, OZ),
        R_SHARED: _s(AU, TM, TC),
        R_SHARED_C: _s(AU, TM, TC, OZ),
        R_WITHDRAWN: NOBODY,
        R_OTHER: _s(AU, OM, OC, OZ),
        R_NO_TEAM: _s(AU),
        I_ALL: ENTERER | {OZ},
        I_RESEARCH: ENTERER | {OZ},
        I_SESSIONS: ENTERER,
        I_CONSENT_GONE: ENTERER,
        I_NO_CONSENT: ENTERER,
        I_DRAFT: ENTERER,
        I_WITHDRAWN: NOBODY,
    },
    (Story, "edit"): _story_row(
        cells={
            R_DRAFT: _s(AU),
            **dict.fromkeys(_LIVE, _s(AU)),
            **dict.fromkeys((*_LIVE_INTERVIEWS, I_DRAFT), ENTERER),
        }
    ),
    (Story, "delete"): _story_row(cells={R_DRAFT: _s(AU), I_DRAFT: ENTERER}),
    # DESIGN §2 lists withdraw for reflections; the policy also lets the verhalenbegeleider
    # withdraw a submitted interview (see the report).
    (Story, "withdraw"): _story_row(
        cells={**dict.fromkeys(_LIVE, _s(AU)), **dict.fromkeys(_LIVE_INTERVIEWS, ENTERER)}
    ),
    (Story, "share"): _story_row(cells=dict.fromkeys(_LIVE, _s(AU))),
    (Story, "interpret"): _story_row(cells={R_SHARED: _s(TM), R_SHARED_C: _s(TM), R_OTHER: _s(OM)}),
    (Story, "comment"): _story_row(cells={R_SHARED: _s(TM), R_SHARED_C: _s(TM), R_OTHER: _s(OM)}),
    (Story, "put_in_session"): _story_row(
        cells={
            R_SHARED: _s(TC),
            R_SHARED_C: _s(TC),
            R_OTHER: _s(OC),
            # Interviews belong to no team: any coach may bring one in when consent covers it.
            I_ALL: _s(TC, OC),
            I_SESSIONS: _s(TC, OC),
        }
    ),
    # The facilitator note: its verhalenbegeleider, and onderzoekers who may read the interview.
    (Story, "read_note"): _story_row(
        cells={
            **dict.fromkeys((*_LIVE_INTERVIEWS, I_DRAFT), ENTERER),
            I_ALL: ENTERER | {OZ},
            I_RESEARCH: ENTERER | {OZ},
        }
    ),
    (Respondent, "read"): {
        RS: _s(AU, VO),
        RS_FORMER: NOBODY,
    },
    (Respondent, "read_facts"): {
        RS: _s(AU, VO, OZ),
        RS_FORMER: _s(OZ),
    },
    (Respondent, "edit"): {
        RS: _s(AU, VO),
        RS_FORMER: NOBODY,
    },
    (Respondent, "record_consent"): {
        RS: _s(AU, VO),
        RS_FORMER: NOBODY,
    },
    (Consent, "read"): {C_ON: _s(AU, VO), C_OFF: _s(AU, VO)},
    (Consent, "withdraw"): {C_ON: _s(AU, VO), C_OFF: _s(AU, VO)},
    (Team, "view_participation"): {"the team": _s(TC, OZ, BH), "another team": _s(OC, OZ, BH)},
    (Team, "manage"): {"the team": _s(BH), "another team": _s(BH)},
    (Team, "manage_prompts"): {"the team": _s(TC, BH), "another team": _s(OC, BH)},
    (User, "view_participation"): {
        "klantmanager of the team": _s(AU, TC, OZ, BH),
        "klantmanager of another team": _s(AU, OM, OC, OZ, BH),
    },
    (User, "manage"): {"klantmanager of the team": _s(BH), "klantmanager of another team": _s(BH)},
}

KNOWN_BUGS: dict[tuple[type, str, str], str] = {}


# -- loading as the views do (relationships are raise_on_sql) -------------------------------------


def _reload(session, obj):
    session.expire_all()
    kind = type(obj)
    query = select(kind).where(kind.id == obj.id)
    if kind is Story:
        query = query.options(
            joinedload(Story.author),
            joinedload(Story.respondent).selectinload(Respondent.consents),
        )
    elif kind is Respondent:
        query = query.options(selectinload(Respondent.consents))
    elif kind is Consent:
        query = query.options(joinedload(Consent.respondent))
    return session.scalars(query).unique().one()


def _cases():
    for (kind, action), row in EXPECTED.items():
        for situation in row:
            bug = KNOWN_BUGS.get((kind, action, situation))
            marks = [pytest.mark.xfail(reason=bug, strict=True)] if bug else []
            yield pytest.param(
                kind, action, situation, id=f"{kind.__name__}.{action}: {situation}", marks=marks
            )


# -- the table ------------------------------------------------------------------------------------


def test_every_rule_has_a_complete_row():
    rules = set(policy.rules())
    assert len(rules) == len(policy.rules()), "a rule is listed twice"
    missing = sorted(f"{kind.__name__}.{action}" for kind, action in rules - set(EXPECTED))
    assert not missing, f"policy rules without a row in EXPECTED: {missing}"
    stale = sorted(f"{kind.__name__}.{action}" for kind, action in set(EXPECTED) - rules)
    assert not stale, f"rows in EXPECTED for rules the policy does not have: {stale}"
    for (kind, action), row in EXPECTED.items():
        assert set(row) == set(SITUATIONS[kind]), f"{kind.__name__}.{action}: situations differ"
        for situation, allowed in row.items():
            assert allowed <= set(ACTORS), f"{kind.__name__}.{action}/{situation}: {allowed}"


@pytest.mark.parametrize(("kind", "action", "situation"), list(_cases()))
def test_policy_table(world, session, kind, action, situation):
    obj, author = SITUATIONS[kind][situation](world)
    obj = _reload(session, obj)
    allowed = EXPECTED[(kind, action)][situation]
    actors = {**world.users, AU: author}

    wrong = []
    for actor in ACTORS:
        got = policy.can(actors[actor], action, obj)
        if got is not (actor in allowed):
            wrong.append(f"{actor}: expected {actor in allowed}, got {got}")
    assert not wrong, f"{kind.__name__}.{action} on {situation!r}:\n" + "\n".join(wrong)


def test_a_deactivated_author_loses_access_to_their_own_story(world, session):
    story, author = SITUATIONS[Story][R_SHARED](world)
    assert policy.can(author, "edit", story)
    author.active = False
    session.commit()
    story = _reload(session, story)
    assert not any(policy.can(author, action, story) for kind, action in EXPECTED if kind is Story)
    assert policy.can(world.users[TM], "read", story)  # the team keeps what was shared


def test_withdrawing_consent_takes_an_interview_out_of_research_and_sessions(world, session):
    story, _ = SITUATIONS[Story][I_ALL](world)
    story = _reload(session, story)
    assert policy.can(world.users[OZ], "read", story)
    assert policy.can(world.users[TC], "put_in_session", story)

    consent = story.respondent.consents[0]
    consent.withdrawn_on = consent.given_on
    session.commit()
    story = _reload(session, story)
    assert not policy.can(world.users[OZ], "read", story)
    assert not policy.can(world.users[TC], "put_in_session", story)
    assert policy.can(world.users[VO], "read", story)
    assert session.scalar(select(Story.id).where(policy.usable_in_sessions())) is None


def test_a_second_consent_in_force_keeps_the_interview_usable(world, session):
    story, _ = SITUATIONS[Story][I_CONSENT_GONE](world)
    assert not policy.can(world.users[OZ], "read", _reload(session, story))
    world.make_consent(story.respondent, research=True, sessions=False)
    assert policy.can(world.users[OZ], "read", _reload(session, story))


# -- unknown rules fail loudly --------------------------------------------------------------------


@pytest.mark.parametrize("actor", [BH, AN, IN])
def test_can_raises_lookup_error_for_an_unknown_rule(world, actor):
    story, _ = SITUATIONS[Story][R_SHARED](world)
    user = world.users[actor]
    with pytest.raises(LookupError, match="'publish' on Story"):
        policy.can(user, "publish", story)
    with pytest.raises(LookupError, match="'read' on object"):
        policy.can(user, "read", object())
    with pytest.raises(LookupError, match="'manage' on Story"):
        policy.can(user, "manage", story)  # an action of another type is no rule here


# -- the read rule in SQL agrees with can() -------------------------------------------------------


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


# -- areas: which pages a role may use ------------------------------------------------------------

KM, VB, COACH, RESEARCH, ADMIN = (
    Role.KLANTMANAGER,
    Role.VERHALENBEGELEIDER,
    Role.COACH,
    Role.ONDERZOEKER,
    Role.BEHEERDER,
)
AREA_EXPECTED = {
    policy.Area.REFLECTIONS: {KM},
    policy.Area.TEAM_STORIES: {KM, COACH},
    policy.Area.INTERVIEWS: {VB},
    policy.Area.SESSIONS: {KM, COACH, RESEARCH},
    policy.Area.PARTICIPATION: {KM, COACH, RESEARCH, ADMIN},
    policy.Area.PROMPTS: {COACH, ADMIN},
    policy.Area.ANALYSIS: {RESEARCH},
    policy.Area.EXPORT: {RESEARCH},
    policy.Area.ADMIN: {ADMIN},
}


def test_area_roles_are_the_designed_ones():
    assert set(policy.AREA_ROLES) == set(policy.Area)
    assert {area: set(roles) for area, roles in policy.AREA_ROLES.items()} == AREA_EXPECTED


def test_may_use_follows_the_roles_of_active_users(make_user):
    for role in Role:
        user = make_user(role)
        for area, roles in AREA_EXPECTED.items():
            assert policy.may_use(user, area) is (role in roles), (role, area)
    both = make_user(Role.KLANTMANAGER, Role.VERHALENBEGELEIDER)
    usable = {area for area in policy.Area if policy.may_use(both, area)}
    assert usable == {a for a, roles in AREA_EXPECTED.items() if roles & {KM, VB}}
    inactive = make_user(*Role, active=False)
    anonymous = AnonymousUser()
    assert not any(policy.may_use(u, a) for u in (inactive, anonymous) for a in policy.Area)


def test_area_required_sends_anonymous_to_login_and_other_roles_get_403(app, make_user):
    @policy.area_required(policy.Area.INTERVIEWS)
    def page() -> str:
        return "the page"

    assert page.area is policy.Area.INTERVIEWS
    with app.test_request_context("/interviews/new"):
        response = page()
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")
    with app.test_request_context("/interviews/new"):
        login_user(make_user(Role.VERHALENBEGELEIDER))
        assert page() == "the page"
    for role in set(Role) - {Role.VERHALENBEGELEIDER}:
        with app.test_request_context("/interviews/new"):
            login_user(make_user(role))
            with pytest.raises(Forbidden):
                page()
