"""The policy (DESIGN §2), table-driven: every rule × every object situation × every actor.

``EXPECTED`` has one row per rule of ``policy.rules()``; a row names, for every situation of its
object type, the actors that are allowed — every other actor must be refused. A new rule or a new
situation without a full row fails ``test_every_rule_has_a_complete_row``."""

from __future__ import annotations

import pytest
from flask_login import current_user, login_user
from sqlalchemy import select
from werkzeug.exceptions import Forbidden

from portal import policy
from portal.models import (
    AnonymousUser,
    Comment,
    Consent,
    Cycle,
    Observation,
    Respondent,
    Role,
    Story,
    Tag,
    Team,
    TeamSession,
    User,
)
from portal.policy import StoryInSession
from tests.policy.world import (
    ACTORS,
    AN,
    AU,
    BH,
    C_OFF,
    C_ON,
    I_ALL,
    I_CONSENT_GONE,
    I_DRAFT,
    I_NO_CONSENT,
    I_RESEARCH,
    I_SESSIONS,
    I_WITHDRAWN,
    IN,
    NOBODY,
    OC,
    OM,
    OZ,
    P_BY_COACH,
    P_CLOSED,
    P_INTERVIEW,
    P_INTERVIEW_RESEARCH,
    P_OTHER_TEAM,
    P_OWN_PRIVATE,
    P_PLANNED,
    P_SHARED,
    R_DRAFT,
    R_NO_TEAM,
    R_OTHER,
    R_PRIVATE,
    R_PRIVATE_C,
    R_SHARED,
    R_SHARED_C,
    R_WITHDRAWN,
    RS,
    RS_FORMER,
    S_ANONYMOUS,
    S_CLOSED,
    S_COACH_ONLY,
    S_OPEN,
    S_OTHER,
    S_PLANNED,
    SITUATIONS,
    TC,
    TM,
    VO,
    reload,
)

