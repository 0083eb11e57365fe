"""Demo team sessions: one closed intervision with three participants' interpretations, a record
and actions, and one planned session that opens with the open action of the first."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from portal.models import (
    Anonymity,
    Interpretation,
    InterpretationRole,
    SessionMethod,
    Story,
    StoryKind,
    StoryStatus,
    Team,
    TeamSession,
    User,
)
from portal.team_sessions import interpret, record, service
from portal.team_sessions.phases import phases
from portal.team_sessions.service import NewSession

#: (role_balance shares, motivation, agency, duiding) of the three participants
READINGS = (
    ((30, 50, 20), 35, 40, "Ik zie vooral taal en inburgering; werk kwam pas later."),
    ((50, 20, 30), 60, 55, "Voor mij ging het om de stap naar werk, met de werkgever als sleutel."),
    ((20, 30, 50), 45, 30, "Er speelde veel hulpverlening mee: de schulden kwamen eerst."),
)


def _form(shares: tuple[int, int, int], motivation: int, agency: int, duiding: str) -> MultiDict:
    a, b, c = shares
    return MultiDict(
        {
            "q-role_balance-a": str(a),
            "q-role_balance-b": str(b),
            "q-role_balance-c": str(c),
            "q-motivation": str(motivation),
            "q-motivation-set": "1",
            "q-agency": str(agency),
            "q-agency-set": "1",
            "duiding": duiding,
        }
    )


def _discussed_story(session: Session, team: Team) -> Story | None:
    """A shared reflection of the team that its author placed themselves."""
    has_self = (
        select(Interpretation.id)
        .where(Interpretation.story_id == Story.id, Interpretation.role == InterpretationRole.SELF)
        .exists()
    )
    return session.scalar(
        select(Story)
        .where(
            Story.team_id == team.id,
            Story.kind == StoryKind.REFLECTION,
            Story.status == StoryStatus.SUBMITTED,
            Story.shared_with_team.is_(True),
            Story.withdrawn_at.is_(None),
            has_self,
        )
        .order_by(Story.submitted_at.desc(), Story.id.desc())
        .limit(1)
    )


def add_demo_sessions(
    session: Session, team: Team, coach: User, members: list[User], key_person: User, *, today: date
) -> int:
    """Add the two demo sessions unless the team has sessions already; returns how many were added."""
    if session.scalar(select(func.count(TeamSession.id)).where(TeamSession.team_id == team.id)):
        return 0
    story = _discussed_story(session, team)
    if story is None:
        return 0
    participants = [*[m for m in members if m.id != story.author_id][:2], key_person]
    when = datetime.combine(today - timedelta(days=7), time(10), ZoneInfo(team.timezone))

    held = service.create(
        session,
        coach,
        NewSession(
            team.id,
            "Intervisie: de eerste stap naar werk",
            today - timedelta(days=7),
            SessionMethod.INCIDENT,
            Anonymity.NAMED,
        ),
    )
    held = service.get_team_session(session, held.id)
    service.set_participants(session, held, [p.id for p in participants])
    service.add_story(
        session,
        coach,
        held,
        service.load_story(session, story.id),
        "Herkenbaar voor het hele team: wie houdt de regie bij de stap naar werk?",
    )
    items = service.session_stories(session, held)
    service.open_session(session, held, items, now=when)
    keys = [p.key for p in phases(held.method)]
    service.move_phase(session, held, keys.index("posities"))
    for person, reading in zip(participants, READINGS, strict=True):
        interpret.save(session, held, items[0], person, _form(*reading))
    service.reveal(session, held, items[0])
    service.move_phase(session, held, keys.index("leerpunten"))
    record.set_themes(session, held, ["eigen regie", "werkgevers"])
    record.save_texts(
        session,
        held,
        insights="Het team legt de regie vaker bij zichzelf dan de schrijver deed.",
        notes="Volgende keer een verhaal van een statushouder zelf erbij.",
    )
    record.set_resonant(
        session, held, items[0], resonant=True, why="Iedereen herkende de twijfel over tempo."
    )
    done = record.add_action(
        session,
        held,
        text="Werkgeversnetwerk in kaart brengen",
        owner_id=participants[0].id,
        due_on=today + timedelta(days=7),
    )
    record.add_action(
        session,
        held,
        text="Taalmaatje regelen via de bibliotheek",
        owner_id=participants[1].id,
        due_on=today + timedelta(days=14),
    )
    record.set_action_done(session, held, done.id, done=True, now=when)
    record.close(session, held, items, now=when + timedelta(hours=2))

    planned = service.create(
        session,
        coach,
        NewSession(
            team.id,
            "Intervisie: samenwerken met ketenpartners",
            today + timedelta(days=7),
            SessionMethod.INCIDENT,
            Anonymity.COACH_ONLY,
        ),
    )
    planned = service.get_team_session(session, planned.id)
    service.set_participants(session, planned, [m.id for m in members[:4]] + [key_person.id])
    session.flush()
    return 2
