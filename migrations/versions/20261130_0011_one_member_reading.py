"""one member interpretation (a team member's reading between sessions) per person per story

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


MEMBER = sa.text("role = 'member'")


def upgrade() -> None:
    # a race could have made a second reading of one person; keep the first (the one shown)
    extra = (
        "SELECT id FROM interpretations WHERE role = 'member' AND id NOT IN "
        "(SELECT MIN(id) FROM interpretations WHERE role = 'member' GROUP BY story_id, user_id)"
    )
    op.execute(f"DELETE FROM answers WHERE interpretation_id IN ({extra})")
    op.execute(f"DELETE FROM interpretations WHERE id IN ({extra})")
    op.create_index(
        "uq_interpretations_member",
        "interpretations",
        ["story_id", "user_id"],
        unique=True,
        sqlite_where=MEMBER,
        postgresql_where=MEMBER,
    )


def downgrade() -> None:
    op.drop_index("uq_interpretations_member", table_name="interpretations")
