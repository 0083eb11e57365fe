"""The one story filter (DESIGN §7) that the analysis, the drill-down, the session story pool and
the exports share.

A filter lives in the URL, so a chart, its drill-down list and its export are bookmarkable and
mean the same stories. :func:`parse_filter` reads URL arguments (never raising: a bad value is
dropped and reported), :func:`filter_args` writes them back, and :func:`filter_clause` turns the
filter into ONE SQL WHERE clause on ``Story`` built from EXISTS subqueries, so callers can join it
with any policy rule and any aggregate without a second query.

Choice and signifier filters look at the story's own interpretation (the author's, or for an
interview the statushouder's): that is the reading the teller gave.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, exists, func, or_, select, true
from sqlalchemy.sql import ColumnElement

from portal.models import (
    Answer,
    Cycle,
    Interpretation,
    InterpretationRole,
    Question,
    Story,
    StoryKind,
    StoryStatus,
    Tag,
    story_tags,
)
from portal.policy import readable_stories

TELLERS: dict[str, StoryKind] = {
    "klantmanager": StoryKind.REFLECTION,
    "statushouder": StoryKind.INTERVIEW,
}
TRIAD_PARTS = ("a", "b", "c")
MAX_ID = 2**31 - 1
MAX_TERMS = 20  # per repeatable parameter: a URL never becomes a query of a thousand EXISTS
MAX_TEXT = 200
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: A tag code: the beheerder's (``eigen_regie``) or one made from a session theme (``eigen-regie``,
#: ``2e-gesprek``), see ``team_sessions.record.tag_code``.
_TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_RANGE = re.compile(r"^\s*(\d{1,3})\s*-\s*(\d{1,3})\s*$")


@dataclass(frozen=True)
class StoryFilter:
    """Which stories: every field optional; the empty filter is all the policy rule allows."""

    kind: StoryKind | None = None
    teams: tuple[int, ...] = ()
    cycle_from: int | None = None
    cycle_to: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    teller: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    ranges: tuple[tuple[str, int, int], ...] = ()
    tags: tuple[str, ...] = ()
    text: str = ""
    length_min: int | None = None
    length_max: int | None = None
    framework_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not filter_args(self)

    def narrowed(self, **changes: Any) -> StoryFilter:
        """This filter with some fields replaced or extended (a drill-down adds its region)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        for name in ("choices", "ranges", "tags", "teams"):
            if name in changes:
                changes[name] = tuple(values[name]) + tuple(changes[name])
        values.update(changes)
        return StoryFilter(**values)


@dataclass
class _Parser:
    args: Mapping[str, Any]
    errors: list[str] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        getlist = getattr(self.args, "getlist", None)
        raw = getlist(name) if getlist else self.args.get(name, [])
        if isinstance(raw, str):
            raw = [raw]
        cleaned = [str(value).replace("\x00", "").strip() for value in raw]
        return [value for value in cleaned if value][:MAX_TERMS]

    def first(self, name: str) -> str:
        values = self.values(name)
        return values[0] if values else ""

    def integer(self, name: str, low: int = 0, high: int = MAX_ID) -> int | None:
        raw = self.first(name)
        if not raw:
            return None
        if raw.isdigit() and low <= int(raw) <= high:
            return int(raw)
        self.errors.append(
            str(_l("“%(value)s” is geen geldig getal voor %(name)s.", value=raw[:20], name=name))
        )
        return None

    def day(self, name: str) -> date | None:
        raw = self.first(name)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.errors.append(str(_l("“%(value)s” is geen datum (jjjj-mm-dd).", value=raw[:20])))
            return None

    def integers(self, name: str) -> tuple[int, ...]:
        found = []
        for raw in self.values(name):
            if raw.isdigit() and int(raw) <= MAX_ID:
                found.append(int(raw))
            else:
                self.errors.append(str(_l("“%(value)s” is geen geldig team.", value=raw[:20])))
        return tuple(dict.fromkeys(found))

    def prefixed(self, prefix: str) -> list[tuple[str, str]]:
        names = [name for name in self.args if str(name).startswith(prefix)]
        pairs = []
        for name in names[:MAX_TERMS]:
            key = str(name)[len(prefix) :]
            if not _KEY.match(key):
                self.errors.append(str(_l("Onbekende vraag “%(key)s”.", key=key[:40])))
                continue
            pairs.extend((key, value) for value in self.values(name))
        return pairs[:MAX_TERMS]

    def choices(self) -> tuple[tuple[str, str], ...]:
        found = []
        for key, option in self.prefixed("c."):
            if _KEY.match(option):
                found.append((key, option))
            else:
                self.errors.append(str(_l("Onbekend antwoord “%(option)s”.", option=option[:40])))
        return tuple(dict.fromkeys(found))

    def ranges(self) -> tuple[tuple[str, int, int], ...]:
        found = []
        for key, raw in self.prefixed("r."):
            match = _RANGE.match(raw)
            low, high = (int(match.group(1)), int(match.group(2))) if match else (1, 0)
            if match and 0 <= low <= high <= 100:
                found.append((key, low, high))
            else:
                self.errors.append(
                    str(
                        _l(
                            "“%(value)s” is geen bereik van 0 tot 100 (zoals 20-60).",
                            value=raw[:20],
                        )
                    )
                )
        return tuple(dict.fromkeys(found))


