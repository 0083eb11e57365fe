"""One-time links to set a password (an invitation or a reset), kept server-side.

Only a hash of the token is stored; a link works until it expires or is used, once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt, UTCDateTime


class PasswordLink(CreatedAt, Base):
    __tablename__ = "password_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: SHA-256 of the token in the link (hex); the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: ``invite`` (made by a beheerder or the command line) or ``reset`` (asked for by the user).
    purpose: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
