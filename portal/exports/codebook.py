"""The codebook of the exports: every column with its texts in nl and en, type, options or poles
and the framework versions it occurs in; and the same as a Frictionless data package."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from portal.exports.columns import Column, ColumnModel, ColumnType, column_model
from portal.models import StoryKind

FRICTIONLESS_TYPES = {
    ColumnType.STRING: "string",
    ColumnType.INTEGER: "integer",
    ColumnType.BOOLEAN: "boolean",
    ColumnType.DATE: "date",
    ColumnType.CHOICE: "string",
}


@dataclass
class Codebook:
    kind: StoryKind
    model: ColumnModel

    @property
    def versions(self) -> list[int]:
        return [f.version for f in self.model.frameworks]

    @property
    def newest(self) -> int | None:
        return max(self.versions, default=None)

    def framework(self, version: int) -> object:
        return next(f for f in self.model.frameworks if f.version == version)

    def columns_of(self, version: int) -> list[Column]:
        """The columns a story answered on ``version`` has values in (all columns of the base)."""
        return [c for c in self.model.columns if c.question is None or version in c.versions]


def build(session: Session, kind: StoryKind, *, with_text: bool) -> Codebook:
    return Codebook(kind, column_model(session, kind, with_text=with_text))


def _field(column: Column) -> dict:
    field: dict = {
        "name": column.name,
        "title": column.nl,
        "description": column.en + (" (only with text=1)" if column.text else ""),
        "type": FRICTIONLESS_TYPES[column.type],
    }
    constraints: dict = {}
    if column.type is ColumnType.INTEGER and column.question is not None:
        constraints = {"minimum": 0, "maximum": 100}
    elif column.type is ColumnType.BOOLEAN:
        field["trueValues"], field["falseValues"] = ["1"], ["0"]
    elif column.type is ColumnType.CHOICE:
        constraints = {"enum": [o.key for o in column.options]}
    elif column.name == "interpretation":
        constraints = {"enum": ["own", "member", "session"]}
    if column.type is ColumnType.DATE:
        field["format"] = "default"
    if constraints:
        field["constraints"] = constraints
    if column.question is not None:
        field["x-question"] = column.question
        field["x-versions"] = column.versions
    return field


def datapackage(session: Session, *, with_text: bool) -> dict:
    """A Frictionless data package with one tabular resource per export (CSV, UTF-8)."""
    resources = []
    for kind in StoryKind:
        model = column_model(session, kind, with_text=with_text)
        resources.append(
            {
                "name": f"{kind}s",
                "path": f"{kind}s.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True},
                "schema": {
                    "fields": [_field(c) for c in model.columns],
                    "missingValues": [""],
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "reflectieportaal",
        "title": "Reflectieportaal",
        "resources": resources,
    }


def dump(package: dict) -> str:
    return json.dumps(package, ensure_ascii=False, indent=2, default=str)
