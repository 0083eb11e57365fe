"""The blueprint of export and import, and what their routes share: the story filter."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from sqlalchemy.sql import ColumnElement
from werkzeug.datastructures import MultiDict

bp = Blueprint("exports", __name__)

#: URL arguments that are the export's own, not the story filter's.
OWN_ARGS = ("text", "dialect", "kind", "format")


def story_filter(args: MultiDict) -> tuple[ColumnElement[bool] | None, dict[str, list[str]], list]:
    """The shared story filter from the URL: (WHERE clause, the filter as URL args, errors)."""
    filter_args: dict[str, Any] = {key: args.getlist(key) for key in args if key not in OWN_ARGS}
    return None, filter_args, []
