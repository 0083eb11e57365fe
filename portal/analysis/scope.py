"""What one analysis request counts: the policy's rule for the user, the shared story filter, and
the drill-down region (a triad zone, a group), as one WHERE clause on ``Story``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Table, and_, exists, select
from sqlalchemy.sql import ColumnElement

from portal.analysis.aggregates import ZONES, zone_columns
from portal.models import Answer, Interpretation, InterpretationRole, Question, Story, StoryStatus
from portal.stories.filters import StoryFilter, filter_args, filter_clause

_ZONE = re.compile(r"^([a-z][a-z0-9_]{0,63})\.(\d)\.(\d)\.([01])$")


@dataclass(frozen=True)
class Zone:
    """One small triangle of a triad's grid (see :func:`aggregates.zone_columns`)."""

    key: str
    i: int
    j: int
    upper: int

    @property
    def arg(self) -> str:
        return f"{self.key}.{self.i}.{self.j}.{self.upper}"


def parse_zone(args: Mapping[str, Any]) -> Zone | None:
    match = _ZONE.match(str(args.get("zone", "")))
    if not match:
        return None
    zone = Zone(match.group(1), int(match.group(2)), int(match.group(3)), int(match.group(4)))
    limit = ZONES - 1 - zone.upper
    return zone if zone.i + zone.j <= limit else None


def zone_clause(zone: Zone) -> ColumnElement[bool]:
    i, j, upper = zone_columns(Answer.a, Answer.b)
    return exists(
        select(Answer.id)
        .join(Interpretation, Interpretation.id == Answer.interpretation_id)
        .join(Question, Question.id == Answer.question_id)
        .where(
            Interpretation.story_id == Story.id,
            Interpretation.role == InterpretationRole.SELF,
            Question.key == zone.key,
            Answer.a.is_not(None),
            Answer.not_applicable.is_(False),
            i == zone.i,
            j == zone.j,
            upper == zone.upper,
        )
    )


def _inside(f: StoryFilter, name: str, bound: Any, tighter: Any) -> StoryFilter:
    """The filter with ``bound`` on ``name``, kept inside the filter's own bound (``tighter`` is
    ``max`` for a lower bound, ``min`` for an upper one)."""
    if bound is None:
        return f
    current = getattr(f, name)
    return replace(f, **{name: bound if current is None else tighter(bound, current)})


@dataclass(frozen=True)
class Scope:
    """The stories of one request: the rule's clause, the filter, and an optional zone."""

    rule: ColumnElement[bool]
    filter: StoryFilter
    zone: Zone | None = None
    #: The scope's story ids, selected once per page (:mod:`snapshot`); a narrowed scope has none.
    stories: Table | None = field(default=None, compare=False)

    @property
    def where(self) -> ColumnElement[bool]:
        if self.stories is not None:
            return Story.id.in_(select(self.stories.c.story_id))
        parts = [
            self.rule,
            Story.status == StoryStatus.SUBMITTED,
            Story.withdrawn_at.is_(None),
            filter_clause(self.filter),
        ]
        if self.zone is not None:
            parts.append(zone_clause(self.zone))
        return and_(*parts)

    def narrowed(self, **region: Any) -> Scope:
        """This scope plus a region: ``choices=[(key, option)]`` (replacing the filter's options
        of that question), ``ranges`` (added: ranges all apply), ``team`` or ``tag`` (one group,
        replacing the filter's), ``cycle_from``/``cycle_to`` and ``date_from``/``date_to`` (inside
        the filter's range), ``zone``."""
        f = self.filter
        for key, option in region.pop("choices", ()):
            kept = tuple(c for c in f.choices if c[0] != key)
            f = replace(f, choices=(*kept, (key, option)))
        if "teller" in region:
            f = replace(f, teller=region.pop("teller"))
        if "team" in region:
            f = replace(f, teams=(region.pop("team"),))
        if "tag" in region:
            f = replace(f, tags=(region.pop("tag"),))
        for low, high in (("cycle_from", "cycle_to"), ("date_from", "date_to")):
            f = _inside(f, low, region.pop(low, None), max)
            f = _inside(f, high, region.pop(high, None), min)
        zone = region.pop("zone", self.zone)
        if region:
            f = f.narrowed(**region)
        return Scope(self.rule, f, zone)

    def args(self) -> dict[str, list[str]]:
        """The URL arguments of this scope (the filter and the zone)."""
        args = filter_args(self.filter)
        if self.zone is not None:
            args["zone"] = [self.zone.arg]
        return args
