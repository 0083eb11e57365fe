"""SQL aggregates over the author's own answers (the self-interpretation) of the stories in scope.

``where`` is one WHERE clause on ``Story`` (the policy rule joined with the shared story filter);
each function sends one GROUP BY statement and returns counts, never rows of answers. An optional
``group`` (a column or expression on ``Story`` or the joined tag table) splits every count by group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement

from portal.analysis.questions import QuestionInfo
from portal.analysis.statistics import MeanInterval, mean_interval
from portal.models import Answer, Cycle, Interpretation, InterpretationRole, Story

#: Slider bins: 0–9, 10–19, …, 80–89, 90–100 (the last one holds 100).
BINS = 10
BIN_BOUNDS = [(10 * i, 10 * i + 9 if i < BINS - 1 else 100) for i in range(BINS)]


@dataclass(frozen=True)
class Grouping:
    """Split counts by ``column``; ``join`` adds what the column needs (a tag table);
    ``region(key)`` is the drill-down region of one group (``{"team": 3}``)."""

    column: ColumnElement[Any]
    join: Any = None
    onclause: Any = None
    regions: Callable[[Any], dict[str, Any]] | None = None

    def region(self, key: Any) -> dict[str, Any]:
        return self.regions(key) if self.regions else {}


def _base(
    where: ColumnElement[bool], ids: list[int], group: Grouping | None, *columns: Any
) -> Select:
    cols = [group.column if group is not None else literal(None), *columns]
    query = (
        select(*cols)
        .select_from(Answer)
        .join(Interpretation, Interpretation.id == Answer.interpretation_id)
        .join(Story, Story.id == Interpretation.story_id)
        .where(
            Interpretation.role == InterpretationRole.SELF,
            Answer.question_id.in_(ids),
            where,
        )
    )
    if group is not None and group.join is not None:
        query = query.join(group.join, group.onclause)
    return query


# --- sliders -------------------------------------------------------------------------------------


@dataclass
class SliderStats:
    bins: list[int] = field(default_factory=lambda: [0] * BINS)
    na: int = 0
    total: float = 0.0
    total_sq: float = 0.0

    @property
    def n(self) -> int:
        return sum(self.bins)

    @property
    def summary(self) -> MeanInterval:
        return mean_interval(self.n, self.total, self.total_sq)


def slider_bin(value: ColumnElement[int]) -> ColumnElement[int]:
    return case((value >= 100, BINS - 1), else_=value // 10)


def slider_stats(
    session: Session, where: ColumnElement[bool], q: QuestionInfo, group: Grouping | None = None
) -> dict[Any, SliderStats]:
    """Histogram (10 bins), n.v.t. count, Σx and Σx² per group (None: no grouping)."""
    bin_ = case((Answer.not_applicable.is_(True), -1), else_=slider_bin(Answer.value))
    query = _base(
        where,
        q.ids,
        group,
        bin_,
        func.count(),
        func.coalesce(func.sum(Answer.value), 0),
        func.coalesce(func.sum(Answer.value * Answer.value), 0),
    ).where(and_(Answer.value.is_not(None)) | Answer.not_applicable.is_(True))
    query = query.group_by(*([group.column] if group else []), bin_)
    result: dict[Any, SliderStats] = defaultdict(SliderStats)
    for key, bin_no, count, total, total_sq in session.execute(query):
        stats = result[key]
        if bin_no == -1:
            stats.na += count
        else:
            stats.bins[int(bin_no)] += count
            stats.total += float(total)
            stats.total_sq += float(total_sq)
    return dict(result)


def slider_values(
    session: Session, where: ColumnElement[bool], q: QuestionInfo, group: Grouping | None = None
) -> dict[Any, dict[int, int]]:
    """value → count per group (for rank tests: at most 101 values per group)."""
    query = _base(where, q.ids, group, Answer.value, func.count()).where(
        Answer.value.is_not(None), Answer.not_applicable.is_(False)
    )
    query = query.group_by(*([group.column] if group else []), Answer.value)
    result: dict[Any, dict[int, int]] = defaultdict(dict)
    for key, value, count in session.execute(query):
        result[key][int(value)] = count
    return dict(result)


# --- choices -------------------------------------------------------------------------------------


@dataclass
class ChoiceStats:
    counts: dict[str, int] = field(default_factory=dict)
    stories: int = 0  # stories that answered (for multichoice: fewer than the sum of counts)


def choice_stats(
    session: Session, where: ColumnElement[bool], q: QuestionInfo, group: Grouping | None = None
) -> dict[Any, ChoiceStats]:
    """Count per option, and the number of stories that answered, per group (two statements)."""
    query = _base(where, q.ids, group, Answer.choice, func.count()).where(
        Answer.choice.is_not(None)
    )
    query = query.group_by(*([group.column] if group else []), Answer.choice)
    result: dict[Any, ChoiceStats] = defaultdict(ChoiceStats)
    for key, choice, count in session.execute(query):
        result[key].counts[choice] = count
    answered = _base(
        where, q.ids, group, func.count(func.distinct(Answer.interpretation_id))
    ).where(Answer.choice.is_not(None))
    if group is not None:
        answered = answered.group_by(group.column)
    for key, count in session.execute(answered):
        if key in result:
            result[key].stories = count
    return dict(result)


def contingency(
    session: Session, where: ColumnElement[bool], rows: QuestionInfo, cols: QuestionInfo
) -> dict[tuple[str, str], int]:
    """(row option, column option) → stories, over the stories that answered both."""
    other = aliased(Answer)
    query = (
        _base(where, rows.ids, None, Answer.choice, other.choice, func.count())
        .join(
            other,
            and_(
                other.interpretation_id == Answer.interpretation_id,
                other.question_id.in_(cols.ids),
                other.choice.is_not(None),
            ),
        )
        .where(Answer.choice.is_not(None))
        .group_by(Answer.choice, other.choice)
    )
    return {(r, c): count for _g, r, c, count in session.execute(query)}


def slider_pairs(
    session: Session, where: ColumnElement[bool], x: QuestionInfo, y: QuestionInfo
) -> dict[tuple[int, int], int]:
    """(x value, y value) → stories that placed both (n.v.t. left out): at most 101² rows."""
    other = aliased(Answer)
    query = (
        _base(where, x.ids, None, Answer.value, other.value, func.count())
        .join(
            other,
            and_(
                other.interpretation_id == Answer.interpretation_id,
                other.question_id.in_(y.ids),
                other.value.is_not(None),
                other.not_applicable.is_(False),
            ),
        )
        .where(Answer.value.is_not(None), Answer.not_applicable.is_(False))
        .group_by(Answer.value, other.value)
    )
    return {(int(a), int(b)): count for _g, a, b, count in session.execute(query)}


# --- triads --------------------------------------------------------------------------------------

#: The triangle's sides are cut in ZONES parts: ZONES² small triangles (zones).
ZONES = 5
STEP = 100 // ZONES


def zone_columns(a: Any, b: Any) -> tuple[Any, Any, Any]:
    """The zone of a point as SQL (i, j, upper), twin of :func:`zone_of`. ``i``/``j`` count steps
    of ``STEP`` along a and b; a point on a grid line belongs to the cell above it, a vertex on
    the bottom edge (c = 0) to the lower triangle beside it, so every point has one zone."""
    ia, jb = a // STEP, b // STEP
    over = ia + jb >= ZONES
    i = ia - case((and_(over, ia > 0), 1), else_=0)
    j = jb - case((and_(over, ia == 0), 1), else_=0)
    upper = case(((a - i * STEP) + (b - j * STEP) > STEP, 1), else_=0)
    return i, j, upper


def zone_of(a: int, b: int, c: int) -> tuple[int, int, int]:
    """Python twin of :func:`zone_columns` (for tests and for drawing)."""
    ia, jb = a // STEP, b // STEP
    over = ia + jb >= ZONES
    i = ia - (1 if over and ia > 0 else 0)
    j = jb - (1 if over and ia == 0 else 0)
    upper = 1 if (a - i * STEP) + (b - j * STEP) > STEP else 0
    return i, j, upper


def all_zones() -> list[tuple[int, int, int]]:
    lower = [(i, j, 0) for i in range(ZONES) for j in range(ZONES - i)]
    upper = [(i, j, 1) for i in range(ZONES) for j in range(ZONES - 1 - i)]
    return sorted(lower + upper)


@dataclass
class TriadStats:
    zones: dict[tuple[int, int, int], int] = field(default_factory=dict)
    points: dict[tuple[int, int, int], int] = field(default_factory=dict)
    na: int = 0

    @property
    def n(self) -> int:
        return sum(self.zones.values())


def triad_stats(
    session: Session,
    where: ColumnElement[bool],
    q: QuestionInfo,
    *,
    points: bool = True,
    group: Grouping | None = None,
) -> dict[Any, TriadStats]:
    """Counts per zone of the triangular grid and the n.v.t. count (one GROUP BY); with
    ``points``, the count per distinct position (a, b, c): at most 5,151 rows whatever the size."""
    i, j, upper = zone_columns(Answer.a, Answer.b)
    na = Answer.not_applicable.is_(True)
    gcols = [group.column] if group else []
    zone_q = _base(where, q.ids, group, na, i, j, upper, func.count()).where(
        Answer.a.is_not(None) | na
    )
    zone_q = zone_q.group_by(*gcols, na, i, j, upper)
    result: dict[Any, TriadStats] = defaultdict(TriadStats)
    for key, is_na, zi, zj, zu, count in session.execute(zone_q):
        if is_na:
            result[key].na += count
        else:
            result[key].zones[(int(zi), int(zj), int(zu))] = count
    if points:
        point_q = _base(where, q.ids, group, Answer.a, Answer.b, Answer.c, func.count())
        point_q = point_q.where(Answer.a.is_not(None), Answer.not_applicable.is_(False))
        point_q = point_q.group_by(*gcols, Answer.a, Answer.b, Answer.c)
        for key, a, b, c, count in session.execute(point_q):
            result[key].points[(int(a), int(b), int(c))] = count
    return dict(result)


def geometric_mean(points: dict[tuple[int, int, int], int], zero: float = 0.5) -> tuple[float, ...]:
    """The compositional centre: the geometric mean of each share (a zero replaced by ``zero``,
    half the unit of measurement), closed to 100."""
    import math

    n = sum(points.values())
    if n == 0:
        return ()
    logs = [0.0, 0.0, 0.0]
    for shares, count in points.items():
        for k in range(3):
            logs[k] += count * math.log(max(shares[k], zero))
    means = [math.exp(total / n) for total in logs]
    scale = 100 / sum(means)
    return tuple(m * scale for m in means)


# --- trends --------------------------------------------------------------------------------------


def trend_by_cycle(
    session: Session, where: ColumnElement[bool], q: QuestionInfo
) -> dict[int, MeanInterval]:
    """Per cycle number: n, mean and the 95% interval of the slider (n.v.t. left out)."""
    query = (
        _base(
            where,
            q.ids,
            None,
            Cycle.number,
            func.count(),
            func.sum(Answer.value),
            func.sum(Answer.value * Answer.value),
        )
        .join(Cycle, Cycle.id == Story.cycle_id)
        .where(Answer.value.is_not(None), Answer.not_applicable.is_(False))
        .group_by(Cycle.number)
        .order_by(Cycle.number)
    )
    return {
        int(number): mean_interval(count, float(total), float(total_sq))
        for _g, number, count, total, total_sq in session.execute(query)
    }
