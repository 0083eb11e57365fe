"""The record of a session: themes (tags), insights, notes, resonant stories, actions; closing
freezes it and tells the authors of the discussed stories. Open actions of a team's earlier
sessions are shown (and can be marked done) in its next one."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session, joinedload

from portal.analysis.vocabulary import lock_vocabulary
from portal.models import (
    Notice,
    NoticeKind,
    SessionStatus,
    Tag,
    TeamSession,
    TeamSessionAction,
    TeamSessionStory,
    User,
    team_session_themes,
)
from portal.team_sessions.service import TeamSessionError

MAX_RECORD_TEXT = 20_000
MAX_ACTION = 500


def _open(team_session: TeamSession) -> None:
    if team_session.status is SessionStatus.CLOSED:
        raise TeamSessionError(_l("Deze sessie is gesloten; het verslag ligt vast."))


def tag_code(label: str) -> str:
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_label.lower()).strip("-")[:64]


def themes(session: Session, team_session: TeamSession) -> list[Tag]:
    return list(
        session.scalars(
            select(Tag)
            .join(team_session_themes, team_session_themes.c.tag_id == Tag.id)
            .where(team_session_themes.c.team_session_id == team_session.id)
            .order_by(Tag.label_nl)
        )
    )


def set_themes(session: Session, team_session: TeamSession, labels: list[str]) -> list[Tag]:
    """The session's themes become exactly ``labels`` (an existing tag is reused by its code)."""
    _open(team_session)
    wanted: dict[str, str] = {}
    for label in labels:
        label = label.strip()[:200]
        code = tag_code(label)
        if code:
            wanted.setdefault(code, label)
    lock_vocabulary(session)
    tags = {t.code: t for t in session.scalars(select(Tag).where(Tag.code.in_(list(wanted))))}
    for code, label in wanted.items():
        if code not in tags:
            tags[code] = Tag(code=code, label_nl=label, label_en=label)
            session.add(tags[code])
    session.flush()
    session.execute(
        delete(team_session_themes).where(team_session_themes.c.team_session_id == team_session.id)
    )
    if tags:
        session.execute(
            insert(team_session_themes),
            [{"team_session_id": team_session.id, "tag_id": t.id} for t in tags.values()],
        )
    session.flush()
    return list(tags.values())


def save_texts(session: Session, team_session: TeamSession, *, insights: str, notes: str) -> None:
    _open(team_session)
    if len(insights) > MAX_RECORD_TEXT or len(notes) > MAX_RECORD_TEXT:
        raise TeamSessionError(_l("Een tekst van het verslag is te lang."))
    team_session.insights_md = insights.strip()
    team_session.notes_md = notes.strip()
    session.flush()


def set_resonant(
    session: Session,
    team_session: TeamSession,
    item: TeamSessionStory,
    *,
    resonant: bool,
    why: str,
    domain: str = "",
    chosen: bool = False,
    dissent: str = "",
) -> None:
    _open(team_session)
    if max(len(why), len(dissent)) > MAX_RECORD_TEXT:
        raise TeamSessionError(_l("Een tekst van het verslag is te lang."))
    item.resonant, item.resonant_why = resonant, why.strip()
    item.domain, item.chosen, item.dissent = domain.strip()[:120], chosen, dissent.strip()
    session.flush()


def add_action(
    session: Session,
    team_session: TeamSession,
    *,
    text: str,
    owner_id: int | None,
    due_on: date | None,
) -> TeamSessionAction:
    _open(team_session)
    text = text.strip()
    if not text or len(text) > MAX_ACTION:
        raise TeamSessionError(_l("Beschrijf de actie (hoogstens 500 tekens)."))
    if owner_id is not None and owner_id not in team_session.participant_ids | {
        team_session.coach_id
    }:
        raise TeamSessionError(_l("Kies als eigenaar een deelnemer of de coach."))
    action = TeamSessionAction(
        team_session_id=team_session.id, text=text, owner_id=owner_id, due_on=due_on
    )
    session.add(action)
    session.flush()
    return action


def _earlier(team_session: TeamSession) -> object:
    return and_(
        TeamSession.team_id == team_session.team_id,
        TeamSession.id != team_session.id,
        or_(
            TeamSession.held_on < team_session.held_on,
            and_(TeamSession.held_on == team_session.held_on, TeamSession.id < team_session.id),
        ),
    )


def actions(session: Session, team_session: TeamSession) -> list[TeamSessionAction]:
    """This session's own actions."""
    return list(
        session.scalars(
            select(TeamSessionAction)
            .where(TeamSessionAction.team_session_id == team_session.id)
            .order_by(TeamSessionAction.id)
            .options(joinedload(TeamSessionAction.owner))
        )
    )


def carried_actions(session: Session, team_session: TeamSession) -> list[TeamSessionAction]:
    """Open actions of the team's earlier sessions, to mark done or carry on."""
    return list(
        session.scalars(
            select(TeamSessionAction)
            .join(TeamSession, TeamSession.id == TeamSessionAction.team_session_id)
            .where(_earlier(team_session), TeamSessionAction.done_at.is_(None))
            .order_by(TeamSessionAction.due_on, TeamSessionAction.id)
            .options(joinedload(TeamSessionAction.owner))
        )
    )


def set_action_done(
    session: Session,
    team_session: TeamSession,
    action_id: int,
    *,
    done: bool,
    now: datetime,
) -> TeamSessionAction:
    """Mark one of this session's actions, or a carried one of an earlier session, done (or not)."""
    _open(team_session)
    action = session.get(TeamSessionAction, action_id)
    allowed = action is not None and (
        action.team_session_id == team_session.id
        or action.id in {a.id for a in carried_actions(session, team_session)}
    )
    if not allowed:
        raise TeamSessionError(_l("Deze actie hoort niet bij deze sessie."))
    action.done_at = now if done else None
    session.flush()
    return action


def close(
    session: Session, team_session: TeamSession, stories: list[TeamSessionStory], *, now: datetime
) -> list[Notice]:
    """Close the session (the record freezes) and tell each discussed story's author, once."""
    if team_session.status is not SessionStatus.OPEN:
        raise TeamSessionError(_l("Alleen een geopende sessie kan worden gesloten."))
    team_session.status, team_session.closed_at = SessionStatus.CLOSED, now
    notices = []
    for item in stories:
        notice = Notice(
            user_id=item.story.author_id,
            kind=NoticeKind.STORY_DISCUSSED,
            story_id=item.story_id,
            team_session_id=team_session.id,
            title=item.story.title[:200],
        )
        session.add(notice)
        notices.append(notice)
    session.flush()
    return notices


def unread_notices(session: Session, user: User, *, limit: int = 10) -> list[Notice]:
    return list(
        session.scalars(
            select(Notice)
            .where(Notice.user_id == user.id, Notice.read_at.is_(None))
            .order_by(Notice.created_at.desc(), Notice.id.desc())
            .limit(limit)
        )
    )


def mark_notice_read(session: Session, user: User, notice_id: int, *, now: datetime) -> bool:
    notice = session.get(Notice, notice_id)
    if notice is None or notice.user_id != user.id:
        return False
    notice.read_at = now
    session.flush()
    return True


def version(
    team_session: TeamSession,
    own: list[TeamSessionAction],
    carried: list[TeamSessionAction],
    theme_count: int,
) -> str:
    """Changes whenever the session or its record changes (part of the live state's ETag)."""
    done = sum(1 for a in own + carried if a.done)
    stamp = team_session.updated_at.isoformat() if team_session.updated_at else ""
    return f"{stamp}/{len(own)}/{len(carried)}/{done}/{theme_count}"
