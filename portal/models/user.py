"""Users and their roles."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from portal.models.base import Base, CreatedAt, UTCDateTime

if TYPE_CHECKING:
    from portal.models.team import Team


class Role(enum.StrEnum):
    KLANTMANAGER = "klantmanager"
    VERHALENBEGELEIDER = "verhalenbegeleider"
    COACH = "coach"
    ONDERZOEKER = "onderzoeker"
    BEHEERDER = "beheerder"


class UserRole(Base):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(32), index=True)


class User(CreatedAt, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(5), default="nl")
    active: Mapped[bool] = mapped_column(default=True)
    research_consent: Mapped[bool] = mapped_column(default=False)
    research_consent_on: Mapped[date | None]
    #: Set only once the user confirmed a code from their app (see portal.two_factor); encrypted
    #: (``portal.accounts.secret_box``).
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The last 30-second step whose code was accepted: a code is never accepted twice.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    #: Wrong codes since the last correct password, counted server-side (not in the cookie).
    totp_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    email_reminders: Mapped[bool] = mapped_column(default=True)
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Part of every login (session and remember-me cookie); raising it ends them all
    #: (portal.accounts.sessions.end_sessions).
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    teams: Mapped[list[Team]] = relationship(
        secondary="team_members", back_populates="members", lazy="selectin"
    )
    coached_teams: Mapped[list[Team]] = relationship(
        secondary="team_coaches", back_populates="coaches", lazy="selectin"
    )

    def __init__(self, **kwargs: Any) -> None:
        roles = kwargs.pop("roles", ())
        kwargs["email"] = kwargs["email"].strip().lower()
        super().__init__(**kwargs)
        self.roles = set(roles)

    # Flask-Login
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """What the session and the remember-me cookie carry: the id and the session version,
        so a cookie from before ``end_sessions`` no longer logs anyone in."""
        return f"{self.id}:{self.session_version or 1}"

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(row.role for row in self.role_rows)

    @roles.setter
    def roles(self, value: set[str]) -> None:
        unknown = set(value) - {r.value for r in Role}
        if unknown:
            raise ValueError(f"unknown role(s): {', '.join(sorted(unknown))}")
        keep = [row for row in self.role_rows if row.role in value]
        have = {row.role for row in keep}
        self.role_rows = keep + [UserRole(role=r) for r in sorted(set(value) - have)]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(team.id for team in self.teams)

    @property
    def coached_team_ids(self) -> frozenset[int]:
        return frozenset(team.id for team in self.coached_teams)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)


class AnonymousUser:
    """The visitor who is not logged in: no roles, no teams."""

    is_active = False
    is_authenticated = False
    is_anonymous = True
    id = None
    roles: frozenset[str] = frozenset()
    team_ids: frozenset[int] = frozenset()
    coached_team_ids: frozenset[int] = frozenset()
    locale = None

    def has_role(self, *roles: str) -> bool:
        return False

    def get_id(self) -> None:
        return None
