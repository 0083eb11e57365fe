"""Most significant change: in the proposal phase every participant proposes stories from their own
device, each with why it shows an important change, and may withdraw their own proposal while the
phase lasts. A proposal is a story of the session like one the coach brought in (the same
``service.bring_in``), so the selection per domain works on it as on any other.

Which story a participant may propose, and who may withdraw a proposal, is the policy's
(``propose`` and ``withdraw`` on ``policy.StoryInSession``); these functions check the state (the
session is open, the phase takes proposals) and the form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from portal import policy
from portal.models import SessionStatus, Story, TeamSession, TeamSessionStory, User
from portal.team_sessions import service
from portal.team_sessions.phases import phase_of
from portal.team_sessions.service import TeamSessionError

#: The proposal form lists at most this many stories (own first, then the newest).
LIST_LIMIT = 100


class ProposalError(TeamSessionError):
    """A refused proposal; ``field`` names the form field the message belongs to (None: the
    session's state refused it, not the form)."""

    def __init__(self, message: object, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def proposable(session: Session, user: User, team_session: TeamSession) -> list[Story]:
    """The stories ``user`` may propose in the session and that are not in it yet: their own
    first, then the newest; with what the form shows (author, respondent code)."""
    in_session = select(TeamSessionStory.story_id).where(
        TeamSessionStory.team_session_id == team_session.id
    )
    return list(
        session.scalars(
            select(Story)
            .where(policy.proposable_stories(user, team_session), Story.id.not_in(in_session))
            .order_by(
                (Story.author_id == user.id).desc(), Story.submitted_at.desc(), Story.id.desc()
            )
            .options(joinedload(Story.author), joinedload(Story.respondent))
            .limit(LIST_LIMIT)
        )
    )


def takes_proposals(team_session: TeamSession) -> bool:
    """The session is open and in a phase where participants propose stories."""
    return (
        team_session.status is SessionStatus.OPEN
        and phase_of(team_session.method, team_session.phase).propose
    )


def _check_state(team_session: TeamSession, user: User) -> None:
    if team_session.status is SessionStatus.CLOSED:
        raise ProposalError(_l("Deze sessie is gesloten; er kan niets meer worden voorgesteld."))
    if not policy.can(user, "interpret", team_session):
        raise ProposalError(
            _l(
                "Je kunt in deze sessie geen verhaal voorstellen: ze is niet open of je doet niet mee."
            )
        )
    if not takes_proposals(team_session):
        raise ProposalError(
            _l("Verhalen voorstellen kan alleen in de fase ‘Voorstellen’; wacht op de coach.")
        )


def propose(
    session: Session, team_session: TeamSession, user: User, story: Story | None, why: str
) -> TeamSessionStory:
    """``user`` proposes ``story`` with ``why``; refused (``ProposalError``, the form keeps its
    text) outside the proposal phase, in a closed session, or for a story they may not propose."""
    _check_state(team_session, user)
    if story is None:
        raise ProposalError(_l("Kies een verhaal om voor te stellen."), "story")
    if not policy.can(user, "propose", policy.StoryInSession(team_session, story)):
        raise ProposalError(
            _l(
                "Dit verhaal kun je niet voorstellen: kies een verhaal dat je kunt lezen en dat "
                "in deze sessie gebruikt mag worden."
            ),
            "story",
        )
    why = why.replace("\x00", "").strip()
    if not why:
        raise ProposalError(_l("Schrijf waarom je dit verhaal voorstelt."), "why")
    if len(why) > service.MAX_REASON:
        raise ProposalError(
            _l("Hoogstens %(n)s tekens; nu %(count)s.", n=service.MAX_REASON, count=len(why)),
            "why",
        )
    return service.bring_in(session, team_session, story, why, proposed_by=user)


def withdraw(
    session: Session, team_session: TeamSession, user: User, item: TeamSessionStory
) -> None:
    """``user`` takes back their own proposal, while the proposal phase lasts."""
    if team_session.status is SessionStatus.CLOSED:
        raise ProposalError(_l("Deze sessie is gesloten; er kan niets meer veranderen."))
    candidate = policy.StoryInSession(team_session, item.story, item.proposed_by_id)
    if not policy.can(user, "withdraw", candidate):
        raise ProposalError(_l("Alleen wie een verhaal voorstelde, kan het voorstel intrekken."))
    if not takes_proposals(team_session):
        raise ProposalError(_l("Een voorstel intrekken kan alleen in de fase ‘Voorstellen’."))
    if team_session.current_story_id == item.id:
        team_session.current_story_id = None  # the next story in order becomes the current one
    session.delete(item)
    session.flush()


def withdrawable(
    team_session: TeamSession, stories: list[TeamSessionStory], user: User
) -> set[int]:
    """The session stories ``user`` may withdraw now (their own proposals, in the phase)."""
    if not takes_proposals(team_session):
        return set()
    return {
        item.id
        for item in stories
        if policy.can(
            user, "withdraw", policy.StoryInSession(team_session, item.story, item.proposed_by_id)
        )
    }
