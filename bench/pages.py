"""Page timings and query counts at two data sizes, measured in one run (``make bench``).

Prints, per page, the median time and the SQL statement count at a small and a large number of
stories, and their ratio: a page that scales keeps the same query count and a ratio near 1."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import event

from portal import create_app
from portal.core.extensions import db
from portal.core.migrate import upgrade
from portal.demo.team import create_demo
from portal.frameworks.versions import load_default_frameworks
from portal.models import utcnow

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
    ("beheer", "/admin/users"),
    ("beheer", "/admin/audit"),
    ("beheer", "/admin/teams"),
]
SIZES = (
    int(sys.argv[1]) if len(sys.argv) > 1 else 1_000,
    int(sys.argv[2]) if len(sys.argv) > 2 else 50_000,
)
RUNS = 15


def _app(path: Path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
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
        timings = []
        for _ in range(RUNS):
            counted.clear()
            t = time.perf_counter()
            assert client.get(page).status_code == 200, page
            timings.append(time.perf_counter() - t)
        event.remove(engine, "before_cursor_execute", count)
        results[account, page] = (statistics.median(timings) * 1000, len(counted))
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        measured = []
        for size in SIZES:
            print(f"Data size {size}:")
            measured.append(_measure(_app(Path(tmp) / f"bench{size}.sqlite3"), size))
    small, large = measured
    heading = f"{'page (as)':<34}{'ms @' + str(SIZES[0]):>12}{'ms @' + str(SIZES[1]):>12}"
    print(f"\n{heading}{'ratio':>8}{'queries':>10}")
    for key in PAGES:
        (t1, q1), (t2, q2) = small[key], large[key]
        label = f"{key[1]} ({key[0]})"
        print(f"{label:<34}{t1:>12.1f}{t2:>12.1f}{t2 / t1:>8.2f}{f'{q1}/{q2}':>10}")


if __name__ == "__main__":
    main()
