"""``backup PATH``: a consistent copy of the database while the portal keeps running.

SQLite is copied with its online backup API (page by page, consistent even while others write in
WAL mode) and checked with ``PRAGMA integrity_check`` before it is given its final name.
PostgreSQL is dumped with ``pg_dump --format=custom`` (one snapshot), restorable with
``pg_restore``; the password goes to ``pg_dump`` through the environment, never on its command
line. A backup never overwrites an existing file, and a half-written one is never left under the
final name."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url


class BackupError(Exception):
    """The backup could not be made; the message says why."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    kind: str  # "sqlite" or "postgresql"


def target_path(path: Path, backend: str, now: datetime) -> Path:
    """``path`` itself, or a time-stamped file inside it when it is a directory (for cron)."""
    if path.is_dir():
        suffix = "sqlite3" if backend == "sqlite" else "dump"
        path = path / f"portal-{now:%Y%m%d-%H%M%S}.{suffix}"
    if path.exists():
        raise BackupError(f"{path} exists already; a backup never overwrites a file.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    return path


def make_backup(engine: Engine, path: Path, *, now: datetime) -> BackupResult:
    backend = engine.url.get_backend_name()
    target = target_path(path, backend, now)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if backend == "sqlite":
            _sqlite_backup(engine, partial)
        elif backend == "postgresql":
            _pg_dump(engine, partial)
        else:
            raise BackupError(f"No backup method for {backend}.")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=target, size=target.stat().st_size, kind=backend)


def _sqlite_backup(engine: Engine, partial: Path) -> None:
    source_path = engine.url.database
    if not source_path or source_path == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    source = sqlite3.connect(source_path, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
        source.close()
    if result != "ok":
        raise BackupError(f"The copy failed its integrity check: {result}")


def _pg_dump(engine: Engine, partial: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump was not found; install the PostgreSQL client tools.")
    url = make_url(engine.url)
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = url.password
    if "sslmode" in url.query:
        env["PGSSLMODE"] = str(url.query["sslmode"])
    args = [pg_dump, "--format=custom", "--no-owner", f"--file={partial}"]
    for flag, value in (("--host", url.host), ("--port", url.port), ("--username", url.username)):
        if value:
            args.append(f"{flag}={value}")
    args.append(f"--dbname={url.database}")
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