# -- the expected table ---------------------------------------------------------------------------


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
    # an interview's text changes only while its respondent's consent holds (issue 14, defect 4)
    (Story, "edit"): _story_row(
        cells={
            R_DRAFT: _s(AU),
            **dict.fromkeys(_LIVE, _s(AU)),
            **dict.fromkeys((I_ALL, I_RESEARCH, I_SESSIONS, I_DRAFT), ENTERER),
        }
    ),
    (Story, "delete"): _story_row(cells={R_DRAFT: _s(AU), I_DRAFT: ENTERER}),
    # DESIGN §2 lists withdraw for reflections only: an interview leaves when consent is withdrawn
    (Story, "withdraw"): _story_row(cells=dict.fromkeys(_LIVE, _s(AU))),
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
    # The author's own view (not audited, sharing state, consent status): the same people as edit.
    (Story, "read_as_author"): _story_row(
        cells={
            R_DRAFT: _s(AU),
            **dict.fromkeys(_LIVE, _s(AU)),
            **dict.fromkeys((*_LIVE_INTERVIEWS, I_DRAFT), ENTERER),
        }
    ),
    (Story, "read_note"): _story_row(
        cells={
            **dict.fromkeys((*_LIVE_INTERVIEWS, I_DRAFT), ENTERER),
            I_ALL: ENTERER | {OZ},
            I_RESEARCH: ENTERER | {OZ},
        }
    ),
    # Analysis (issue 15): what a user's charts count, and who may tag a story.
    (Story, "analyse"): _story_row(
        cells={
            R_PRIVATE_C: _s(OZ),
            R_SHARED: _s(TC),
            R_SHARED_C: _s(TC, OZ),
            R_OTHER: _s(OC, OZ),
            I_ALL: _s(OZ),
            I_RESEARCH: _s(OZ),
        }
    ),
    (Story, "tag"): _story_row(
        cells={
            R_PRIVATE_C: _s(OZ),
            R_SHARED: _s(TC),
            R_SHARED_C: _s(TC, OZ),
            R_OTHER: _s(OC, OZ),
            I_ALL: _s(TC, OC, OZ),
            I_RESEARCH: _s(OZ),
            I_SESSIONS: _s(TC, OC),
        }
    ),
    (Observation, "read"): {"an observation": _s(AU, TC, OC, OZ)},
    (Observation, "edit"): {"an observation": _s(AU)},
    # a coach brings one into a session they run (the session's side is its "run" rule)
    (Observation, "bring_into_session"): {"an observation": _s(TC, OC)},
    # the vocabulary is the beheerder's, retired tags too ("author" is a beheerder here)
    (Tag, "manage"): {"a tag in use": _s(AU, BH), "a retired tag": _s(AU, BH)},
    # issue 13: an export holds the stories onderzoekers may read for research, nothing more
    (Story, "export"): _story_row(
        cells=dict.fromkeys((R_PRIVATE_C, R_SHARED_C, R_OTHER, I_ALL, I_RESEARCH), _s(OZ))
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
    # By name only for the team's coach; onderzoekers and beheerders get counts per round.
    (Team, "view_participation_by_person"): {"the team": _s(TC), "another team": _s(OC)},
    # The klantmanager's own row of the grid: members who write, not the team's coach.
    (Team, "view_own_participation"): {"the team": _s(AU, TM), "another team": _s(AU, OM)},
    (Cycle, "write_in"): {"a cycle of the team": _s(AU, TM), "a cycle of another team": _s(AU, OM)},
    (Cycle, "skip"): {"a cycle of the team": _s(AU, TM), "a cycle of another team": _s(AU, OM)},
    (Team, "manage"): {"the team": _s(BH), "another team": _s(BH)},
    (Team, "manage_prompts"): {"the team": _s(TC, BH), "another team": _s(OC, BH)},
    (User, "view_participation"): {
        "klantmanager of the team": _s(AU, TC, OZ, BH),
        "klantmanager of another team": _s(AU, OM, OC, OZ, BH),
        "a beheerder": _s(AU, OZ, BH),
    },
    (User, "manage"): {
        "klantmanager of the team": _s(BH),
        "klantmanager of another team": _s(BH),
        "a beheerder": _s(AU, BH),
    },
    # Failed e-mails are shown to a beheerder about themselves only (the viewer is the object).
    (User, "see_mail_failures"): {
        "klantmanager of the team": NOBODY,
        "klantmanager of another team": NOBODY,
        "a beheerder": _s(AU, BH),
    },
}

# -- team sessions (issue 17) ---------------------------------------------------------------------
_SESSION_READERS = _s(AU, VO, TC, OZ)
EXPECTED.update(
    {
        (TeamSession, "read"): {
            S_OPEN: _SESSION_READERS,
            S_PLANNED: _SESSION_READERS,
            S_CLOSED: _SESSION_READERS,
            S_COACH_ONLY: _SESSION_READERS,
            S_ANONYMOUS: _SESSION_READERS,
            S_OTHER: _s(AU, OC, OZ),
        },
        (TeamSession, "run"): {
            S_OPEN: _s(TC),
            S_PLANNED: _s(TC),
            S_CLOSED: NOBODY,  # closing freezes it
            S_COACH_ONLY: _s(TC),
            S_ANONYMOUS: _s(TC),
            S_OTHER: _s(OC),
        },
        (TeamSession, "interpret"): {
            S_OPEN: _s(AU, VO),
            S_PLANNED: NOBODY,
            S_CLOSED: NOBODY,
            S_COACH_ONLY: _s(AU, VO),
            S_ANONYMOUS: _s(AU, VO),
            S_OTHER: _s(AU),
        },
        (TeamSession, "see_names"): {
            S_OPEN: _SESSION_READERS,
            S_PLANNED: _SESSION_READERS,
            S_CLOSED: _SESSION_READERS,
            S_COACH_ONLY: _s(TC),
            S_ANONYMOUS: NOBODY,
            S_OTHER: _s(AU, OC, OZ),
        },
        (Team, "run_sessions"): {"the team": _s(TC), "another team": _s(OC)},
        # which stories come into a session: the coach brings in what they may put in a session
        # (a reflection of the session's own team); a participant proposes what they may read
        # and the coach could bring in, while the session is open; the proposer withdraws it
        (StoryInSession, "bring_in"): {
            P_SHARED: _s(TC),
            P_BY_COACH: _s(TC),
            P_OWN_PRIVATE: NOBODY,  # not shared: the coach cannot use it
            P_OTHER_TEAM: NOBODY,
            P_INTERVIEW: _s(TC),
            P_INTERVIEW_RESEARCH: NOBODY,
            P_PLANNED: _s(TC),
            P_CLOSED: NOBODY,
        },
        (StoryInSession, "propose"): {
            P_SHARED: _s(AU),  # not VO: a key person outside the team does not read it
            P_BY_COACH: _s(AU),
            P_OWN_PRIVATE: NOBODY,
            P_OTHER_TEAM: NOBODY,
            P_INTERVIEW: _s(AU, VO),  # the verhalenbegeleider's own interview
            P_INTERVIEW_RESEARCH: NOBODY,
            P_PLANNED: NOBODY,
            P_CLOSED: NOBODY,
        },
        (StoryInSession, "withdraw"): {
            P_SHARED: _s(AU),
            P_BY_COACH: NOBODY,  # nobody proposed it
            P_OWN_PRIVATE: _s(AU),
            P_OTHER_TEAM: _s(AU),
            P_INTERVIEW: _s(AU, VO),
            P_INTERVIEW_RESEARCH: _s(AU, VO),
            P_PLANNED: NOBODY,
            P_CLOSED: NOBODY,
        },
        (Comment, "delete"): {"a comment on a shared story": _s(AU)},  # its writer only
    }
)

