"""Input at the edge (issue 14, defect 5): no request can reach the database with an integer it
cannot hold or a NUL byte PostgreSQL refuses, whatever route it is sent to.

- ``<int:…>`` in every URL rule is :class:`BoundedIntConverter`: past ``MAX_ID`` the URL does not
  match, so the answer is 404 like any unknown object.
- Query strings and forms are parsed into :class:`SafeMultiDict`: NUL bytes are stripped from every
  key and value, and ``.get(name, type=int)`` treats an integer out of range like a malformed one
  (the default), as Werkzeug does for ``"abc"``.
- :func:`int_arg` is the strict variant for views that must answer 400 to a bad field,
  :func:`bounded_int` the ``coerce`` of WTForms choice and integer fields, and
  :func:`positive_id` an object's id picked in a hand-written form.
- A before-request check answers 404 to a NUL in the path and 400 to one in a JSON body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter, Map

#: The largest id any table holds (PostgreSQL ``integer``); larger numbers are never an object.
MAX_ID = 2**31 - 1
NUL = "\x00"


def _clean(value: Any) -> Any:
    return value.replace(NUL, "") if isinstance(value, str) else value


def in_range(number: int) -> bool:
    return -MAX_ID - 1 <= number <= MAX_ID


def bounded_int(value: Any) -> int:
    """``int(value)`` within the range of a database integer; ValueError otherwise."""
    if isinstance(value, str) and len(value.strip()) > 12:
        raise ValueError("number too long")
    number = int(value)
    if not in_range(number):
        raise ValueError("number out of range")
    return number


class SafeMultiDict(ImmutableMultiDict):
    """Parsed query strings and forms: NUL bytes gone, ``type=int`` bounded."""

    def __init__(self, mapping: Any = None) -> None:
        items = MultiDict(mapping).items(multi=True)
        super().__init__([(_clean(key), _clean(value)) for key, value in items])

    def get(  # type: ignore[override]
        self,
        key: str,
        default: Any = None,
        type: Callable[[Any], Any] | None = None,
    ) -> Any:
        return super().get(key, default, bounded_int if type is int else type)


class PortalRequest(Request):
    parameter_storage_class = SafeMultiDict


class BoundedIntConverter(IntegerConverter):
    """``<int:…>``: digits up to ``MAX_ID``; a larger number does not match (404)."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits, min, max if max is not None else MAX_ID, signed)


def positive_id(raw: str) -> int | None:
    """An object's id typed into a form: ASCII digits, above 0 and within a database integer;
    None for anything else ("abc", "-1", "2147483648", an Arabic-Indic "٣"), which the caller
    reports like an empty field."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 10:
        return None
    number = int(raw)
    return number if 0 < number <= MAX_ID else None


def int_arg(name: str, default: int | None = None) -> int | None:
    """The query or form field ``name`` as a bounded integer; 400 when it is not one."""
    raw = request.values.get(name)
    if raw is None or raw == "":
        return default
    try:
        return bounded_int(raw)
    except ValueError:
        abort(400)


def _refuse_nul() -> None:
    if NUL in request.path:
        abort(404)
    if request.is_json:
        data = request.get_data(cache=True)
        if b"\\u0000" in data or b"\x00" in data:
            abort(400)


def init_inputs(app: Flask) -> None:
    """Call before any blueprint is registered (the converter is bound when a rule is added)."""
    app.request_class = PortalRequest
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(_refuse_nul)
