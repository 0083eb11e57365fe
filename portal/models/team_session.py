"""Team sessions (intervision): the session, its participants, the stories brought in, the
interpretations made in it, its themes and its actions. Never just "session" (STYLE.md)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, CreatedAt, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from portal.models.interpretation import Interpretation
    from portal.models.observation import Observation
    from portal.models.story import Story
    from portal.models.team import Team
    from portal.models.user import User


class SessionMethod(enum.StrEnum):
    INCIDENT = "incident"  # incidentmethode
    MSC = "msc"  # meest significante verandering
    FREE = "free"


class Anonymity(enum.StrEnum):
    NAMED = "named"  # names shown to everyone who reads the session
    COACH_ONLY = "coach_only"  # names shown to the coach only
    ANONYMOUS = "anonymous"  # names shown to nobody


class SessionStatus(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"


team_session_themes = Table(
    "team_session_themes",
    Base.metadata,
    Column("team_session_id", ForeignKey("team_sessions.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class TeamSession(CreatedAt, Base):
    __tablename__ = "team_sessions"
    __table_args__ = (Index("ix_team_sessions_team_held", "team_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    coach_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    method: Mapped[SessionMethod] = mapped_column(str_enum(SessionMethod))
    anonymity: Mapped[Anonymity] = mapped_column(str_enum(Anonymity), default=Anonymity.NAMED)
    status: Mapped[SessionStatus] = mapped_column(
        str_enum(SessionStatus), default=SessionStatus.PLANNED
    )
    phase: Mapped[int] = mapped_column(default=0)  # index into the method's phases
    current_story_id: Mapped[int | None]  # a TeamSessionStory id (no FK: stories may go)
    domains: Mapped[str] = mapped_column(Text, default="")  # MSC: domains of change, one a line
    insights_md: Mapped[str] = mapped_column(Text, default="")
    notes_md: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    team: Mapped[Team] = relationship(lazy="raise_on_sql")
    coach: Mapped[User] = relationship(lazy="raise_on_sql")
    participants: Mapped[list[TeamSessionParticipant]] = relationship(
        back_populates="team_session", cascade="all, delete-orphan", lazy="raise_on_sql"
    )
    stories: Mapped[list[TeamSessionStory]] = relationship(
        back_populates="team_session",
        cascade="all, delete-orphan",
        order_by="TeamSessionStory.position",
        lazy="raise_on_sql",
    )
    actions: Mapped[list[TeamSessionAction]] = relationship(
        back_populates="team_session",
        cascade="all, delete-orphan",
        order_by="TeamSessionAction.id",
        lazy="raise_on_sql",
    )

    @property
    def participant_ids(self) -> frozenset[int]:
        return frozenset(p.user_id for p in self.participants)


class TeamSessionParticipant(CreatedAt, Base):
    """A person taking part: a team member, or a verhalenbegeleider as key person."""

    __tablename__ = "team_session_participants"

    team_session_id: Mapped[int] = mapped_column(
        ForeignKey("team_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    key_person: Mapped[bool] = mapped_column(default=False)

    team_session: Mapped[TeamSession] = relationship(
        back_populates="participants", lazy="raise_on_sql"
    )
    user: Mapped[User] = relationship(lazy="raise_on_sql")


class TeamSessionStory(CreatedAt, Base):
    """A story brought into a session, in order, with the reason; revealed per story; resonant
    (and why) and, for the most-significant-change method, its domain and the group's choice.
    ``proposed_by_id``: the participant who proposed it (most significant change); none when the
    coach brought it in."""

    __tablename__ = "team_session_stories"
    __table_args__ = (UniqueConstraint("team_session_id", "story_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_session_id: Mapped[int] = mapped_column(
        ForeignKey("team_sessions.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    revealed: Mapped[bool] = mapped_column(default=False)
    resonant: Mapped[bool] = mapped_column(default=False)
    resonant_why: Mapped[str] = mapped_column(Text, default="")
    domain: Mapped[str] = mapped_column(String(120), default="")
    chosen: Mapped[bool] = mapped_column(default=False)
    dissent: Mapped[str] = mapped_column(Text, default="")

    team_session: Mapped[TeamSession] = relationship(back_populates="stories", lazy="raise_on_sql")
    story: Mapped[Story] = relationship(lazy="raise_on_sql")
    proposed_by: Mapped[User | None] = relationship(lazy="raise_on_sql")


class TeamSessionObservation(CreatedAt, Base):
    """An observation from the analysis brought into a session by its coach, with the reason;
    part of the session's record (frozen with it when the session closes)."""

    __tablename__ = "team_session_observations"
    __table_args__ = (UniqueConstraint("team_session_id", "observation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_session_id: Mapped[int] = mapped_column(
        ForeignKey("team_sessions.id", ondelete="CASCADE"), index=True
    )
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    observation: Mapped[Observation] = relationship(lazy="raise_on_sql")


class TeamSessionInterpretation(CreatedAt, Base):
    """Links an interpretation (role SESSION) to the session story it was made for: one per person
    per story per session (``is_group``: the group's, entered by the coach)."""

    __tablename__ = "team_session_interpretations"
    __table_args__ = (UniqueConstraint("session_story_id", "user_id", "is_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_story_id: Mapped[int] = mapped_column(
        ForeignKey("team_session_stories.id", ondelete="CASCADE")
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    interpretation_id: Mapped[int] = mapped_column(
        ForeignKey("interpretations.id", ondelete="CASCADE"), unique=True
    )
    is_group: Mapped[bool] = mapped_column(default=False)

    interpretation: Mapped[Interpretation] = relationship(lazy="raise_on_sql")


class TeamSessionAction(CreatedAt, Base):
    """An action agreed in a session; an open one carries over to the team's next session."""

    __tablename__ = "team_session_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_session_id: Mapped[int] = mapped_column(
        ForeignKey("team_sessions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    due_on: Mapped[date | None]
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    team_session: Mapped[TeamSession] = relationship(back_populates="actions", lazy="raise_on_sql")
    owner: Mapped[User | None] = relationship(lazy="raise_on_sql")

    @property
    def done(self) -> bool:
        return self.done_at is not None
