"""The world the policy tests share: two teams, one user per actor, and every situation of every
object type the policy has rules for (``SITUATIONS``). The ``world`` fixture is in conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from portal.cycles.schedule import ensure_cycle
from portal.models import (
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


def _cycle(other: bool) -> Callable:
    """The team's first cycle; its "author" is a klantmanager of the team."""

    def build(w: World) -> tuple[Cycle, User]:
        team, author = _team(other)(w)
        cycle = ensure_cycle(w.session, team, team.cycle_start)
        w.session.commit()
        return cycle, author

    return build


def _person(who: str) -> Callable:
    def build(w: World) -> tuple[User, User]:
        person = {"km": w.authors["km"], "other": w.users[OM], "beheerder": w.users[BH]}[who]
        return person, person

    return build


def _observation() -> Callable:
    """An observation by an onderzoeker (its author)."""

    def build(w: World) -> tuple[Observation, User]:
        author = w.make_user(Role.ONDERZOEKER, teams=[])
        observation = Observation(
            author_id=author.id, kind="reflection", chart="slider:agency", title="Regie"
        )
        w.session.add(observation)
        w.session.commit()
        return observation, author

    return build


def _tag(retired: bool) -> Callable:
    """A theme of the vocabulary (its "author" is the beheerder who keeps it)."""

    def build(w: World) -> tuple[Tag, User]:
        from portal.models import utcnow

        tag = Tag(
            code="retired" if retired else "in_use",
            label_nl="Thema",
            label_en="Theme",
            retired_at=utcnow() if retired else None,
        )
        w.session.add(tag)
        w.session.commit()
        return tag, w.users[BH]

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


def _team_session(
    status: str = "open", anonymity: str = "named", other: bool = False, method: str = "incident"
) -> Callable:
    """A session run by the team's coach; its "author" is a klantmanager taking part (and, in
    the team, the owning verhalenbegeleider as key person)."""

    def build(w: World):
        from datetime import date

        from portal.models import TeamSession, TeamSessionParticipant

        team, author = _team(other)(w)
        people = [author] if other else [author, w.users[VO]]
        ts = TeamSession(
            team_id=team.id,
            coach_id=w.users[OC if other else TC].id,
            title="Sessie",
            held_on=date(2026, 11, 30),
            method=method,
            anonymity=anonymity,
            status=status,
            participants=[TeamSessionParticipant(user_id=p.id) for p in people],
        )
        w.session.add(ts)
        w.session.commit()
        return ts, author

    return build


def _comment(w: World):
    """A team member's comment on a story shared in the team; its "author" is the writer."""
    from portal.models import Comment

    writer = w.authors["km"]
    story = w.make_story("reflection", author=w.users[TM], submitted=True, shared_with_team=True)
    comment = Comment(story_id=story.id, user_id=writer.id, body_md="Herkenbaar")
    w.session.add(comment)
    w.session.commit()
    return comment, writer


S_OPEN = "open session of the team (author and verhalenbegeleider take part)"
S_PLANNED = "planned session of the team"
S_CLOSED = "closed session of the team"
S_COACH_ONLY = "open session of the team, names for the coach only"
S_ANONYMOUS = "open session of the team, names for nobody"
S_OTHER = "open session of another team (author takes part)"


def _story_in_session(
    story: Callable, status: str = "open", proposed: bool = True, by_owner: bool = False
) -> Callable:
    """A story for a most-significant-change session of the team (the klantmanager and the
    owning verhalenbegeleider take part), proposed by its "author": the klantmanager, or with
    ``by_owner`` the verhalenbegeleider (their interview); not proposed: the coach brought it in."""

    def build(w: World) -> tuple[StoryInSession, User]:
        ts, participant = _team_session(status, method="msc")(w)
        proposer = w.users[VO] if by_owner else participant
        the_story = story(w)[0]
        return StoryInSession(ts, the_story, proposer.id if proposed else None), proposer

    return build