def parse_filter(
    args: Mapping[str, Any], kind: StoryKind | None = None
) -> tuple[StoryFilter, list[str]]:
    """URL arguments → a filter and messages for the values it could not use (never raises)."""
    parser = _Parser(args)
    teller = parser.first("teller")
    if teller and teller not in TELLERS:
        parser.errors.append(str(_l("Onbekende verteller “%(value)s”.", value=teller[:20])))
        teller = ""
    tags = tuple(dict.fromkeys(tag for tag in parser.values("tag") if _TAG.match(tag)))
    found = StoryFilter(
        kind=kind,
        teams=parser.integers("team"),
        cycle_from=parser.integer("cycle_from"),
        cycle_to=parser.integer("cycle_to"),
        date_from=parser.day("date_from"),
        date_to=parser.day("date_to"),
        teller=teller or None,
        choices=parser.choices(),
        ranges=parser.ranges(),
        tags=tags,
        text=parser.first("q")[:MAX_TEXT],
        length_min=parser.integer("len_min"),
        length_max=parser.integer("len_max"),
        framework_id=parser.integer("version"),
    )
    return found, parser.errors


def filter_args(story_filter: StoryFilter) -> dict[str, list[str]]:
    """The filter back as URL arguments (``kind`` is the page's, not the URL's)."""
    f = story_filter
    args: dict[str, list[str]] = {}
    single = {
        "cycle_from": f.cycle_from,
        "cycle_to": f.cycle_to,
        "date_from": f.date_from.isoformat() if f.date_from else None,
        "date_to": f.date_to.isoformat() if f.date_to else None,
        "teller": f.teller,
        "q": f.text or None,
        "len_min": f.length_min,
        "len_max": f.length_max,
        "version": f.framework_id,
    }
    if f.teams:
        args["team"] = [str(team) for team in f.teams]
    for key, option in f.choices:
        args.setdefault(f"c.{key}", []).append(option)
    for key, low, high in f.ranges:
        args.setdefault(f"r.{key}", []).append(f"{low}-{high}")
    if f.tags:
        args["tag"] = list(f.tags)
    args.update({name: [str(value)] for name, value in single.items() if value is not None})
    return args


# --- the SQL ---------------------------------------------------------------------------------------


