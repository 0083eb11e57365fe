"""The blueprint of export and import, and what their routes share: the story filter."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy.sql import ColumnElement
from werkzeug.datastructures import MultiDict

from portal.models import StoryKind
from portal.stories.filters import filter_args, filter_clause, parse_filter

bp = Blueprint("exports", __name__)


def story_filter(
    args: MultiDict, kind: StoryKind | None = None
) -> tuple[ColumnElement[bool], dict[str, list[str]], list[str]]:
    """The shared story filter (DESIGN §7) from the URL, so an export holds exactly what the
    analysis shows: (its WHERE clause, the filter as URL arguments, messages on bad values)."""
    found, errors = parse_filter(args, kind)
    return filter_clause(found), filter_args(found), errors
