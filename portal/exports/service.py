"""One export: check the key, count the rows, write the audit event, then stream the file.

The caller commits after :func:`start_export` (the audit event), and then sends the pieces."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import LargeBinary, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from portal import policy
from portal.core import audit
from portal.exports import pseudonyms
from portal.exports.columns import ColumnModel, column_model
from portal.exports.rows import count_rows, export_clause, iter_rows
from portal.exports.sav import sav_pieces
from portal.exports.writers import Dialect, csv_pieces, xlsx_pieces
from portal.models import Answer, Interpretation, Question, QuestionType, Story, StoryKind


class Format(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    SAV = "sav"


MIMETYPES = {
    Format.CSV: "text/csv; charset=utf-8",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.SAV: "application/x-spss-sav",
}


@dataclass
class ExportRequest:
    kind: StoryKind
    format: Format
    dialect: Dialect = Dialect.CSV
    with_text: bool = False
    filter_clause: ColumnElement[bool] | None = None
    filters: Mapping[str, Any] | None = None  # the filter as URL arguments, for the audit log
    locale: str = "nl"


@dataclass
class Export:
    filename: str
    mimetype: str
    rows: int
    pieces: Iterator[bytes]


def _byte_length(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return func.octet_length(column)
    return func.length(cast(column, LargeBinary))


def text_widths(
    session: Session, model: ColumnModel, clause: ColumnElement[bool]
) -> dict[str, int]:
    """The longest text of each text column in bytes (a .sav declares string widths first)."""
    texts = [c for c in model.columns if c.text]
    if not texts:
        return {}
    quotable = (clause, policy.text_exportable())
    width = _byte_length
    stories = session.execute(
        select(
            func.max(width(session, Story.title)),
            func.max(width(session, Story.body_md)),
            func.max(width(session, Story.translation_nl)),
        ).where(*quotable)
    ).one()
    comment = session.scalar(
        select(func.max(width(session, Interpretation.comment_md)))
        .join(Story, Story.id == Interpretation.story_id)
        .where(*quotable)
    )
    answers = dict(
        session.execute(
            select(Question.key, func.max(width(session, Answer.text)))
            .join(Answer, Answer.question_id == Question.id)
            .join(Interpretation, Interpretation.id == Answer.interpretation_id)
            .join(Story, Story.id == Interpretation.story_id)
            .where(Question.type == QuestionType.TEXT, *quotable)
            .group_by(Question.key)
        ).all()
    )
    found = {
        "title": stories[0],
        "text": stories[1],
        "translation_nl": stories[2],
        "comment": comment,
        **answers,
    }
    return {c.name: int(found.get(c.name) or 1) for c in texts}


def start_export(session: Session, user: Any, request: ExportRequest, config: Mapping) -> Export:
    """Raises :class:`pseudonyms.PseudonymKeyMissing` before anything is written."""
    key = pseudonyms.pseudonym_key(config)
    clause = export_clause(user, request.kind, request.filter_clause)
    model = column_model(session, request.kind, with_text=request.with_text)
    rows = count_rows(session, clause)
    audit.record(
        session,
        user,
        "export",
        kind=str(request.kind),
        format=str(request.format),
        dialect=str(request.dialect) if request.format is Format.CSV else None,
        text=request.with_text,
        filters=dict(request.filters or {}),
        rows=rows,
    )
    stream = iter_rows(session, model, clause, key)
    name = f"{request.kind}s"
    if request.format is Format.CSV:
        pieces = csv_pieces(model.columns, stream, request.dialect)
    elif request.format is Format.XLSX:
        pieces = xlsx_pieces(model.columns, stream, sheet=name)
    else:
        widths = text_widths(session, model, clause)
        label = f"Reflectieportaal: {name}"
        pieces = sav_pieces(
            model.columns, stream, text_widths=widths, locale=request.locale, file_label=label
        )
    suffix = (
        "-excel-nl" if request.dialect is Dialect.EXCEL_NL and request.format is Format.CSV else ""
    )
    return Export(f"{name}{suffix}.{request.format}", MIMETYPES[request.format], rows, pieces)