KNOWN_BUGS: dict[tuple[type, str, str], str] = {}


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
    obj = reload(session, obj)
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
    story = reload(session, story)
    assert not any(policy.can(author, action, story) for kind, action in EXPECTED if kind is Story)
    assert policy.can(world.users[TM], "read", story)  # the team keeps what was shared


def test_withdrawing_consent_takes_an_interview_out_of_research_and_sessions(world, session):
    story, _ = SITUATIONS[Story][I_ALL](world)
    story = reload(session, story)
    assert policy.can(world.users[OZ], "read", story)
    assert policy.can(world.users[TC], "put_in_session", story)

    consent = story.respondent.consents[0]
    consent.withdrawn_on = consent.given_on
    session.commit()
    story = reload(session, story)
    assert not policy.can(world.users[OZ], "read", story)
    assert not policy.can(world.users[TC], "put_in_session", story)
    assert policy.can(world.users[VO], "read", story)
    assert session.scalar(select(Story.id).where(policy.usable_in_sessions())) is None


def test_a_second_consent_in_force_keeps_the_interview_usable(world, session):
    story, _ = SITUATIONS[Story][I_CONSENT_GONE](world)
    assert not policy.can(world.users[OZ], "read", reload(session, story))
    world.make_consent(story.respondent, research=True, sessions=False)
    assert policy.can(world.users[OZ], "read", reload(session, story))


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


def test_current_user_itself_may_be_the_object(app, make_user):
    """Rules on the viewer (``see_mail_failures``) are asked with the ``current_user`` proxy."""
    for role, shown in [(Role.BEHEERDER, True), (Role.ONDERZOEKER, False)]:
        with app.test_request_context("/participation"):
            login_user(make_user(role, teams=[]))
            assert policy.can(current_user, "see_mail_failures", current_user) is shown


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
    policy.Area.SESSIONS: {KM, VB, COACH, RESEARCH},
    policy.Area.PARTICIPATION: {KM, COACH, RESEARCH, ADMIN},
    policy.Area.PROMPTS: {COACH, ADMIN},
    # coaches: charts of their own teams' shared reflections (DESIGN §2), small groups hidden
    policy.Area.ANALYSIS: {COACH, RESEARCH},
    policy.Area.PATTERNS: {RESEARCH},
    policy.Area.EXPORT: {RESEARCH},
    policy.Area.ADMIN: {ADMIN},
    policy.Area.AUDIT: {ADMIN, RESEARCH},
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
