"""team sessions: sessions, participants, stories brought in, their interpretations, themes,
actions, and in-app notices (issue 17)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 17:29:44.301177
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("coach_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column(
            "method",
            sa.Enum("incident", "msc", "free", name="sessionmethod", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column(
            "anonymity",
            sa.Enum(
                "named", "coach_only", "anonymous", name="anonymity", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "planned", "open", "closed", name="sessionstatus", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("current_story_id", sa.Integer(), nullable=True),
        sa.Column("domains", sa.Text(), nullable=False),
        sa.Column("insights_md", sa.Text(), nullable=False),
        sa.Column("notes_md", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["users.id"], name=op.f("fk_team_sessions_coach_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_sessions_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_sessions")),
    )
    with op.batch_alter_table("team_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_sessions_coach_id"), ["coach_id"], unique=False)
        batch_op.create_index("ix_team_sessions_team_held", ["team_id", "held_on"], unique=False)

    op.create_table(
        "team_session_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_session_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_team_session_actions_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_session_id"],
            ["team_sessions.id"],
            name=op.f("fk_team_session_actions_team_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_session_actions")),
    )
    with op.batch_alter_table("team_session_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_session_actions_team_session_id"), ["team_session_id"], unique=False
        )

    op.create_table(
        "team_session_participants",
        sa.Column("team_session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("key_person", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_session_id"],
            ["team_sessions.id"],
            name=op.f("fk_team_session_participants_team_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_team_session_participants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "team_session_id", "user_id", name=op.f("pk_team_session_participants")
        ),
    )
    with op.batch_alter_table("team_session_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_session_participants_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "team_session_themes",
        sa.Column("team_session_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tag_id"],
            ["tags.id"],
            name=op.f("fk_team_session_themes_tag_id_tags"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_session_id"],
            ["team_sessions.id"],
            name=op.f("fk_team_session_themes_team_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_session_id", "tag_id", name=op.f("pk_team_session_themes")),
    )
    with op.batch_alter_table("team_session_themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_session_themes_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("story_discussed", name="noticekind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("team_session_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_notices_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_session_id"],
            ["team_sessions.id"],
            name=op.f("fk_notices_team_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notices_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
        sa.UniqueConstraint(
            "user_id",
            "kind",
            "story_id",
            "team_session_id",
            name=op.f("uq_notices_user_id_kind_story_id_team_session_id"),
        ),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index("ix_notices_user_read", ["user_id", "read_at"], unique=False)

    op.create_table(
        "team_session_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_session_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("resonant", sa.Boolean(), nullable=False),
        sa.Column("resonant_why", sa.Text(), nullable=False),
        sa.Column("domain", sa.String(length=120), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.Column("dissent", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_team_session_stories_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_session_id"],
            ["team_sessions.id"],
            name=op.f("fk_team_session_stories_team_session_id_team_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_session_stories")),
        sa.UniqueConstraint(
            "team_session_id",
            "story_id",
            name=op.f("uq_team_session_stories_team_session_id_story_id"),
        ),
    )
    with op.batch_alter_table("team_session_stories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_session_stories_story_id"), ["story_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_team_session_stories_team_session_id"), ["team_session_id"], unique=False
        )

    op.create_table(
        "team_session_interpretations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_story_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("interpretation_id", sa.Integer(), nullable=False),
        sa.Column("is_group", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["interpretation_id"],
            ["interpretations.id"],
            name=op.f("fk_team_session_interpretations_interpretation_id_interpretations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_story_id"],
            ["team_session_stories.id"],
            name=op.f("fk_team_session_interpretations_session_story_id_team_session_stories"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_team_session_interpretations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_session_interpretations")),
        sa.UniqueConstraint(
            "interpretation_id", name=op.f("uq_team_session_interpretations_interpretation_id")
        ),
        sa.UniqueConstraint(
            "session_story_id",
            "user_id",
            "is_group",
            name=op.f("uq_team_session_interpretations_session_story_id_user_id_is_group"),
        ),
    )
    with op.batch_alter_table("team_session_interpretations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_session_interpretations_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("team_session_interpretations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_session_interpretations_user_id"))

    op.drop_table("team_session_interpretations")
    with op.batch_alter_table("team_session_stories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_session_stories_team_session_id"))
        batch_op.drop_index(batch_op.f("ix_team_session_stories_story_id"))

    op.drop_table("team_session_stories")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_user_read")

    op.drop_table("notices")
    with op.batch_alter_table("team_session_themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_session_themes_tag_id"))

    op.drop_table("team_session_themes")
    with op.batch_alter_table("team_session_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_session_participants_user_id"))

    op.drop_table("team_session_participants")
    with op.batch_alter_table("team_session_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_session_actions_team_session_id"))

    op.drop_table("team_session_actions")
    with op.batch_alter_table("team_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_team_sessions_team_held")
        batch_op.drop_index(batch_op.f("ix_team_sessions_coach_id"))

    op.drop_table("team_sessions")
