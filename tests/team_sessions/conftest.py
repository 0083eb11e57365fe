"""A team session ready to run: a coach, three participants (two klantmanagers and a
verhalenbegeleider as key person), and a shared reflection whose author placed it themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from portal.frameworks.answers import save_interpretation
from portal.models import (
    Anonymity,
    Question,
    Role,
    SessionMethod,
    Story,
    TeamSession,
    User,
    utcnow,
)
from portal.stories import service as stories
from portal.team_sessions import interpret, service
from portal.team_sessions.service import NewSession


def answer_form(role=(60, 20, 20), motivation=20, duiding="") -> MultiDict:
    a, b, c = role
    return MultiDict(
        {
            "q-role_balance-a": str(a),
            "q-role_balance-b": str(b),
            "q-role_balance-c": str(c),
            "q-motivation": str(motivation),
            "q-motivation-set": "1",
            "duiding": duiding,
        }
    )


def place_self(session, story: Story, **kw) -> None:
    """The author's own interpretation of ``story``."""
    interpretation = stories.self_interpretation(session, story, create=True)
    questions = list(
        session.scalars(select(Question).where(Question.framework_id == story.framework_id))
    )
    save_interpretation(session, interpretation, questions, answer_form(**kw), require=False)
    session.commit()


@dataclass
class Running:
    session: object
    coach: User
    author: User
    members: list[User]
    vb: User
    story: Story
    team_session: TeamSession
    extra: dict = field(default_factory=dict)

    def reload(self) -> TeamSession:
        self.session.expire_all()
        self.team_session = service.get_team_session(self.session, self.team_session.id)
        return self.team_session

    def items(self):
        return service.session_stories(self.session, self.reload())

    def interpret(self, user, form, *, group=False):
        ts = self.reload()
        item = self.items()[0]
        parsed = interpret.save(self.session, ts, item, user, form, group=group)
        self.session.commit()
        return parsed

    def to_phase(self, key: str) -> None:
        from portal.team_sessions.phases import phases

        ts = self.reload()
        index = [p.key for p in phases(ts.method)].index(key)
        service.move_phase(self.session, ts, index)
        self.session.commit()


@pytest.fixture
def make_running(session, team, make_user, make_story):
    def make(
        n_members: int = 2, *, open_it: bool = True, anonymity=Anonymity.NAMED, method=None
    ) -> Running:
        coach = make_user(Role.COACH)
        author = make_user(Role.KLANTMANAGER)
        members = [make_user(Role.KLANTMANAGER) for _ in range(n_members)]
        vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
        story = make_story(author=author, submitted=True, shared_with_team=True)
        place_self(session, story, role=(60, 20, 20), motivation=20)
        ts = service.create(
            session,
            coach,
            NewSession(
                team_id=team.id,
                title="Intervisie",
                held_on=date(2026, 11, 30),
                method=method or SessionMethod.INCIDENT,
                anonymity=anonymity,
            ),
        )
        session.commit()
        ts = service.get_team_session(session, ts.id)
        service.set_participants(session, ts, [m.id for m in members] + [vb.id])
        service.add_story(session, coach, ts, service.load_story(session, story.id), "Herkenbaar")
        session.commit()
        running = Running(session, coach, author, members, vb, story, ts)
        if open_it:
            ts = running.reload()
            service.open_session(session, ts, running.items(), now=utcnow())
            session.commit()
        running.reload()
        return running

    return make


@pytest.fixture
def running(make_running) -> Running:
    return make_running()
