"""Observations: an onderzoeker's saved chart with its filters, and its competing interpretations
(NarraFirma's catalysis: an observation says what a chart shows, two or more interpretations say
what it might mean)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum
from portal.models.framework import StoryKind

if TYPE_CHECKING:
    from portal.models.user import User


class Strength(enum.StrEnum):
    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"


class Observation(CreatedAt, Base):
    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[StoryKind] = mapped_column(str_enum(StoryKind))
    #: The chart as the analysis page draws it: chart kind and question keys (``slider:agency``).
    chart: Mapped[str] = mapped_column(String(200))
    #: The filters as a URL query string (``team=3&cycle_from=2``), as bookmarkable as the page.
    query: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    strength: Mapped[Strength] = mapped_column(str_enum(Strength), default=Strength.MEDIUM)

    author: Mapped[User] = relationship(lazy="raise_on_sql")
    interpretations: Mapped[list[ObservationInterpretation]] = relationship(
        back_populates="observation",
        order_by="ObservationInterpretation.position",
        cascade="all, delete-orphan",
        lazy="raise_on_sql",
    )


class ObservationInterpretation(CreatedAt, Base):
    """One of the competing readings of an observation."""

    __tablename__ = "observation_interpretations"

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    observation: Mapped[Observation] = relationship(
        back_populates="interpretations", lazy="raise_on_sql"
    )
