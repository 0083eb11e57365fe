"""Interpretations (one person's signification of a story) and their typed answers."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum

if TYPE_CHECKING:
    from portal.models.framework import Question
    from portal.models.story import Story
    from portal.models.user import User


class InterpretationRole(enum.StrEnum):
    SELF = "self"  # the author's own (or, for interviews, the statushouder's own)
    MEMBER = "member"  # a team member between sessions
    SESSION = "session"  # made during a team session


class Interpretation(CreatedAt, Base):
    __tablename__ = "interpretations"
    __table_args__ = (
        Index("ix_interpretations_story_role", "story_id", "role"),
        # one self-interpretation per story (issue 14, defect 6)
        Index(
            "uq_interpretations_self",
            "story_id",
            unique=True,
            sqlite_where=text("role = 'self'"),
            postgresql_where=text("role = 'self'"),
        ),
        # one reading per team member per story between sessions (two tabs saving at once share
        # it); SESSION interpretations are one per person per session story, kept apart
        Index(
            "uq_interpretations_member",
            "story_id",
            "user_id",
            unique=True,
            sqlite_where=text("role = 'member'"),
            postgresql_where=text("role = 'member'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[InterpretationRole] = mapped_column(
        str_enum(InterpretationRole), default=InterpretationRole.SELF
    )
    comment_md: Mapped[str] = mapped_column(Text, default="")

    story: Mapped[Story] = relationship(lazy="raise_on_sql")
    user: Mapped[User] = relationship(lazy="raise_on_sql")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="interpretation", cascade="all, delete-orphan", lazy="raise_on_sql"
    )


class Answer(Base):
    """One answer in typed columns, so SQL can aggregate: ``value`` for a slider, ``a``/``b``/``c``
    for a triad, ``choice`` (one row per chosen option), ``text``, or ``not_applicable``."""

    __tablename__ = "answers"
    __table_args__ = (
        Index("ix_answers_question_interpretation", "question_id", "interpretation_id"),
        CheckConstraint("value IS NULL OR (value >= 0 AND value <= 100)", name="value_range"),
        CheckConstraint(
            "(a IS NULL AND b IS NULL AND c IS NULL) OR "
            "(a >= 0 AND b >= 0 AND c >= 0 AND a + b + c = 100)",
            name="triad_sum",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    interpretation_id: Mapped[int] = mapped_column(
        ForeignKey("interpretations.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    value: Mapped[int | None]
    a: Mapped[int | None]
    b: Mapped[int | None]
    c: Mapped[int | None]
    choice: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)
    not_applicable: Mapped[bool] = mapped_column(default=False)

    interpretation: Mapped[Interpretation] = relationship(
        back_populates="answers", lazy="raise_on_sql"
    )
    question: Mapped[Question] = relationship(lazy="raise_on_sql")
