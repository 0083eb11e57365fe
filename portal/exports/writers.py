"""Writers for CSV (UTF-8, and the Dutch-Excel dialect) and XLSX, streamed in pieces.

Cells that a spreadsheet would take as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) get a leading apostrophe (CWE-1236); the import takes it off again."""

from __future__ import annotations

import csv
import enum
import io
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date

import xlsxwriter

from portal.exports.columns import Column, ColumnType
from portal.exports.rows import Value

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PIECE = 64 * 1024
BOM = "\ufeff"


class Dialect(enum.StrEnum):
    CSV = "csv"  # UTF-8, comma, decimal point
    EXCEL_NL = "excel-nl"  # semicolon, decimal comma, with a byte-order mark for Excel


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unneutralise(text: str) -> str:
    """The import's inverse of :func:`neutralise`."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def csv_cell(value: Value | float, dialect: Dialect) -> str:
    kind = type(value)
    if kind is str:
        return neutralise(value)  # type: ignore[arg-type]
    if kind is int:
        return str(value)
    if value is None:
        return ""
    if kind is bool:
        return "1" if value else "0"
    if kind is float:
        text = repr(value)
        return text.replace(".", ",") if dialect is Dialect.EXCEL_NL else text
    if isinstance(value, date):
        return value.isoformat()
    return neutralise(str(value))


def csv_pieces(
    columns: list[Column], rows: Iterable[list[Value]], dialect: Dialect = Dialect.CSV
) -> Iterator[bytes]:
    """The CSV file in pieces of about 64 kB (header first)."""
    buffer = io.StringIO()
    delimiter = ";" if dialect is Dialect.EXCEL_NL else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if dialect is Dialect.EXCEL_NL:
        buffer.write(BOM)
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([csv_cell(v, dialect) for v in row])
        if buffer.tell() >= PIECE:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def xlsx_pieces(columns: list[Column], rows: Iterable[list[Value]], sheet: str) -> Iterator[bytes]:
    """The XLSX file, written row by row with XlsxWriter's constant-memory mode into a temporary
    file (a zip is complete only at the end), then read out in pieces."""
    with tempfile.TemporaryFile() as out:
        workbook = xlsxwriter.Workbook(
            out,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        worksheet = workbook.add_worksheet(sheet[:31])
        bold = workbook.add_format({"bold": True})
        for x, column in enumerate(columns):
            worksheet.write_string(0, x, column.name, bold)
        for y, row in enumerate(rows, start=1):
            for x, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    worksheet.write_string(y, x, neutralise(value))
                elif isinstance(value, date):
                    worksheet.write_datetime(y, x, value)
                else:
                    worksheet.write_number(y, x, value)
        worksheet.freeze_panes(1, 0)
        workbook.close()
        out.seek(0)
        while piece := out.read(PIECE):
            yield piece


def is_numeric(column: Column) -> bool:
    return column.type in (ColumnType.INTEGER, ColumnType.BOOLEAN)
