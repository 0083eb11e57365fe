"""reflection framework version 2: the triads and the indicator sliders are required (n.v.t.
counts as an answer), and two English poles read better

A published version never changes, so a portal still on version 1 of the default reflection
framework gets version 2 beside it: stories keep the version they were answered on, new ones use
version 2. A portal whose reflection framework was changed by hand (a newer version, another name)
is left as it is. A new portal gets version 1 with these changes straight from the defaults.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_NAME = "Reflectie klantmanager"
REQUIRED = {"role_balance", "what_worked", "motivation", "agency"}
ENGLISH_POLES = {
    "they wanted to themselves": "they wanted to do it themselves",
    "me, the klantmanager": "me, as their case manager",
}

frameworks = sa.table(
    "frameworks",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("version", sa.Integer),
    sa.column("name_nl", sa.String),
    sa.column("name_en", sa.String),
    sa.column("published_at", sa.DateTime(timezone=True)),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
questions = sa.table(
    "questions",
    sa.column("id", sa.Integer),
    sa.column("framework_id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("type", sa.String),
    sa.column("position", sa.Integer),
    sa.column("text_nl", sa.Text),
    sa.column("text_en", sa.Text),
    sa.column("options", sa.JSON),
    sa.column("required", sa.Boolean),
    sa.column("allows_na", sa.Boolean),
    sa.column("is_indicator", sa.Boolean),
)


def _newest_reflection(conn: sa.Connection) -> sa.Row | None:
    return conn.execute(
        sa.select(frameworks)
        .where(frameworks.c.kind == "reflection", frameworks.c.published_at.is_not(None))
        .order_by(frameworks.c.version.desc())
        .limit(1)
    ).first()


def _options(options: list[dict]) -> list[dict]:
    return [{**o, "en": ENGLISH_POLES.get(o.get("en"), o.get("en"))} for o in options or []]


def upgrade() -> None:
    conn = op.get_bind()
    old = _newest_reflection(conn)
    if old is None or old.version != 1 or old.name_nl != DEFAULT_NAME:
        return
    now = datetime.now(UTC)
    new_id = conn.execute(
        sa.insert(frameworks)
        .values(
            kind="reflection",
            version=2,
            name_nl=old.name_nl,
            name_en=old.name_en,
            published_at=now,
            created_at=now,
        )
        .returning(frameworks.c.id)
    ).scalar_one()
    rows = conn.execute(sa.select(questions).where(questions.c.framework_id == old.id)).all()
    conn.execute(
        sa.insert(questions),
        [
            {
                "framework_id": new_id,
                "key": q.key,
                "type": q.type,
                "position": q.position,
                "text_nl": q.text_nl,
                "text_en": q.text_en,
                "options": _options(q.options),
                "required": q.required or q.key in REQUIRED,
                "allows_na": q.allows_na,
                "is_indicator": q.is_indicator,
            }
            for q in rows
        ],
    )


def downgrade() -> None:
    """Version 2 stays: stories may have been answered on it."""
