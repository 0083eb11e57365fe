"""Signifier frameworks and their questions."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, UTCDateTime, str_enum


class StoryKind(enum.StrEnum):
    REFLECTION = "reflection"
    INTERVIEW = "interview"


class QuestionType(enum.StrEnum):
    SLIDER = "slider"
    TRIAD = "triad"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    TEXT = "text"


class Framework(CreatedAt, Base):
    """A versioned question set; a published version never changes."""

    __tablename__ = "frameworks"
    __table_args__ = (UniqueConstraint("kind", "version"),)
    #: ``is_active`` is left to its server default, not fetched back (older schemas lack it).
    __mapper_args__ = {"eager_defaults": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[StoryKind] = mapped_column(str_enum(StoryKind))
    version: Mapped[int]
    name_nl: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Chosen by the beheerder as the version new stories of this kind use; when no version of a
    #: kind is chosen, the newest published one is active (``current_framework``).
    is_active: Mapped[bool] = mapped_column(server_default=false(), deferred=True)

    questions: Mapped[list[Question]] = relationship(
        back_populates="framework",
        order_by="Question.position",
        cascade="all, delete-orphan",
        lazy="raise_on_sql",
    )


class Question(Base):
    """One signifier. ``options`` holds choice options, slider poles or triad corners:
    a list of ``{"key": ..., "nl": ..., "en": ...}``."""

    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("framework_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("frameworks.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))
    type: Mapped[QuestionType] = mapped_column(str_enum(QuestionType))
    position: Mapped[int]
    text_nl: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    options: Mapped[list[dict]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)
    allows_na: Mapped[bool] = mapped_column(default=True)
    is_indicator: Mapped[bool] = mapped_column(default=False)

    framework: Mapped[Framework] = relationship(back_populates="questions", lazy="raise_on_sql")

    def text(self, locale: str) -> str:
        return self.text_en if locale == "en" else self.text_nl

    def option_label(self, key: str, locale: str) -> str:
        for option in self.options:
            if option["key"] == key:
                return option.get(locale) or option["nl"]
        raise KeyError(key)