def _own_answers(keys: Iterable[str], *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """EXISTS an answer to a question with one of ``keys`` in the story's own interpretation that
    meets ``conditions``. The question ids come from a list subquery, so each story costs two
    index probes (its interpretation, then that answer) rather than a walk over all its answers."""
    return exists(
        select(Answer.id)
        .join(Interpretation, Interpretation.id == Answer.interpretation_id)
        .where(
            Interpretation.story_id == Story.id,
            Interpretation.role == InterpretationRole.SELF,
            Answer.question_id.in_(select(Question.id).where(Question.key.in_(list(keys)))),
            *conditions,
        )
    )


def _choice_clause(choices: tuple[tuple[str, str], ...]) -> list[ColumnElement[bool]]:
    """Options of one question are alternatives (any of them); different questions all apply."""
    by_key: dict[str, list[str]] = {}
    for key, option in choices:
        by_key.setdefault(key, []).append(option)
    return [_own_answers([key], Answer.choice.in_(options)) for key, options in by_key.items()]


def _range_clause(key: str, low: int, high: int) -> ColumnElement[bool]:
    """A slider ``key`` or a triad component ``<key>_a``: the answer lies in [low, high]."""
    slider = _own_answers([key], Answer.value.between(low, high))
    base, _, part = key.rpartition("_")
    if base and part in TRIAD_PARTS:
        return or_(slider, _own_answers([base], getattr(Answer, part).between(low, high)))
    return slider


def story_date() -> ColumnElement[Any]:
    """The date a story is about: the day of the experience, else the start of its cycle (both
    are calendar dates in the team's time zone, never a UTC timestamp)."""
    cycle_start = select(Cycle.starts_on).where(Cycle.id == Story.cycle_id).scalar_subquery()
    return func.coalesce(Story.experienced_on, cycle_start)


def _cycle_clause(low: int | None, high: int | None) -> ColumnElement[bool]:
    numbers = []
    if low is not None:
        numbers.append(Cycle.number >= low)
    if high is not None:
        numbers.append(Cycle.number <= high)
    return exists(select(Cycle.id).where(Cycle.id == Story.cycle_id, *numbers))


def _text_clause(text: str) -> ColumnElement[bool]:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return or_(
        Story.title.ilike(pattern, escape="\\"),
        Story.body_md.ilike(pattern, escape="\\"),
        Story.translation_nl.ilike(pattern, escape="\\"),
    )


def _tag_clause(codes: tuple[str, ...]) -> ColumnElement[bool]:
    return exists(
        select(story_tags.c.story_id)
        .join(Tag, Tag.id == story_tags.c.tag_id)
        .where(story_tags.c.story_id == Story.id, Tag.code.in_(codes))
    )


def _kind_clauses(f: StoryFilter) -> list[ColumnElement[bool]]:
    kinds = {f.kind} if f.kind else set(StoryKind)
    if f.teller:
        kinds &= {TELLERS[f.teller]}
    if kinds == set(StoryKind):
        return []
    return [Story.kind.in_(sorted(kinds))] if kinds else [Story.id.is_(None)]


def filter_clause(story_filter: StoryFilter) -> ColumnElement[bool]:
    """The filter as one WHERE clause on ``Story`` (each field one condition, ANDed)."""
    f = story_filter
    clauses = _kind_clauses(f)
    if f.teams:
        clauses.append(Story.team_id.in_(f.teams))
    if f.cycle_from is not None or f.cycle_to is not None:
        clauses.append(_cycle_clause(f.cycle_from, f.cycle_to))
    if f.date_from is not None:
        clauses.append(story_date() >= f.date_from)
    if f.date_to is not None:
        clauses.append(story_date() <= f.date_to)
    clauses.extend(_choice_clause(f.choices))
    clauses.extend(_range_clause(key, low, high) for key, low, high in f.ranges)
    if f.tags:
        clauses.append(_tag_clause(f.tags))
    if f.text:
        clauses.append(_text_clause(f.text))
    if f.length_min is not None:
        clauses.append(func.length(Story.body_md) >= f.length_min)
    if f.length_max is not None:
        clauses.append(func.length(Story.body_md) <= f.length_max)
    if f.framework_id is not None:
        clauses.append(Story.framework_id == f.framework_id)
    return and_(true(), *clauses)


def filtered_stories(
    user: Any,
    story_filter: StoryFilter,
    rule: Callable[[Any], ColumnElement[bool]] = readable_stories,
) -> Select[tuple[Story]]:
    """Submitted stories the policy ``rule`` lets ``user`` see, narrowed by the filter."""
    return select(Story).where(
        rule(user),
        Story.status == StoryStatus.SUBMITTED,
        Story.withdrawn_at.is_(None),
        filter_clause(story_filter),
    )
