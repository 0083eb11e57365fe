"""hardening: a session version per user (sessions that end server-side), one self-interpretation
per story

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


SELF = sa.text("role = 'self'")


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), nullable=False, server_default="1")
        )
    # a race could have made a second self-interpretation; keep the first (the one shown)
    extra = (
        "SELECT id FROM interpretations WHERE role = 'self' AND id NOT IN "
        "(SELECT MIN(id) FROM interpretations WHERE role = 'self' GROUP BY story_id)"
    )
    op.execute(f"DELETE FROM answers WHERE interpretation_id IN ({extra})")
    op.execute(f"DELETE FROM interpretations WHERE id IN ({extra})")
    op.create_index(
        "uq_interpretations_self",
        "interpretations",
        ["story_id"],
        unique=True,
        sqlite_where=SELF,
        postgresql_where=SELF,
    )


def downgrade() -> None:
    op.drop_index("uq_interpretations_self", table_name="interpretations")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
