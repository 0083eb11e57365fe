"""Imported files and the stories they added (DESIGN §7, export and import).

A file is known by its SHA-256, so the same file is never imported twice. An imported story keeps
the story pseudonym it had in the file it came from (``source_key``), so an export of it gives the
same ``story`` column as the export that was imported."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, CreatedAt


class ImportBatch(CreatedAt, Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(200), default="")
    rows: Mapped[int] = mapped_column(default=0)


class ImportedStory(Base):
    __tablename__ = "imported_stories"

    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
    )
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), index=True
    )
    source_key: Mapped[str | None] = mapped_column(String(16), unique=True)
