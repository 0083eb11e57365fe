"""Reading the cells of an import file: encoding, dialect, header, dates, 0/1 flags, and a row's
answers as the signifier form would post them (so ``save_interpretation`` checks and saves them)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from portal.exports.columns import Column, ColumnModel, ColumnType
from portal.exports.writers import BOM, Dialect
from portal.models import Question, QuestionType


class ImportRefused(ValueError):
    """The whole file is refused (encoding, size, columns, already imported); fit to show."""


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            _l(
                "Het bestand is geen UTF-8 (byte %(at)s). Sla het op als 'CSV UTF-8' en lees het "
                "opnieuw in.",
                at=error.start,
            )
        ) from error
    return text.removeprefix(BOM)


def dialect_of(header_line: str) -> Dialect:
    return Dialect.EXCEL_NL if header_line.count(";") > header_line.count(",") else Dialect.CSV


def check_header(header: list[str], model: ColumnModel) -> None:
    known = {c.name: c for c in model.columns}
    unknown = [name for name in header if name not in known]
    required = [c.name for c in model.columns if not c.text and c.name not in header]
    doubled = sorted({name for name in header if header.count(name) > 1})
    problems = []
    if unknown:
        problems.append(str(_l("onbekende kolommen: %(names)s", names=", ".join(unknown))))
    if required:
        problems.append(str(_l("ontbrekende kolommen: %(names)s", names=", ".join(required))))
    if doubled:
        problems.append(str(_l("dubbele kolommen: %(names)s", names=", ".join(doubled))))
    if problems:
        raise ImportRefused(
            _l(
                "De kolommen kloppen niet met het exportformaat: %(list)s.",
                list="; ".join(problems),
            )
        )


def read_date(raw: str, name: str, errors: list[str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(str(_l("%(column)s: geen datum als 2026-01-31.", column=name)))
        return None


def flag(raw: str, name: str, errors: list[str]) -> bool:
    if raw not in ("", "0", "1"):
        errors.append(str(_l("%(column)s: alleen 0 of 1 (of leeg).", column=name)))
    return raw == "1"


def answer_form(
    questions: list[Question], columns: list[Column], cells: Mapping[str, str], errors: list[str]
) -> MultiDict:
    """The row's answers as the signifier form would post them (for ``save_interpretation``)."""
    form: MultiDict = MultiDict()
    asked = {q.key: q for q in questions}
    for column in columns:
        raw = cells.get(column.name, "")
        if column.question is None or not raw:
            continue
        q = asked.get(column.question)
        if q is None:
            errors.append(
                str(_l("%(column)s: deze vraag hoort niet bij deze versie.", column=column.name))
            )
            continue
        name = f"q-{q.key}"
        if column.part == "nvt":
            if flag(raw, column.name, errors):
                form.add(f"{name}-na", "1")
        elif column.part == "value":
            form.add(name, raw)
            form.add(f"{name}-set", "1")
        elif column.part in ("a", "b", "c"):
            form.add(f"{name}-{column.part}", raw)
        elif column.type is ColumnType.CHOICE:
            if raw not in {o["key"] for o in q.options}:
                errors.append(
                    str(
                        _l(
                            "%(column)s: de optie '%(option)s' bestaat niet.",
                            column=column.name,
                            option=raw,
                        )
                    )
                )
            form.add(name, raw)
        elif column.type is ColumnType.BOOLEAN:
            if flag(raw, column.name, errors):
                if column.part not in {o["key"] for o in q.options}:
                    errors.append(
                        str(
                            _l(
                                "%(column)s: deze optie hoort niet bij deze versie.",
                                column=column.name,
                            )
                        )
                    )
                form.add(name, column.part)
        elif q.type is QuestionType.TEXT:
            form.add(name, raw)
    for q in questions:
        # A slider or triad that is n.v.t. has no values beside it.
        if form.get(f"q-{q.key}-na") and any(
            form.get(f"q-{q.key}{suffix}") for suffix in ("", "-a", "-b", "-c")
        ):
            errors.append(str(_l("%(key)s: n.v.t. en een waarde tegelijk.", key=q.key)))
    return form
