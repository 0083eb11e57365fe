"""Team sessions: load, list, create, participants, stories, open, phases, reveal.

Plain functions that take the database session first and flush, never commit (the view commits
once). Rules about *who* may do something are the policy's; these functions check the *state*
(a closed session is frozen, a session without stories cannot open)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager, joinedload, selectinload

from portal import policy
from portal.core.locks import serialize
from portal.models import (
    Anonymity,
    Framework,
    Role,
    SessionMethod,
    SessionStatus,
    Story,
    Team,
    TeamSession,
    TeamSessionParticipant,
    TeamSessionStory,
    User,
    team_members,
)
from portal.team_sessions.phases import phases

MAX_TITLE = 200
MAX_REASON = 2_000


class TeamSessionError(Exception):
    """A refused change, with a message for the person (lazy, translated when shown)."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class NewSession:
    team_id: int
    title: str
    held_on: date
    method: SessionMethod
    anonymity: Anonymity
    domains: str = ""


# --- reading -------------------------------------------------------------------------------------


def get_team_session(session: Session, team_session_id: int) -> TeamSession | None:
    """The session with what the policy and its pages need (participants and their names)."""
    return session.scalars(
        select(TeamSession)
        .where(TeamSession.id == team_session_id)
        .options(
            selectinload(TeamSession.participants).joinedload(TeamSessionParticipant.user),
            joinedload(TeamSession.team),
            joinedload(TeamSession.coach),
        )
    ).first()


def session_stories(session: Session, team_session: TeamSession) -> list[TeamSessionStory]:
    """The stories of the session in order, with what the pages show; a story that may no longer
    be used (withdrawn, consent for sessions withdrawn) is gone from the session at once."""
    return list(
        session.scalars(
            select(TeamSessionStory)
            .join(TeamSessionStory.story)
            .where(TeamSessionStory.team_session_id == team_session.id, policy.usable_in_sessions())
            .order_by(TeamSessionStory.position, TeamSessionStory.id)
            .options(
                contains_eager(TeamSessionStory.story).options(
                    joinedload(Story.author),
                    joinedload(Story.respondent),
                    selectinload(Story.framework).selectinload(Framework.questions),
                )
            )
        ).unique()
    )


def load_story(session: Session, story_id: int | None) -> Story | None:
    """A story with what the ``put_in_session`` rule needs (author, respondent, consents)."""
    if story_id is None:
        return None
    from portal.models import Respondent

    return session.scalars(
        select(Story)
        .where(Story.id == story_id)
        .options(
            joinedload(Story.author),
            joinedload(Story.respondent).selectinload(Respondent.consents),
        )
    ).first()


def current_story(
    team_session: TeamSession, stories: list[TeamSessionStory]
) -> TeamSessionStory | None:
    for item in stories:
        if item.id == team_session.current_story_id:
            return item
    return stories[0] if stories else None


def list_team_sessions(session: Session, user: User, *, limit: int = 100) -> list[TeamSession]:
    return list(
        session.scalars(
            select(TeamSession)
            .where(policy.readable_team_sessions(user))
            .order_by(TeamSession.held_on.desc(), TeamSession.id.desc())
            .options(joinedload(TeamSession.team))
            .limit(limit)
        )
    )


def candidates(session: Session, team_session: TeamSession) -> list[User]:
    """Who may take part: the team's active members, and verhalenbegeleiders as key persons."""
    from portal.models import UserRole

    members = select(team_members.c.user_id).where(team_members.c.team_id == team_session.team_id)
    key_persons = select(UserRole.user_id).where(UserRole.role == Role.VERHALENBEGELEIDER)
    return list(
        session.scalars(
            select(User)
            .where(
                User.active.is_(True),
                User.id.in_(members.union(key_persons)),
                User.id != team_session.coach_id,  # the coach runs it
            )
            .order_by(User.display_name, User.id)
            .options(selectinload(User.role_rows))
        )
    )


# --- writing -------------------------------------------------------------------------------------


def _not_closed(team_session: TeamSession) -> None:
    if team_session.status is SessionStatus.CLOSED:
        raise TeamSessionError(_l("Deze sessie is gesloten; er kan niets meer veranderen."))


def create(session: Session, coach: User, new: NewSession) -> TeamSession:
    team = session.get(Team, new.team_id)
    if team is None or not policy.can(coach, "run_sessions", team):
        raise TeamSessionError(_l("Kies een team waarvan je coach bent."))
    title = new.title.strip()
    if not title or len(title) > MAX_TITLE:
        raise TeamSessionError(_l("Geef de sessie een titel (hoogstens 200 tekens)."))
    team_session = TeamSession(
        team_id=team.id,
        coach_id=coach.id,
        title=title,
        held_on=new.held_on,
        method=new.method,
        anonymity=new.anonymity,
        domains=new.domains.strip(),
        status=SessionStatus.PLANNED,
        participants=[],
        stories=[],
        actions=[],
    )
    session.add(team_session)
    session.flush()
    return team_session


