"""A named lock held until the transaction ends, for find-or-create writes that race.

Two requests that both read "no skip yet" or "the highest code is SH-0041" and then insert would
both insert; taking ``serialize(session, name)`` first makes the second wait until the first has
committed, and then it reads what the first wrote. PostgreSQL: a transaction-level advisory lock
on the name. SQLite: it has one writer at a time, so the lock is taken by starting the write
transaction at once (a write that changes nothing), and its busy timeout makes the others wait."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def serialize(session: Session, name: str) -> None:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})
    elif dialect == "sqlite":
        session.execute(text("UPDATE alembic_version SET version_num = version_num WHERE 1 = 0"))
