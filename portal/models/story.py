"""Stories: a klantmanager's reflection or a statushouder's interview."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, UTCDateTime, str_enum, utcnow
from portal.models.framework import StoryKind

if TYPE_CHECKING:
    from portal.models.cycle import Cycle
    from portal.models.framework import Framework
    from portal.models.respondent import Respondent
    from portal.models.team import Team
    from portal.models.user import User


class StoryStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class Story(CreatedAt, Base):
    __tablename__ = "stories"
    __table_args__ = (
        Index(
            "ix_stories_author_status_submitted",
            "author_id",
            "status",
            "kind",
            "withdrawn_at",
            "submitted_at",
        ),
        Index(
            "ix_stories_team_shared",
            "team_id",
            "shared_with_team",
            "status",
            "kind",
            "withdrawn_at",
            "submitted_at",
        ),
        Index("ix_stories_kind_status_cycle", "kind", "status", "cycle_id"),
        # newest first under any filter: walked in order, stopping after one page
        Index("ix_stories_kind_status_submitted", "kind", "status", "submitted_at", "id"),
        # "did this person write in this cycle?" (participation grid, home page): one index probe
        Index("ix_stories_author_cycle", "author_id", "cycle_id", "status", "withdrawn_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[StoryKind] = mapped_column(str_enum(StoryKind))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"))
    cycle_id: Mapped[int | None] = mapped_column(ForeignKey("cycles.id"), index=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    body_md: Mapped[str] = mapped_column(Text, default="")
    experienced_on: Mapped[date | None]
    status: Mapped[StoryStatus] = mapped_column(str_enum(StoryStatus), default=StoryStatus.DRAFT)
    shared_with_team: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(8), default="nl")
    translation_nl: Mapped[str] = mapped_column(Text, default="")
    translated_by: Mapped[str] = mapped_column(String(120), default="")
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("respondents.id"), index=True)
    facilitator_note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User] = relationship(lazy="raise_on_sql")
    team: Mapped[Team | None] = relationship(lazy="raise_on_sql")
    cycle: Mapped[Cycle | None] = relationship(lazy="raise_on_sql")
    framework: Mapped[Framework] = relationship(lazy="raise_on_sql")
    respondent: Mapped[Respondent | None] = relationship(lazy="raise_on_sql")

    @property
    def is_draft(self) -> bool:
        return self.status is StoryStatus.DRAFT

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