def set_participants(
    session: Session, team_session: TeamSession, user_ids: Iterable[int]
) -> list[TeamSessionParticipant]:
    """Make the participants exactly ``user_ids`` (unknown or ineligible ids are refused)."""
    _not_closed(team_session)
    allowed = {u.id: u for u in candidates(session, team_session)}
    wanted = set(user_ids)
    if wanted - set(allowed):
        raise TeamSessionError(_l("Kies deelnemers uit het team of verhalenbegeleiders."))
    for participant in list(team_session.participants):
        if participant.user_id not in wanted:
            team_session.participants.remove(participant)
    present = team_session.participant_ids
    for user_id in sorted(wanted - present):
        user = allowed[user_id]
        team_session.participants.append(
            TeamSessionParticipant(
                user_id=user_id,
                user=user,
                key_person=user.has_role(Role.VERHALENBEGELEIDER)
                and team_session.team_id not in user.team_ids,
            )
        )
    session.flush()
    return team_session.participants


def add_story(
    session: Session, coach: User, team_session: TeamSession, story: Story | None, reason: str
) -> TeamSessionStory:
    """The coach brings a story from the pool into the session, with the reason (optional)."""
    _not_closed(team_session)
    if story is None or not policy.can(
        coach, "bring_in", policy.StoryInSession(team_session, story)
    ):
        raise TeamSessionError(_l("Dit verhaal kun je niet in deze sessie gebruiken."))
    return bring_in(session, team_session, story, reason)


def bring_in(
    session: Session,
    team_session: TeamSession,
    story: Story,
    reason: str,
    *,
    proposed_by: User | None = None,
) -> TeamSessionStory:
    """Put ``story`` at the end of the session's stories with the reason it was brought in: the
    coach's add and a participant's proposal (``proposed_by``) both come here, after the policy
    said yes. Once per session: two people bringing in one story at the same moment give one."""
    reason = reason.replace("\x00", "").strip()
    if len(reason) > MAX_REASON:
        raise TeamSessionError(_l("De reden is te lang (hoogstens 2000 tekens)."))
    serialize(session, f"team-session-stories:{team_session.id}")
    exists = session.scalar(
        select(TeamSessionStory.id).where(
            TeamSessionStory.team_session_id == team_session.id,
            TeamSessionStory.story_id == story.id,
        )
    )
    if exists is not None:
        raise TeamSessionError(_l("Dit verhaal zit al in de sessie."))
    last = session.scalar(
        select(func.max(TeamSessionStory.position)).where(
            TeamSessionStory.team_session_id == team_session.id
        )
    )
    item = TeamSessionStory(
        team_session_id=team_session.id,
        story_id=story.id,
        position=(last or 0) + 1,
        reason=reason,
        proposed_by_id=proposed_by.id if proposed_by is not None else None,
    )
    session.add(item)
    session.flush()
    return item


def remove_story(session: Session, team_session: TeamSession, item: TeamSessionStory) -> None:
    _not_closed(team_session)
    if team_session.status is not SessionStatus.PLANNED:
        raise TeamSessionError(
            _l("Een verhaal haal je alleen uit een sessie die nog niet open is.")
        )
    session.delete(item)
    session.flush()


def open_session(
    session: Session, team_session: TeamSession, stories: list[TeamSessionStory], *, now: datetime
) -> None:
    if team_session.status is not SessionStatus.PLANNED:
        raise TeamSessionError(_l("Deze sessie is al geopend."))
    if not stories and not phases(team_session.method)[0].propose:
        # most significant change starts with the participants proposing: it may open empty
        raise TeamSessionError(_l("Voeg eerst minstens één verhaal toe; dan kan de sessie open."))
    if not team_session.participants:
        raise TeamSessionError(_l("Kies eerst de deelnemers; dan kan de sessie open."))
    team_session.status, team_session.opened_at = SessionStatus.OPEN, now
    team_session.phase = 0
    team_session.current_story_id = stories[0].id if stories else None
    session.flush()


def move_phase(session: Session, team_session: TeamSession, to: int) -> None:
    _not_closed(team_session)
    if team_session.status is not SessionStatus.OPEN:
        raise TeamSessionError(_l("Open de sessie eerst."))
    if not 0 <= to < len(phases(team_session.method)):
        raise TeamSessionError(_l("Die fase bestaat niet."))
    team_session.phase = to
    session.flush()


def set_current_story(session: Session, team_session: TeamSession, item: TeamSessionStory) -> None:
    _not_closed(team_session)
    team_session.current_story_id = item.id
    session.flush()


def reveal(session: Session, team_session: TeamSession, item: TeamSessionStory) -> None:
    _not_closed(team_session)
    if team_session.status is not SessionStatus.OPEN:
        raise TeamSessionError(_l("Open de sessie eerst."))
    item.revealed = True
    session.flush()


def find_session_story(
    stories: list[TeamSessionStory], session_story_id: int | None
) -> TeamSessionStory | None:
    return next((item for item in stories if item.id == session_story_id), None)
