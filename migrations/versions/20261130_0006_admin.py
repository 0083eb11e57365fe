"""beheer in the browser (issue 16): one-time set-password links kept server-side; a team's
own reminder day; two-factor recovery codes, the
TOTP secret encrypted (users.totp_secret_sealed) and wrong codes counted server-side;
the active framework version chosen per kind; question texts in the languages of the telling

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "password_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_password_links_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_password_links"),
        sa.UniqueConstraint("token_hash", name="uq_password_links_token_hash"),
    )
    op.create_index("ix_password_links_user_id", "password_links", ["user_id"])
    # Plain ADD COLUMN, never a batch table copy: on SQLite a copy drops the old table, and
    # dropping frameworks or users would cascade-delete their questions, roles and memberships.
    op.add_column("teams", sa.Column("reminder_days_before_end", sa.Integer(), nullable=True))
    op.add_column(
        "users", sa.Column("totp_failures", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("users", sa.Column("totp_secret_sealed", sa.String(length=255), nullable=True))
    op.add_column(
        "frameworks",
        sa.Column("is_active", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "recovery_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_recovery_codes_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_recovery_codes"),
        sa.UniqueConstraint("user_id", "code_hash", name="uq_recovery_codes_user_id_code_hash"),
    )
    op.create_index("ix_recovery_codes_user_id", "recovery_codes", ["user_id"])
    op.create_table(
        "question_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name="fk_question_translations_question_id_questions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_question_translations"),
        sa.UniqueConstraint(
            "question_id", "lang", name="uq_question_translations_question_id_lang"
        ),
    )
    op.create_index(
        "ix_question_translations_question_id", "question_translations", ["question_id"]
    )


def downgrade() -> None:
    op.drop_table("question_translations")
    op.drop_table("recovery_codes")
    op.drop_column("frameworks", "is_active")
    op.drop_column("users", "totp_secret_sealed")
    op.drop_column("users", "totp_failures")
    op.drop_column("teams", "reminder_days_before_end")
    op.drop_table("password_links")
