"""prompt questions and cycle skips

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "prompt_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text_nl", sa.Text(), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_prompt_questions_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prompt_questions")),
    )
    op.create_index(
        op.f("ix_prompt_questions_team_id"), "prompt_questions", ["team_id"], unique=False
    )
    op.create_table(
        "cycle_skips",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_cycle_skips_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycles.id"],
            name=op.f("fk_cycle_skips_cycle_id_cycles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_skips")),
        sa.UniqueConstraint("user_id", "cycle_id", name=op.f("uq_cycle_skips_user_id_cycle_id")),
    )
    op.create_index(op.f("ix_cycle_skips_user_id"), "cycle_skips", ["user_id"], unique=False)
    op.create_index(op.f("ix_cycle_skips_cycle_id"), "cycle_skips", ["cycle_id"], unique=False)
    op.create_index(
        "ix_stories_author_cycle",
        "stories",
        ["author_id", "cycle_id", "status", "withdrawn_at"],
        unique=False,
    )
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("skipped_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_index("ix_stories_author_cycle", table_name="stories")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_column("skipped_at")
    op.drop_index(op.f("ix_cycle_skips_cycle_id"), table_name="cycle_skips")
    op.drop_index(op.f("ix_cycle_skips_user_id"), table_name="cycle_skips")
    op.drop_table("cycle_skips")
    op.drop_index(op.f("ix_prompt_questions_team_id"), table_name="prompt_questions")
    op.drop_table("prompt_questions")
