"""the tag vocabulary (a description and retirement per tag) and observations brought into team
sessions (issue 15)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch table copy: on SQLite a copy drops the old table, and
    # dropping tags would cascade-delete every story's tags.
    op.add_column("tags", sa.Column("description", sa.Text(), nullable=False, server_default=""))
    op.add_column("tags", sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "team_session_observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_session_id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["users.id"],
            name=op.f("fk_team_session_observations_added_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["observation_id"],
            ["observations.id"],
            name=op.f("fk_team_session_observations_observation_id_observations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_session_id"],
            ["team_sessions.id"],
            name=op.f("fk_team_session_observations_team_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_session_observations")),
        sa.UniqueConstraint(
            "team_session_id",
            "observation_id",
            name=op.f("uq_team_session_observations_team_session_id_observation_id"),
        ),
    )
    op.create_index(
        op.f("ix_team_session_observations_observation_id"),
        "team_session_observations",
        ["observation_id"],
    )
    op.create_index(
        op.f("ix_team_session_observations_team_session_id"),
        "team_session_observations",
        ["team_session_id"],
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_team_session_observations_team_session_id"),
        table_name="team_session_observations",
    )
    op.drop_index(
        op.f("ix_team_session_observations_observation_id"),
        table_name="team_session_observations",
    )
    op.drop_table("team_session_observations")
    op.drop_column("tags", "retired_at")
    op.drop_column("tags", "description")
