"""stories: an index on (kind, status, submitted_at, id), so a filtered list newest first walks it and
stops after one page instead of sorting every submitted story (drill-down, team list)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 21:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_stories_kind_status_submitted",
        "stories",
        ["kind", "status", "submitted_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_stories_kind_status_submitted", table_name="stories")
