"""Teams, their members and coaches."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt

if TYPE_CHECKING:
    from portal.models.user import User

team_members = Table(
    "team_members",
    Base.metadata,
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)

team_coaches = Table(
    "team_coaches",
    Base.metadata,
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Team(CreatedAt, Base):
    __tablename__ = "teams"
    __table_args__ = (CheckConstraint("cycle_length_days > 0", name="cycle_length_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    cycle_start: Mapped[date | None]
    cycle_length_days: Mapped[int] = mapped_column(default=14)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    #: Days before a cycle's end the reminder goes out; None: ``REMINDER_DAYS_BEFORE_END``.
    reminder_days_before_end: Mapped[int | None]

    members: Mapped[list[User]] = relationship(
        secondary=team_members, back_populates="teams", lazy="raise_on_sql"
    )
    coaches: Mapped[list[User]] = relationship(
        secondary=team_coaches, back_populates="coached_teams", lazy="raise_on_sql"
    )
