"""A team member's words on a shared story between sessions (their interpretation, if any, is an
Interpretation with role MEMBER like every other)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, UTCDateTime, utcnow

if TYPE_CHECKING:
    from portal.models.user import User


class Comment(CreatedAt, Base):
    __tablename__ = "comments"
    __table_args__ = (Index("ix_comments_story_created", "story_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    body_md: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(lazy="raise_on_sql")