def _by(actor: str, **kw) -> Callable:
    """A reflection written by one of the world's users (``actor``), in that user's team."""

    def build(w: World) -> tuple[Story, User]:
        user = w.users[actor] if actor in w.users else w.authors[actor]
        return w.make_story("reflection", author=user, **kw), user

    return build


P_SHARED = "reflection shared in the team, proposed by a participant in an open session"
P_BY_COACH = "reflection shared in the team, brought in by the coach, open session"
P_OWN_PRIVATE = "the participant's own reflection, not shared, proposed in an open session"
P_OTHER_TEAM = "reflection shared in another team, proposed in an open session"
P_INTERVIEW = "interview with consent for sessions, proposed by its verhalenbegeleider"
P_INTERVIEW_RESEARCH = (
    "interview with consent for research only, proposed by its verhalenbegeleider"
)
P_PLANNED = "reflection shared in the team, proposed in a planned session"
P_CLOSED = "reflection shared in the team, proposed in a closed session"
_SHARED_BY_TM = _by(TM, submitted=True, shared_with_team=True)

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
    Cycle: {
        "a cycle of the team": _cycle(other=False),
        "a cycle of another team": _cycle(other=True),
    },
    TeamSession: {
        S_OPEN: _team_session(),
        S_PLANNED: _team_session("planned"),
        S_CLOSED: _team_session("closed"),
        S_COACH_ONLY: _team_session(anonymity="coach_only"),
        S_ANONYMOUS: _team_session(anonymity="anonymous"),
        S_OTHER: _team_session(other=True),
    },
    StoryInSession: {
        P_SHARED: _story_in_session(_SHARED_BY_TM),
        P_BY_COACH: _story_in_session(_SHARED_BY_TM, proposed=False),
        P_OWN_PRIVATE: _story_in_session(_by("km", submitted=True)),
        P_OTHER_TEAM: _story_in_session(
            _by("km_other_team", submitted=True, shared_with_team=True)
        ),
        P_INTERVIEW: _story_in_session(_interview("sessions", submitted=True), by_owner=True),
        P_INTERVIEW_RESEARCH: _story_in_session(
            _interview("research", submitted=True), by_owner=True
        ),
        P_PLANNED: _story_in_session(_SHARED_BY_TM, status="planned"),
        P_CLOSED: _story_in_session(_SHARED_BY_TM, status="closed"),
    },
    Comment: {"a comment on a shared story": _comment},
    Observation: {"an observation": _observation()},
    Tag: {"a tag in use": _tag(retired=False), "a retired tag": _tag(retired=True)},
    User: {
        "klantmanager of the team": _person("km"),
        "klantmanager of another team": _person("other"),
        "a beheerder": _person("beheerder"),
    },
}


# -- loading as the views do (relationships are raise_on_sql) -------------------------------------


def _loaded(kind: type):
    query = select(kind)
    if kind is Story:
        query = query.options(
            joinedload(Story.author),
            joinedload(Story.respondent).selectinload(Respondent.consents),
        )
    elif kind is Respondent:
        query = query.options(selectinload(Respondent.consents))
    elif kind is Consent:
        query = query.options(joinedload(Consent.respondent))
    elif kind is TeamSession:
        query = query.options(selectinload(TeamSession.participants), joinedload(TeamSession.coach))
    return query


def reload(session, obj):
    """``obj`` read afresh with the relationships the policy needs, as the views load it."""
    session.expire_all()
    kind = type(obj)
    if kind is StoryInSession:  # both read afresh after one expire_all
        ts_id, story_id = obj.team_session.id, obj.story.id
        ts = session.scalars(_loaded(TeamSession).where(TeamSession.id == ts_id)).unique().one()
        story = session.scalars(_loaded(Story).where(Story.id == story_id)).unique().one()
        return StoryInSession(ts, story, obj.proposed_by_id)
    return session.scalars(_loaded(kind).where(kind.id == obj.id)).unique().one()


def load_all(session, kind: type) -> list:
    """Every row of ``kind``, loaded as the views load one."""
    session.expire_all()
    return list(session.scalars(_loaded(kind).order_by(kind.id)).unique())
