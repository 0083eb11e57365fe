"""Respondents (pseudonymous statushouders) and their consent records.

There is deliberately no column for a name, date of birth, address or BSN."""

from __future__ import annotations

import enum
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, str_enum

if TYPE_CHECKING:
    from portal.models.user import User


class ConsentMethod(enum.StrEnum):
    SPOKEN = "spoken"
    WRITTEN = "written"


class Respondent(CreatedAt, Base):
    __tablename__ = "respondents"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    age_band: Mapped[str | None] = mapped_column(String(16))
    household_type: Mapped[str | None] = mapped_column(String(32))
    years_in_nl_band: Mapped[str | None] = mapped_column(String(16))
    language: Mapped[str | None] = mapped_column(String(8))

    owner: Mapped[User] = relationship(lazy="raise_on_sql")
    consents: Mapped[list[Consent]] = relationship(
        back_populates="respondent", order_by="Consent.id", lazy="raise_on_sql"
    )


class Consent(CreatedAt, Base):
    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), index=True
    )
    given_on: Mapped[date]
    method: Mapped[ConsentMethod] = mapped_column(str_enum(ConsentMethod))
    language: Mapped[str] = mapped_column(String(8))
    interpreter_present: Mapped[bool] = mapped_column(default=False)
    scope_research: Mapped[bool] = mapped_column(default=False)
    scope_sessions: Mapped[bool] = mapped_column(default=False)
    scope_quotes: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    withdrawn_on: Mapped[date | None]
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    respondent: Mapped[Respondent] = relationship(back_populates="consents", lazy="raise_on_sql")
    recorded_by: Mapped[User] = relationship(foreign_keys=[recorded_by_id], lazy="raise_on_sql")
    withdrawn_by: Mapped[User | None] = relationship(
        foreign_keys=[withdrawn_by_id], lazy="raise_on_sql"
    )

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None
