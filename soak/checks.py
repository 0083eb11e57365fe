"""What the soak run checks in the database, the mail it received and the backup it made."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, make_url, select, text

from soak.setup import flask, free_port


def _engine(url: str):  # noqa: ANN202
    return create_engine(url)


def stored_titles(url: str) -> dict[str, set[int]]:
    """The ids of the soak's stories by title (a save that timed out on the client and was stored
    after all may be saved again: one title, two stories)."""
    from portal.models import Story

    engine = _engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(Story.title, Story.id).where(Story.title.like("Soak %"))).all()
    engine.dispose()
    stored: dict[str, set[int]] = {}
    for title, story_id in rows:
        stored.setdefault(title, set()).add(story_id)
    return stored


def integrity(url: str) -> list[str]:
    """SQLite: integrity_check and foreign_key_check; PostgreSQL: no story without its author or
    cycle, no answer without its interpretation (the constraints hold)."""
    engine = _engine(url)
    problems = []
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            check = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if check != "ok" or orphans:
                problems.append(f"integrity: {check}, {len(orphans)} foreign key problems")
        for query in (
            "SELECT count(*) FROM stories s LEFT JOIN users u ON u.id = s.author_id "
            "WHERE u.id IS NULL",
            "SELECT count(*) FROM answers a LEFT JOIN interpretations i "
            "ON i.id = a.interpretation_id WHERE i.id IS NULL",
        ):
            if conn.execute(text(query)).scalar():
                problems.append(f"integrity: orphans found by {query}")
    engine.dispose()
    print(f"integrity check: {problems or 'ok'}")
    return problems


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001
        subject = ""
        for line in envelope.content.decode("utf-8", "replace").splitlines():
            if line.lower().startswith("subject:"):
                subject = line[8:].strip()
                break
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt, subject))
        return "250 OK"


def reminders_twice(env: dict) -> list[str]:
    """``reminders send`` in two processes at once, into a local SMTP server: each mail once."""
    inbox = _Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=30)
    controller.start()
    try:
        mail_env = {**env, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(port)}
        command = [
            str(Path(sys.executable).parent / "flask"),
            "--app",
            "portal",
            "reminders",
            "send",
        ]
        runs = [
            subprocess.Popen(
                command,
                cwd=env["PYTHONPATH"],
                env=mail_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(300) for run in runs]
        time.sleep(1)
    finally:
        controller.stop()
    twice = [key for key, n in Counter(inbox.messages).items() if n > 1]
    problems = [
        f"reminders: exit {run.returncode}: {out[1][-300:]}"
        for run, out in zip(runs, outputs, strict=True)
        if run.returncode
    ]
    print(
        f"reminders send ×2 at once: {len(inbox.messages)} mails received, "
        f"{len(set(inbox.messages))} distinct, {len(twice)} twice"
    )
    if twice or not inbox.messages:
        problems.append(f"reminders: {len(twice)} mails twice, {len(inbox.messages)} received")
    return problems


def backup_and_restore(
    env: dict, url: str, workdir: str, acked: Callable[[], dict[str, int]]
) -> list[str]:
    """``backup`` while the writers write; restore it and count: every story acknowledged before
    the backup began is in it, no more stories than were acknowledged when it ended (plus those in
    flight), and the restored copy passes the integrity check."""
    before = acked()
    target = Path(workdir) / ("backup.sqlite3" if url.startswith("sqlite") else "backup.dump")
    result = flask(env, "backup", str(target))
    after = acked()
    if result.returncode:
        return [f"backup failed: {result.stderr[-300:]}"]
    restored_url = _restore(url, target, workdir)
    prefix = next(iter(before or after), "")[:12]  # this load's stories ("Soak threads")
    titles = {t: ids for t, ids in stored_titles(restored_url).items() if t.startswith(prefix)}
    missing = [t for t in before if t not in titles]
    in_flight = 50  # one request per writer may be stored without its answer having arrived yet
    print(
        f"backup during writes: {len(before)} acknowledged before, {len(after)} after, "
        f"{len(titles)} in the restored copy, {len(missing)} missing"
    )
    problems = integrity(restored_url)
    if missing or len(titles) > len(after) + in_flight:
        problems.append(f"backup: {len(missing)} missing, {len(titles)} restored")
    return problems


def _restore(url: str, target: Path, workdir: str) -> str:
    if url.startswith("sqlite"):
        restored = Path(workdir) / "restored.sqlite3"
        shutil.copy(target, restored)
        with sqlite3.connect(restored) as conn:
            conn.execute("PRAGMA integrity_check")
        return f"sqlite:///{restored}"
    from soak.setup import fresh_database

    parsed = make_url(url)
    restored_url = parsed.set(database=f"{parsed.database}_restored")
    rendered = restored_url.render_as_string(hide_password=False)
    fresh_database(rendered)
    env = {"PGPASSWORD": parsed.password or ""}
    subprocess.run(
        ["pg_restore", "--no-owner", "-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432),
         "-U", parsed.username or "postgres", "-d", restored_url.database, str(target)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    return rendered
