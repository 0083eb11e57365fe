"""the tag vocabulary: a description and retirement per tag (issue 15)

Revision ID: 0010_tag_vocabulary
Revises: 0009
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_tag_vocabulary"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch table copy: on SQLite a copy drops the old table, and
    # dropping tags would cascade-delete every story's tags.
    op.add_column("tags", sa.Column("description", sa.Text(), nullable=False, server_default=""))
    op.add_column("tags", sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("tags", "retired_at")
    op.drop_column("tags", "description")
