"""Team session pages with 3 and with 30 participants (issue 17), called by pages.py: the session
page and its live state endpoint must send the same number of SQL statements for both."""

from __future__ import annotations

import statistics
import time
from datetime import date

from sqlalchemy import event, select
from werkzeug.datastructures import MultiDict

from portal.accounts import users
from portal.core.extensions import db
from portal.models import Role, Story, StoryKind, StoryStatus, Team, utcnow
from portal.team_sessions import interpret, service
from portal.team_sessions.phases import phases
from portal.team_sessions.service import NewSession

RUNS = 15
SIZES = (3, 30)


def _form(i: int) -> MultiDict:
    a = (i * 7) % 80
    return MultiDict(
        {
            "q-role_balance-a": str(a),
            "q-role_balance-b": str(100 - a - 10),
            "q-role_balance-c": "10",
            "q-motivation": str((i * 13) % 100),
            "q-motivation-set": "1",
            "duiding": f"Duiding {i}",
        }
    )


def _session_with(n: int, password: str) -> tuple[int, str]:
    """A revealed session of the Demoteam with ``n`` participants who all interpreted."""
    session = db.session
    team = session.scalar(select(Team).where(Team.name == "Demoteam"))
    coach = users.find_user(session, "coach@demo.example")
    people = []
    for i in range(n):
        email = f"bench{n}-{i}@demo.example"
        person = users.find_user(session, email) or users.create_user(
            session, email, f"Deelnemer {n}-{i}", {Role.KLANTMANAGER}, teams=[team]
        )
        person.set_password(password)
        people.append(person)
    session.flush()
    story = session.scalar(
        select(Story)
        .where(
            Story.team_id == team.id,
            Story.kind == StoryKind.REFLECTION,
            Story.status == StoryStatus.SUBMITTED,
            Story.shared_with_team.is_(True),
        )
        .limit(1)
    )
    ts = service.create(
        session,
        coach,
        NewSession(team.id, f"Bench {n}", date.today(), "incident", "named"),
    )
    ts = service.get_team_session(session, ts.id)
    service.set_participants(session, ts, [p.id for p in people])
    service.add_story(session, coach, ts, service.load_story(session, story.id), "")
    items = service.session_stories(session, ts)
    service.open_session(session, ts, items, now=utcnow())
    service.move_phase(session, ts, [p.key for p in phases(ts.method)].index("posities"))
    for i, person in enumerate(people):
        interpret.save(session, ts, items[0], person, _form(i))
    service.reveal(session, ts, items[0])
    session.commit()
    return ts.id, people[0].email


def measure(app, password: str) -> list[str]:
    """Lines for the report: time and statements of the session page and state, 3 vs 30."""
    with app.app_context():
        made = {n: _session_with(n, password) for n in SIZES}
    engine = app.extensions["db_engine"]
    lines = []
    results: dict[tuple[str, int], tuple[float, int]] = {}
    for n, (ts_id, participant) in made.items():
        for who in ("coach@demo.example", participant):
            client = app.test_client()
            client.post("/login", data={"email": who, "password": password})
            for path in (f"/sessions/{ts_id}", f"/sessions/{ts_id}/state"):
                counted: list[int] = []

                def count(*_args, counted=counted) -> None:
                    counted.append(1)

                client.get(path)
                event.listen(engine, "before_cursor_execute", count)
                timings = []
                for _ in range(RUNS):
                    counted.clear()
                    started = time.perf_counter()
                    assert client.get(path).status_code == 200, path
                    timings.append(time.perf_counter() - started)
                event.remove(engine, "before_cursor_execute", count)
                role = "coach" if who.startswith("coach") else "participant"
                kind = "state" if path.endswith("/state") else "page"
                results[f"{kind} ({role})", n] = (statistics.median(timings) * 1000, len(counted))
    heading = f"{'session (as), participants':<34}{'ms @3':>12}{'ms @30':>12}"
    lines.append(f"{heading}{'ratio':>8}{'queries':>10}")
    for label in sorted({label for label, _n in results}):
        (t1, q1), (t2, q2) = results[label, 3], results[label, 30]
        lines.append(
            f"{'/sessions/<id> ' + label:<34}{t1:>12.1f}{t2:>12.1f}{t2 / t1:>8.2f}{f'{q1}/{q2}':>10}"
        )
    return lines
