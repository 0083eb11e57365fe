"""The columns of an export: one per question component, under the question's stable key.

The columns of a kind are the union over all its framework versions, oldest version first, so a
new version adds columns at the end and never moves or renames an old one. A triad ``k`` gives
``k_a``, ``k_b``, ``k_c`` and ``k_nvt``; a slider ``k`` and ``k_nvt``; a choice ``k`` (the option
key); a multichoice one 0/1 column ``k_<option>`` per option; a text question ``k`` (only with the
texts). Labels are data in both languages (the codebook shows both)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.models import Framework, Question, QuestionType, StoryKind


class ColumnType(enum.StrEnum):
    STRING = "string"
    INTEGER = "integer"  # 0–100
    BOOLEAN = "boolean"  # 0/1
    DATE = "date"
    CHOICE = "choice"  # an option key (a code with a value label in SPSS)


@dataclass(frozen=True)
class Option:
    key: str
    nl: str
    en: str


@dataclass
class Column:
    name: str
    type: ColumnType
    nl: str
    en: str
    question: str | None = None  # the question key
    part: str | None = None  # a/b/c, nvt, value, choice, text, or the option key
    options: list[Option] = field(default_factory=list)  # choice options, or slider poles
    versions: list[int] = field(default_factory=list)
    text: bool = False  # a story's own words: only with text=1

    def value_labels(self, locale: str) -> dict[int, str]:
        """SPSS value labels: choice codes, slider poles, yes/no of 0/1 columns."""
        if self.type is ColumnType.CHOICE:
            return {i: _pick(o, locale) for i, o in enumerate(self.options, start=1)}
        if self.type is ColumnType.INTEGER and self.part == "value" and len(self.options) == 2:
            return {0: _pick(self.options[0], locale), 100: _pick(self.options[1], locale)}
        if self.type is ColumnType.BOOLEAN:
            return {0: "nee" if locale == "nl" else "no", 1: "ja" if locale == "nl" else "yes"}
        return {}

    def label(self, locale: str) -> str:
        return self.en if locale == "en" else self.nl


def _pick(option: Option, locale: str) -> str:
    return option.en if locale == "en" else option.nl


def _base(kind: StoryKind) -> tuple[list[Column], list[Column]]:
    """The columns before and after the questions (the latter only with the texts)."""
    c, t = Column, ColumnType
    before = [
        c("story", t.STRING, "Verhaal (pseudoniem)", "Story (pseudonym)"),
        c("author", t.STRING, "Schrijver (pseudoniem)", "Author (pseudonym)"),
    ]
    if kind is StoryKind.INTERVIEW:
        before += [
            c("respondent", t.STRING, "Respondentcode", "Respondent code"),
            c("language", t.STRING, "Taal van het verhaal", "Language of the telling"),
        ]
    else:
        before += [
            c("team", t.STRING, "Team", "Team"),
            c("cycle", t.INTEGER, "Ronde", "Cycle"),
        ]
    before += [
        c("experienced_on", t.DATE, "Datum van de ervaring", "Date of the experience"),
        c("submitted_on", t.DATE, "Datum van indienen", "Date submitted"),
        c("framework_version", t.INTEGER, "Versie van de vragenlijst", "Framework version"),
        c(
            "interpretation",
            t.STRING,
            "Duiding: own (eigen), member (teamlid), session (teamsessie)",
            "Interpretation: own, member (team member), session (team session)",
        ),
        c("interpreter", t.STRING, "Duider (pseudoniem)", "Interpreter (pseudonym)"),
    ]
    after = [
        c("title", t.STRING, "Titel", "Title", text=True),
        c("text", t.STRING, "Verhaal", "Story", text=True),
    ]
    if kind is StoryKind.INTERVIEW:
        after.append(
            c("translation_nl", t.STRING, "Nederlandse vertaling", "Dutch translation", text=True)
        )
    after.append(c("comment", t.STRING, "Toelichting bij de duiding", "Comment", text=True))
    return before, after


def _options(q: Question) -> list[Option]:
    return [
        Option(o["key"], o.get("nl", o["key"]), o.get("en") or o.get("nl", o["key"]))
        for o in q.options
    ]


def _question_columns(q: Question) -> list[Column]:
    t = ColumnType
    if q.type is QuestionType.TRIAD:
        parts = [
            Column(
                f"{q.key}_{part}",
                t.INTEGER,
                f"{q.text_nl} — {o.nl}",
                f"{q.text_en} — {o.en}",
                q.key,
                part,
                [o],
            )
            for part, o in zip(("a", "b", "c"), _options(q), strict=False)
        ]
        return [*parts, _na(q)]
    if q.type is QuestionType.SLIDER:
        value = Column(q.key, t.INTEGER, q.text_nl, q.text_en, q.key, "value", _options(q))
        return [value, _na(q)]
    if q.type is QuestionType.CHOICE:
        return [Column(q.key, t.CHOICE, q.text_nl, q.text_en, q.key, "choice", _options(q))]
    if q.type is QuestionType.MULTICHOICE:
        return [
            Column(
                f"{q.key}_{o.key}",
                t.BOOLEAN,
                f"{q.text_nl} — {o.nl}",
                f"{q.text_en} — {o.en}",
                q.key,
                o.key,
                [o],
            )
            for o in _options(q)
        ]
    return [Column(q.key, t.STRING, q.text_nl, q.text_en, q.key, "text", text=True)]


def _na(q: Question) -> Column:
    return Column(
        f"{q.key}_nvt",
        ColumnType.BOOLEAN,
        f"{q.text_nl} — n.v.t.",
        f"{q.text_en} — not applicable",
        q.key,
        "nvt",
    )


def frameworks_of(session: Session, kind: StoryKind) -> list[Framework]:
    """Every version of the kind's framework with its questions, oldest first."""
    return list(
        session.scalars(
            select(Framework)
            .where(Framework.kind == kind)
            .options(selectinload(Framework.questions))
            .order_by(Framework.version)
        )
    )


def question_columns(frameworks: list[Framework]) -> list[Column]:
    """The union of the versions' question columns; texts from the newest version that has it."""
    columns: dict[str, Column] = {}
    for framework in frameworks:
        for q in framework.questions:
            for column in _question_columns(q):
                known = columns.get(column.name)
                if known is None:
                    columns[column.name] = column
                    known = column
                elif column.question == known.question:
                    known.nl, known.en = column.nl, column.en
                    for option in column.options:
                        if all(o.key != option.key for o in known.options):
                            known.options.append(option)
                    if known.part == "value":
                        known.options = column.options
                known.versions.append(framework.version)
    return list(columns.values())


@dataclass
class ColumnModel:
    kind: StoryKind
    columns: list[Column]
    frameworks: list[Framework]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def column_model(session: Session, kind: StoryKind, *, with_text: bool) -> ColumnModel:
    frameworks = frameworks_of(session, kind)
    versions = [f.version for f in frameworks]
    before, after = _base(kind)
    for column in (*before, *after):
        column.versions = list(versions)
    columns = [*before, *question_columns(frameworks), *after]
    if not with_text:
        columns = [c for c in columns if not c.text]
    return ColumnModel(kind, columns, frameworks)
