"""A klantmanager's skipped cycle (holiday, sick, other): counts as skipped, not missing."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt

SKIP_REASONS = ("vakantie", "ziek", "anders")


class CycleSkip(CreatedAt, Base):
    __tablename__ = "cycle_skips"
    __table_args__ = (UniqueConstraint("user_id", "cycle_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("cycles.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
