"""Test set-up: one database per test session (per xdist worker), emptied after every test.

SQLite in a temp folder by default; PostgreSQL when ``TEST_DATABASE_URL`` is set (each worker gets
its own database, created on first use)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, delete, make_url, select, text
from sqlalchemy.orm import Session

from portal import create_app
from portal.core.db import Base
from portal.core.extensions import limiter
from portal.core.migrate import upgrade
from portal.frameworks.versions import load_default_frameworks
from portal.models import Framework, utcnow

pytest_plugins = [
    "tests.fixtures.factories",
    "tests.fixtures.stories",
    "tests.fixtures.team_sessions",
    "tests.fixtures.analysis",
]

KEEP_TABLES = {"frameworks", "questions"}


def _postgres_url(base: str, worker: str) -> str:
    """A fresh database per test session and xdist worker (``test_gw0`` …), so the schema always
    comes from the migrations as they are now, never from an earlier run."""
    url = make_url(base)
    name = f"{url.database}_{worker}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "master")
    base = os.environ.get("TEST_DATABASE_URL")
    if base:
        return _postgres_url(base, worker)
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "PORTAL_BASE_URL": "http://portal.test",
            "RATELIMIT_STORAGE_URI": "memory://",
            # a fixed key here only: pseudonyms in exports (instance/config.py has a random one)
            "PSEUDONYM_KEY": "test-pseudonym-key",
        }
    )
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    with app.app_context():
        from portal.core.extensions import db

        upgrade(db.engine)
        load_default_frameworks(db.session, now=utcnow())
        db.session.commit()
    app.config["BASE_FRAMEWORK_IDS"] = _framework_ids(app)
    return app


def _framework_ids(app) -> set[int]:
    with Session(app.extensions["db_engine"]) as session:
        return set(session.scalars(select(Framework.id)))


@pytest.fixture(autouse=True)
def _clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    """Empty every table after a test (but the default frameworks), so tests stay independent."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    engine = app.extensions["db_engine"]
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name in KEEP_TABLES:
                continue
            conn.execute(delete(table))
        keep = app.config["BASE_FRAMEWORK_IDS"]
        conn.execute(delete(Framework.__table__).where(Framework.id.not_in(keep)))
    limiter.reset()


@pytest.fixture
def session(app) -> Iterator[Session]:
    """A database session of the test's own (requests use their own, like in production)."""
    with app.extensions["db_sessionmaker"]() as session:
        yield session


@pytest.fixture
def app_ctx(app):
    with app.test_request_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
