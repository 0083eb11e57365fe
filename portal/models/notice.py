"""In-app notices: a message to one user on their home page (e.g. "your story was discussed")."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt, UTCDateTime, str_enum


class NoticeKind(enum.StrEnum):
    STORY_DISCUSSED = "story_discussed"


class Notice(CreatedAt, Base):
    """What the notice says is chosen by ``kind`` and rendered in the reader's language; the ids
    say what it is about. One notice per user, kind and subject (a second is not added)."""

    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "story_id", "team_session_id"),
        Index("ix_notices_user_read", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NoticeKind] = mapped_column(str_enum(NoticeKind))
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    team_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_sessions.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(200), default="")  # the story's title, kept
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
