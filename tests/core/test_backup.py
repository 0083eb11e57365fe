"""``backup PATH``: a consistent, verified copy of the database while the portal runs."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from portal import create_app
from portal.core import backup
from portal.models import AuditEvent, Role


def _invoke(app, runner, *args: str):
    with app.app_context():  # ``backup`` is a plain click command, like ``init``
        return runner.invoke(args=list(args))


def _tables_in_copy(path: Path, backend: str) -> set[str]:
    if backend == "sqlite":
        with sqlite3.connect(path) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            return {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
    listing = subprocess.run(
        [shutil.which("pg_restore"), "--list", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {line.split()[-2] for line in listing.splitlines() if " TABLE " in line}


def test_cli_backs_up_the_running_database_and_audits_it(app, runner, session, tmp_path):
    result = _invoke(app, runner, "backup", str(tmp_path / "copy"))
    assert result.exit_code == 0, result.output
    backend = app.extensions["db_engine"].url.get_backend_name()
    assert f"Backup of the {backend} database written to {tmp_path / 'copy'}" in result.output
    assert {"stories", "respondents", "consents"} <= _tables_in_copy(tmp_path / "copy", backend)
    assert [p.name for p in tmp_path.iterdir()] == ["copy"]  # no partial file left
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "backup.create"))
    assert event.details["path"] == str(tmp_path / "copy") and event.details["size"] > 0


def test_a_folder_gets_a_dated_file_and_an_existing_file_is_never_overwritten(
    app, runner, tmp_path
):
    first = _invoke(app, runner, "backup", str(tmp_path))
    assert first.exit_code == 0, first.output
    (made,) = tmp_path.iterdir()
    assert made.name.startswith("portal-") and made.stat().st_size > 0
    before = made.read_bytes()

    again = _invoke(app, runner, "backup", str(made))
    assert again.exit_code != 0
    assert "exists already" in again.output
    assert made.read_bytes() == before


def test_a_missing_folder_is_a_clear_error(app, runner, tmp_path):
    result = _invoke(app, runner, "backup", str(tmp_path / "nowhere" / "copy.sqlite3"))
    assert result.exit_code != 0
    assert "does not exist" in result.output


@pytest.fixture
def sqlite_app(tmp_path):
    """A portal on its own SQLite file, whatever database the rest of the suite uses."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "live.sqlite3"),
        }
    )
    assert _invoke(app, app.test_cli_runner(), "init").exit_code == 0
    yield app
    app.extensions["db_engine"].dispose()


def test_sqlite_copy_holds_committed_rows_not_an_open_transaction(sqlite_app, tmp_path):
    engine = sqlite_app.extensions["db_engine"]
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO tags (code, label_nl, label_en, created_at) VALUES ('proef_werk', 'Werk', 'Work', '2026-11-23')"
            )
        )
    writer = engine.connect()
    writer.execute(
        text(
            "INSERT INTO tags (code, label_nl, label_en, created_at) VALUES ('proef_taal', 'Taal', 'Language', '2026-11-23')"
        )
    )  # not committed while the copy is made
    try:
        result = backup.make_backup(engine, tmp_path / "copy.sqlite3", now=datetime(2026, 11, 23))
    finally:
        writer.rollback()
        writer.close()
    assert result.kind == "sqlite"
    with sqlite3.connect(result.path) as copy:
        codes = {code for (code,) in copy.execute("SELECT code FROM tags")}
        assert "proef_werk" in codes and "proef_taal" not in codes
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(f"{result.path}-wal").exists()


def test_sqlite_copy_opens_as_a_portal(sqlite_app, tmp_path):
    runner = sqlite_app.test_cli_runner()
    created = runner.invoke(
        args=[
            "users",
            "create",
            "kim@example.nl",
            "--name",
            "Kim",
            "--role",
            Role.KLANTMANAGER.value,
        ],
        input="een-lang-wachtwoord\n",
    )
    assert created.exit_code == 0, created.output
    assert _invoke(sqlite_app, runner, "backup", str(tmp_path / "copy.sqlite3")).exit_code == 0
    restored = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": "sqlite:///" + str(tmp_path / "copy.sqlite3"),
        }
    )
    again = _invoke(restored, restored.test_cli_runner(), "init")
    assert again.exit_code == 0 and "0 default framework(s) added" in again.output
    with restored.app_context():
        from portal.core.extensions import db

        assert db.session.scalar(text("SELECT email FROM users")) == "kim@example.nl"
    restored.extensions["db_engine"].dispose()


def test_an_in_memory_database_cannot_be_backed_up(tmp_path):
    from sqlalchemy import create_engine

    with pytest.raises(backup.BackupError, match="in-memory"):
        backup.make_backup(create_engine("sqlite://"), tmp_path / "x", now=datetime(2026, 11, 23))
    assert list(tmp_path.iterdir()) == []
