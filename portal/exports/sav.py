"""An SPSS system file (.sav) written as a stream: the dictionary first, then the cases one chunk
at a time with the format's bytecode compression, so memory stays flat whatever the number of rows.

pyreadstat writes a whole data frame at once (no appending), so it cannot stream; it is used in
the tests to read these files back. The layout follows the public description of the format (as
PSPP documents it and ReadStat writes it): a header, one variable record per 8-byte slot (strings
over 255 bytes in 255-byte segments, described by a very-long-string record), variable labels
(question texts), value labels (options, poles, yes/no), the long names (the export's column
names), UTF-8 as the character set, and compressed cases. The header says the number of cases is
unknown (-1), which the format allows, so nothing has to be counted before writing."""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from portal.exports.columns import Column, ColumnType
from portal.exports.rows import Value

SPSS_EPOCH = date(1582, 10, 14)
SYSMIS = -1.7976931348623157e308  # -DBL_MAX
SYSMIS_BYTES = struct.pack("<d", SYSMIS)
HIGHEST = 1.7976931348623157e308
LOWEST_BYTES = bytes.fromhex("feffffffffffefff")  # the next double above -DBL_MAX, little-endian
MAX_SHORT = 255
SEGMENT = 252  # a very long string is cut into segments that each hold up to 252 bytes
MAX_WIDTH = 32_767
FORMAT_F = 5
FORMAT_A = 1
FORMAT_DATE = 20
BIAS = 100
PIECE = 64 * 1024
#: Strings that are not story texts get a fixed width (in bytes).
FIXED_WIDTHS = {
    "story": 12,
    "author": 12,
    "interpreter": 12,
    "respondent": 16,
    "language": 8,
    "team": 120,
    "interpretation": 8,
}


def _i32(*values: int) -> bytes:
    return struct.pack(f"<{len(values)}i", *values)


def _fmt(kind: int, width: int, decimals: int = 0) -> int:
    return (kind << 16) | (min(width, 255) << 8) | decimals


def _clip(text: str, limit: int) -> bytes:
    """UTF-8 bytes of ``text``, at most ``limit`` of them, never cutting a character in two."""
    raw = text.encode()
    if len(raw) <= limit:
        return raw
    return raw[:limit].decode(errors="ignore").encode()


def _pad(raw: bytes, size: int, fill: bytes = b" ") -> bytes:
    return raw + fill * (size - len(raw))


