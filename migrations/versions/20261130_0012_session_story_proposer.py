"""team session stories: who proposed the story (most significant change: each participant
proposes stories from their own device; none when the coach brought it in)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team_session_stories", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_team_session_stories_proposed_by_id_users"),
            "users",
            ["proposed_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            batch_op.f("ix_team_session_stories_proposed_by_id"), ["proposed_by_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("team_session_stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_session_stories_proposed_by_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_team_session_stories_proposed_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("proposed_by_id")
