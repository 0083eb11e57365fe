"""``INSERT ... ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL: a duplicate is skipped, not an error."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignore(session: Session, model: type, values: dict[str, Any], keys: list[str]) -> bool:
    """Insert one row unless one with the same ``keys`` exists; True when it was inserted."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = model.__table__
    stmt = insert(table).values(**values).on_conflict_do_nothing(index_elements=keys)
    # RETURNING says reliably whether the row went in (rowcount is not always reported).
    return session.execute(stmt.returning(table.c.id)).first() is not None