@dataclass
class SavVariable:
    column: Column
    short: str
    width: int  # 0 for a number, else the string's width in bytes
    codes: dict[str, int] | None = None  # a choice: option key → its numeric code

    @property
    def segments(self) -> list[int]:
        """The widths of the string's segments (one for a short string)."""
        if self.width <= MAX_SHORT:
            return [self.width]
        n = -(-self.width // SEGMENT)
        return [MAX_SHORT] * (n - 1) + [self.width - (n - 1) * SEGMENT]

    @property
    def storage(self) -> int:
        """Bytes of a case this variable takes."""
        if not self.width:
            return 8
        return sum(-(-w // 8) * 8 for w in self.segments)

    def encode(self, value: Value) -> bytes:
        if not self.width:
            if value is None:
                return SYSMIS_BYTES
            if isinstance(value, date):
                return struct.pack("<d", (value - SPSS_EPOCH).days * 86400.0)
            return struct.pack("<d", float(value))
        raw = _clip(str(value), self.width) if value is not None else b""
        out = bytearray()
        for i, w in enumerate(self.segments):
            piece = raw[i * MAX_SHORT : (i + 1) * MAX_SHORT] if len(self.segments) > 1 else raw
            out += _pad(piece, -(-w // 8) * 8)
        return bytes(out)


def sav_variables(columns: list[Column], text_widths: dict[str, int]) -> list[SavVariable]:
    variables = []
    for i, column in enumerate(columns, start=1):
        width = 0
        if column.type is ColumnType.STRING:
            width = FIXED_WIDTHS.get(column.name) or text_widths.get(column.name, 1)
            width = max(1, min(width, MAX_WIDTH))
        codes = None
        if column.type is ColumnType.CHOICE:
            codes = {o.key: n for n, o in enumerate(column.options, start=1)}
        variables.append(SavVariable(column, f"V{i}", width, codes))
    return variables


def _variable_records(var: SavVariable, label: str) -> bytes:
    out = bytearray()
    label_raw = _clip(label, 255)
    if not var.width:
        kind = FORMAT_DATE if var.column.type is ColumnType.DATE else FORMAT_F
        fmt = _fmt(kind, 11) if kind == FORMAT_DATE else _fmt(FORMAT_F, 8)
        out += _i32(2, 0, 1 if label_raw else 0, 0, fmt, fmt)
        out += _pad(var.short.encode(), 8)
        if label_raw:
            out += _i32(len(label_raw)) + _pad(label_raw, -(-len(label_raw) // 4) * 4)
        return bytes(out)
    for n, w in enumerate(var.segments):
        fmt = _fmt(FORMAT_A, w)
        has_label = 1 if (n == 0 and label_raw) else 0
        out += _i32(2, w, has_label, 0, fmt, fmt) + _pad(var.short.encode(), 8)
        if has_label:
            out += _i32(len(label_raw)) + _pad(label_raw, -(-len(label_raw) // 4) * 4)
        for _ in range(-(-w // 8) - 1):  # continuation slots of this segment
            out += _i32(2, -1, 0, 0, 0, 0) + b" " * 8
    return bytes(out)


def _value_labels(var: SavVariable, slot: int, locale: str) -> bytes:
    labels = var.column.value_labels(locale)
    if var.width or not labels:
        return b""
    out = bytearray(_i32(3, len(labels)))
    for value, text in labels.items():
        raw = _clip(text, 120)
        out += struct.pack("<d", float(value)) + bytes([len(raw)])
        out += _pad(raw, -(-(len(raw) + 1) // 8) * 8 - 1)
    out += _i32(4, 1, slot)
    return bytes(out)


def _extension(subtype: int, size: int, data: bytes) -> bytes:
    return _i32(7, subtype, size, len(data) // size) + data


def dictionary(variables: list[SavVariable], *, locale: str, file_label: str) -> bytes:
    slots = sum(v.storage for v in variables) // 8
    header = bytearray(b"$FL2")
    header += _pad(b"@(#) SPSS DATA FILE - Reflectieportaal", 60)
    header += _i32(2, slots, 1, 0, -1) + struct.pack("<d", float(BIAS))
    header += b"01 Jan 26" + b"00:00:00"  # a fixed moment: the same data gives the same file
    header += _pad(_clip(file_label, 64), 64) + b"\0\0\0"
    out = bytearray(header)
    labels = bytearray()
    slot = 1
    for var in variables:
        out += _variable_records(var, var.column.label(locale))
        labels += _value_labels(var, slot, locale)
        slot += var.storage // 8
    out += labels
    out += _extension(3, 4, _i32(1, 0, 0, -1, 1, 1, 2, 65001))
    out += _extension(4, 8, SYSMIS_BYTES + struct.pack("<d", HIGHEST) + LOWEST_BYTES)
    names = "\t".join(f"{v.short}={v.column.name}" for v in variables).encode()
    out += _extension(13, 1, names)
    long_strings = b"".join(
        f"{v.short}={v.width:05d}".encode() + b"\0\t" for v in variables if v.width > MAX_SHORT
    )
    if long_strings:
        out += _extension(14, 1, long_strings)
    out += _extension(20, 1, b"UTF-8")
    out += _i32(999, 0)
    return bytes(out)


def _compress(variables: list[SavVariable], row: list[Value]) -> bytes:
    """One case in the bytecode compression: groups of 8 control bytes, each group followed by
    the raw 8-byte blocks its 253 codes announce; a case starts a new group."""
    codes: list[int] = []
    blocks: list[bytes] = []
    out = bytearray()

    def flush() -> None:
        out.extend(bytes(codes) + bytes(8 - len(codes)))
        for block in blocks:
            out.extend(block)
        codes.clear()
        blocks.clear()

    def emit(code: int, block: bytes | None = None) -> None:
        codes.append(code)
        if block is not None:
            blocks.append(block)
        if len(codes) == 8:
            flush()

    for var, value in zip(variables, row, strict=True):
        if var.codes is not None and value is not None:
            value = var.codes.get(str(value))
        if not var.width:
            if value is None:
                emit(255)
            elif (
                isinstance(value, int)
                and not isinstance(value, bool)
                and -BIAS < value < 252 - BIAS
            ):
                emit(value + BIAS)
            else:
                emit(253, var.encode(value))
            continue
        data = var.encode(value)
        for at in range(0, len(data), 8):
            block = data[at : at + 8]
            if block == b"        ":
                emit(254)
            else:
                emit(253, block)
    if codes:
        flush()
    return bytes(out)


def sav_pieces(
    columns: list[Column],
    rows: Iterable[list[Value]],
    *,
    text_widths: dict[str, int],
    locale: str = "nl",
    file_label: str = "",
) -> Iterator[bytes]:
    variables = sav_variables(columns, text_widths)
    buffer = bytearray(dictionary(variables, locale=locale, file_label=file_label))
    for row in rows:
        buffer += _compress(variables, row)
        if len(buffer) >= PIECE:
            yield bytes(buffer)
            buffer.clear()
    yield bytes(buffer)
