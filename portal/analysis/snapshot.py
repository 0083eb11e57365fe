"""A page's scope selected once into a temporary table.

An analysis page sends 15 to 30 aggregate statements, each over the same stories. With the
scope's WHERE in every one, the database evaluates the policy's rule (research consent, shared
reflections, withdrawals) and the filter again per statement, and PostgreSQL, which cannot see
through those nested conditions, estimates the matching stories at a fraction of their number and
picks nested loops: at 100,000 stories the all-charts page took twice as long as with the ids in
a table. The table lives for the request only: PostgreSQL drops it at the end of the transaction,
and on SQLite (where temporary tables outlive it, per connection) the next page drops it first.
Nothing of it is persistent, so a GET still writes nothing to the database."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Column, Integer, MetaData, Table, insert, select, text
from sqlalchemy.orm import Session

from portal.analysis.scope import Scope
from portal.models import Story

#: One name per connection: a page materialises one scope (narrowed scopes, the drill-down links,
#: use the WHERE clause).
NAME = "analysis_scope"


def _table() -> Table:
    return Table(
        NAME,
        MetaData(),
        Column("story_id", Integer, primary_key=True),
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )


def materialised(session: Session, scope: Scope) -> Scope:
    """``scope`` whose ``where`` reads its story ids from a temporary table, filled here."""
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    connection.execute(text(f"DROP TABLE IF EXISTS {'pg_temp' if postgres else 'temp'}.{NAME}"))
    table = _table()
    table.create(connection)
    connection.execute(insert(table).from_select(["story_id"], select(Story.id).where(scope.where)))
    if postgres:
        connection.execute(text(f"ANALYZE {NAME}"))  # exact row count for the planner
    return replace(scope, stories=table)
