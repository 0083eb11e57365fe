"""Export benchmark (``make bench``): peak memory and rows per second of every export format at
two data sizes (default 10,000 and 100,000 reflections, with texts).

Each export runs in a fresh child process that first sets up the app and its database session,
then streams the export to nowhere under tracemalloc: the peak of Python's heap during the export,
the growth of the child's maximum resident set size, and the rows per second (with tracemalloc
on, so a lower bound). Streaming keeps the memory flat: it must stay under 50 MB at any size.
Usage: ``python bench/exports.py [SIZE ...]``."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select, update

from portal import create_app
from portal.core.extensions import db
from portal.core.migrate import upgrade
from portal.demo.team import create_demo
from portal.frameworks.versions import load_default_frameworks
from portal.models import StoryKind, User, utcnow

SIZES = tuple(int(a) for a in sys.argv[1:] if a.isdigit()) or (10_000, 100_000)
FORMATS = ("csv", "xlsx", "sav")
LIMIT_MB = 50


def _app(path: Path):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "PSEUDONYM_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
        }
    )


def _fill(path: Path, stories: int) -> None:
    app = _app(path)
    with app.app_context():
        upgrade(db.engine)
        load_default_frameworks(db.session, now=utcnow())
        started = time.perf_counter()
        create_demo(db.session, password="bench-password", stories=stories, today=date.today())
        db.session.execute(update(User).values(research_consent=True))
        db.session.commit()
        print(f"  {stories:>7} stories inserted in {time.perf_counter() - started:.1f} s")


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str, fmt: str, traced: bool) -> None:
    """Run one export and print: rows, bytes, seconds, max RSS growth and (when ``traced``) the
    tracemalloc peak, both in MB."""
    import tracemalloc

    from portal.exports.service import ExportRequest, Format, start_export

    app = _app(Path(path))
    with app.test_request_context():
        user = db.session.scalar(select(User).where(User.email == "onderzoeker@demo.example"))
        request = ExportRequest(StoryKind.REFLECTION, Format(fmt), with_text=True)
        if traced:
            tracemalloc.start()
        before = _max_rss_mb()
        started = time.perf_counter()
        export = start_export(db.session, user, request, app.config)
        db.session.commit()
        size = sum(len(piece) for piece in export.pieces)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 1_048_576 if traced else 0.0
        print(export.rows, size, f"{seconds:.3f}", f"{_max_rss_mb() - before:.1f}", f"{peak:.1f}")


def _run(path: Path, fmt: str, mode: str) -> list[str]:
    return subprocess.run(
        [sys.executable, __file__, "--child", str(path), fmt, mode],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def main() -> None:
    print("Export benchmark (reflections with texts; rows/s measured with tracemalloc on)")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            path = Path(tmp) / f"exports{size}.sqlite3"
            _fill(path, size)
            for fmt in FORMATS:
                rows, size_bytes, seconds, rss, peak = _run(path, fmt, "traced")
                rows, rss, peak = int(rows), float(rss), float(peak)
                ok = max(rss, peak) < LIMIT_MB
                failed |= not ok
                print(
                    f"  {size:>7} stories  {fmt:<4}  {rows:>7} rows"
                    f"  {int(size_bytes) / 1e6:>7.1f} MB file  {rows / float(seconds):>7.0f} rows/s"
                    f"  max RSS +{rss:.1f} MB  Python heap peak {peak:.1f} MB"
                    f"  {'ok' if ok else f'OVER {LIMIT_MB} MB'}"
                )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], traced=sys.argv[4] == "traced")
    else:
        main()
