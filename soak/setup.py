"""The soak run's database, environment and people."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PASSWORD = "soak-wachtwoord-123"
#: One account per role for the input walk (the writers are soak0 … soak49).
WALKERS = {
    "klantmanager": "walk-km@soak.example",
    "verhalenbegeleider": "walk-vb@soak.example",
    "coach": "walk-coach@soak.example",
    "onderzoeker": "walk-oz@soak.example",
    "beheerder": "walk-bh@soak.example",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database(url: str) -> None:
    """PostgreSQL: drop and create the named database (never the server's others)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def database_env(url: str, workdir: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": url,
        "SECRET_KEY": "soak-secret-key",
        "SESSION_COOKIE_SECURE": "false",
        "TWO_FACTOR_ROLES": "",
        "LOGIN_RATE_LIMIT": "100000 per minute",
        "LOGIN_EMAIL_RATE_LIMIT": "100000 per minute",
        "PORTAL_BASE_URL": "http://127.0.0.1",
        "SOAK_DIR": workdir,
    }


def flask(env: dict, *args: str, **kw: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "flask"), "--app", "portal", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        **kw,
    )


def prepare(env: dict, writers: int) -> None:
    """``init``, then a team whose cycle began three days ago, the writers and the walkers."""
    result = flask(env, "init")
    if result.returncode:
        raise RuntimeError(result.stderr)
    from portal import create_app
    from portal.accounts import users
    from portal.core.extensions import db
    from portal.models import Role

    app = create_app({"SQLALCHEMY_DATABASE_URI": env["DATABASE_URL"], "SECRET_KEY": "x"})
    with app.app_context():
        team = users.create_team(db.session, "Soakteam", start=date.today() - timedelta(days=3))
        people = [
            (f"soak{n}@soak.example", f"Schrijver {n}", Role.KLANTMANAGER) for n in range(writers)
        ] + [(email, f"Loper {role}", role) for role, email in WALKERS.items()]
        password_hash = None
        for email, name, role in people:  # one password hash for all: hashing 55 takes long
            user = users.create_user(db.session, email, name, {role}, teams=[team])
            if password_hash is None:
                user.set_password(PASSWORD)
                password_hash = user.password_hash
            user.password_hash = password_hash
        db.session.commit()
    app.extensions["db_engine"].dispose()
