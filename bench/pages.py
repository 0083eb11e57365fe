"""Page timings and query counts at two data sizes, measured in one run (``make bench``).

Prints, per page, the median time and the SQL statement count at a small and a large number of
stories, and their ratio: a page that scales keeps the same query count and a ratio near 1."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import browser  # bench/browser.py, beside this script
import team_sessions  # bench/team_sessions.py, beside this script
from sqlalchemy import create_engine, event, text

from portal import create_app
from portal.core.extensions import db
from portal.core.migrate import upgrade
from portal.demo.team import create_demo
from portal.frameworks.versions import load_default_frameworks
from portal.models import utcnow

#: The analysis page with every chart of the reflection framework, and a drill-down list.
ALL_CHARTS = "/analysis/reflection"
#: A histogram, a contingency table and a scatter, opened in Chromium at the large size.
IN_BROWSER = (
    "/analysis/reflection?show=agency&x=feeling&y=cultural_differences&sx=agency&sy=motivation"
)
DRILL_DOWN = "/analysis/stories?kind=reflection&r.agency=40-49"

#: (demo account, page): each page is measured as the person who uses it.
PAGES = [
    ("km1", "/"),
    ("km1", "/stories/mine"),
    ("km1", "/stories/mine?page=3"),
    ("km1", "/team/stories"),
    ("km1", "/participation"),
    ("coach", "/participation"),
    ("beheer", "/participation"),
    ("vb1", "/respondents"),
    # team sessions (issue 17): the demo's closed session 1 and planned session 2
    ("coach", "/sessions"),
    ("coach", "/sessions/1"),
    ("coach", "/sessions/1/state"),
    ("coach", "/sessions/2/pool"),
    ("coach", "/sessions/2/pool?teller=klantmanager&r.agency=0-30&q=taal"),
    # analysis (issue 15)
    ("onderzoeker", ALL_CHARTS),
    ("onderzoeker", "/analysis/indicators"),
    ("onderzoeker", "/analysis/patterns"),
    ("onderzoeker", DRILL_DOWN),
    ("onderzoeker", "/analysis/stories?kind=reflection&c.feeling=positive&page=3"),
    ("coach", "/analysis/reflection"),
    ("beheer", "/admin/users"),
    ("beheer", "/admin/audit"),
    ("beheer", "/admin/teams"),
]
SIZES = (
    int(sys.argv[1]) if len(sys.argv) > 1 else 1_000,
    int(sys.argv[2]) if len(sys.argv) > 2 else 50_000,
)
RUNS = 15
SLOW_RUNS = 3  # for a page that takes more than SLOW seconds
SLOW = 0.5
#: PostgreSQL instead of SQLite when set (its public schema is emptied before each size).
DATABASE_URL = os.environ.get("DATABASE_URL", "")


def _fresh_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _app(path: Path):
    url = f"sqlite:///{path}"
    if DATABASE_URL:
        url = DATABASE_URL
        _fresh_postgres(url)
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        upgrade(db.engine)
        load_default_frameworks(db.session, now=utcnow())
        db.session.commit()
    return app


def _measure(app, stories: int) -> dict[str, tuple[float, int]]:
    with app.app_context():
        started = time.perf_counter()
        create_demo(db.session, password="bench-password", stories=stories, today=date.today())
        db.session.commit()
        print(f"  {stories:>7} stories inserted in {time.perf_counter() - started:.1f} s")
    clients = {}
    for account in {account for account, _page in PAGES}:
        clients[account] = app.test_client()
        login = {"email": f"{account}@demo.example", "password": "bench-password"}
        clients[account].post("/login", data=login)
    engine = app.extensions["db_engine"]
    results = {}
    for account, page in PAGES:
        client = clients[account]
        client.get(page)
        counted: list[int] = []

        def count(*_args, counted=counted) -> None:
            counted.append(1)

        event.listen(engine, "before_cursor_execute", count)
        timings: list[float] = []
        while len(timings) < (SLOW_RUNS if timings and timings[0] > SLOW else RUNS):
            counted.clear()
            t = time.perf_counter()
            assert client.get(page).status_code == 200, page
            timings.append(time.perf_counter() - t)
        event.remove(engine, "before_cursor_execute", count)
        results[account, page] = (statistics.median(timings) * 1000, len(counted))
    results["bare-sql"] = (_bare_sql(engine, clients["onderzoeker"], ALL_CHARTS), 0)
    if stories == SIZES[1]:
        results["browser"] = browser.measure(
            app, IN_BROWSER, "onderzoeker@demo.example", "bench-password"
        )
    return results


def _bare_sql(engine, client, page: str) -> float:
    """The floor of the all-charts page: its own SQL statements (the aggregates) sent straight
    to the database and fetched, without Flask, SQLAlchemy's ORM, SciPy or the SVG (median ms)."""
    sent: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    client.get(page)
    event.remove(engine, "before_cursor_execute", keep)
    timings = []
    for _ in range(RUNS):
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            t = time.perf_counter()
            cursor = raw.cursor()
            for statement, parameters in sent:
                cursor.execute(statement, parameters)
                cursor.fetchall()
            timings.append(time.perf_counter() - t)
            cursor.close()
    return statistics.median(timings) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        measured = []
        for size in SIZES:
            print(f"Data size {size}:")
            app = _app(Path(tmp) / f"bench{size}.sqlite3")
            measured.append(_measure(app, size))
            if size == SIZES[0]:
                sessions = team_sessions.measure(app, "bench-password")
    small, large = measured
    heading = f"{'page (as)':<34}{'ms @' + str(SIZES[0]):>12}{'ms @' + str(SIZES[1]):>12}"
    print(f"\n{heading}{'ratio':>8}{'queries':>10}")
    for key in PAGES:
        (t1, q1), (t2, q2) = small[key], large[key]
        label = f"{key[1]} ({key[0]})"
        print(f"{label:<34}{t1:>12.1f}{t2:>12.1f}{t2 / t1:>8.2f}{f'{q1}/{q2}':>10}")
    print()
    print("\n".join(sessions))
    page_ms, sql_ms = large["onderzoeker", ALL_CHARTS][0], large["bare-sql"][0]
    print(
        f"\n{ALL_CHARTS} at {SIZES[1]}: {page_ms:.0f} ms, its bare SQL {sql_ms:.0f} ms, "
        f"ratio {page_ms / sql_ms:.2f} (goal: at most 2)"
    )
    t1, t2 = small["onderzoeker", DRILL_DOWN][0], large["onderzoeker", DRILL_DOWN][0]
    print(f"{DRILL_DOWN}: {t2 / t1:.2f}× from {SIZES[0]} to {SIZES[1]} (goal: at most 1.5)")
    print(f"{large['browser']} at {SIZES[1]} stories")
    print(f"database: {'PostgreSQL' if DATABASE_URL else 'SQLite'}")


if __name__ == "__main__":
    main()
