"""A question's text and option labels in a language of the telling (Arabic, Tigrinya, …), so a
statushouder reads the signifiers in their own language; Dutch where one is missing."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt


class QuestionTranslation(CreatedAt, Base):
    __tablename__ = "question_translations"
    __table_args__ = (UniqueConstraint("question_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")
    #: option key → label in this language (poles, corners and choice options)
    options: Mapped[dict] = mapped_column(JSON, default=dict)
