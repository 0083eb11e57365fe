"""The shared indicators per quarter, klantmanagers and statushouders side by side.

Interviews belong to no team's cycle, so a trend per cycle can only show the klantmanagers. A
quarter of the calendar holds both: the story's date is the day of the experience (or interview),
else the start of its cycle, a calendar date in the team's time zone (``stories.filters.story_date``).
Stories without any date are left out, and the chart says how many."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from portal.analysis import svg
from portal.analysis.aggregates import _base
from portal.analysis.chartkit import Cell, Chart, Context, mean_cell, trend_point
from portal.analysis.questions import QuestionInfo
from portal.analysis.statistics import MeanInterval, mean_interval
from portal.models import Answer, Story, StoryKind
from portal.stories.filters import story_date

#: (kind, quarter index) → mean; a quarter index is year * 4 + quarter - 1 (sortable, one int).
QuarterMeans = dict[tuple[StoryKind, int], MeanInterval]


@dataclass(frozen=True)
class ByQuarter:
    means: QuarterMeans
    undated: int  # placed answers of stories without a date (left out)


def quarter_of(day: date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def quarter_bounds(index: int) -> tuple[date, date]:
    """The first and the last day of a quarter index."""
    year, quarter = divmod(index, 4)
    first = date(year, 3 * quarter + 1, 1)
    after = date(year + 1, 1, 1) if quarter == 3 else date(year, 3 * quarter + 4, 1)
    return first, date.fromordinal(after.toordinal() - 1)


def by_quarter(session: Session, where: ColumnElement[bool], q: QuestionInfo) -> ByQuarter:
    """One statement: per teller's kind, year and month, n, Σx and Σx² of the slider (n.v.t. left
    out), added up into quarters here."""
    columns = Story.kind.label("kind"), story_date().label("day"), Answer.value.label("value")
    placed = (
        _base(where, q.ids, None, *columns)
        .where(Answer.value.is_not(None), Answer.not_applicable.is_(False))
        .subquery()
    )
    year, month = extract("year", placed.c.day), extract("month", placed.c.day)
    query = select(
        placed.c.kind,
        year,
        month,
        func.count(),
        func.sum(placed.c.value),
        func.sum(placed.c.value * placed.c.value),
    ).group_by(placed.c.kind, year, month)
    sums: dict[tuple[StoryKind, int], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    undated = 0
    for kind, y, m, count, total, total_sq in session.execute(query):
        if y is None or m is None:
            undated += count
            continue
        bucket = sums[StoryKind(kind), quarter_of(date(int(y), int(m), 1))]
        bucket[0] += count
        bucket[1] += float(total)
        bucket[2] += float(total_sq)
    means = {key: mean_interval(int(n), total, sq) for key, (n, total, sq) in sums.items()}
    return ByQuarter(means, undated)


def quarter_label(index: int) -> tuple[str, str]:
    """The tick under a quarter: "K2" over its year."""
    year, quarter = divmod(index, 4)
    return _("K%(quarter)s", quarter=quarter + 1), str(year)


def _wording(*, both: bool) -> tuple[str, str]:
    """Title and description; a coach, who analyses no interviews, sees one teller."""
    if not both:
        return _("Gedeelde indicatoren per kwartaal"), _(
            "Gemiddelde per kwartaal met het 95%%-betrouwbaarheidsinterval. Een verhaal telt in "
            "het kwartaal van de ervaring."
        )
    return _("Gedeelde indicatoren per kwartaal: klantmanagers en statushouders"), _(
        "Gemiddelde per kwartaal met het 95%%-betrouwbaarheidsinterval, voor klantmanagers en "
        "statushouders apart. Een verhaal telt in het kwartaal van de ervaring of het gesprek."
    )


def quarter_chart(
    ctx: Context,
    questions: list[QuestionInfo],
    tellers: dict[StoryKind, str],
    regions: Callable[[StoryKind], dict[str, Any]],
) -> Chart:
    """Mean per quarter with its 95% interval, one series per indicator and teller."""
    title, desc = _wording(both=len(tellers) > 1)
    chart = Chart("quarters", "trend", title, "quarters")
    data = [by_quarter(ctx.session, ctx.scope.where, q) for q in questions]
    chart.n = max([sum(m.n for m in d.means.values()) for d in data] + [0])
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    quarters = sorted({index for d in data for _kind, index in d.means})
    lines = [(q, d, kind) for q, d in zip(questions, data, strict=True) for kind in tellers]
    mean = _("gemiddelde")  # outside the f-string, where the extractor finds it

    def name(kind: StoryKind, q: QuestionInfo) -> str:
        return f"{tellers[kind]}: {q.text}" if len(tellers) > 1 else q.text

    chart.headers = [_("Kwartaal")] + [f"{name(kind, q)}: n, {mean} [95%]" for q, _d, kind in lines]
    series, hidden_any = [], False
    for q, d, kind in lines:
        points = [trend_point(ctx, index, d.means.get((kind, index))) for index in quarters]
        series.append(svg.Series(name(kind, q), [p for p in points if p]))
    for index in quarters:
        first, last = quarter_bounds(index)
        top, year = quarter_label(index)
        row = [Cell(f"{top} {year}")]
        for q, d, kind in lines:
            m = d.means.get((kind, index))
            cell, hidden = mean_cell(ctx, m, q.key, date_from=first, date_to=last, **regions(kind))
            row.append(cell)
            hidden_any = hidden_any or hidden
        chart.rows.append(row)
    labels = {index: quarter_label(index) for index in quarters}
    chart.svg = svg.trend(chart.id, title, desc, series, quarters, labels)
    undated = max(d.undated for d in data)
    if undated:
        chart.notes.append(
            _("%(n)s antwoorden van verhalen zonder datum tellen hier niet mee.", n=undated)
        )
    ctx.small_note(chart, hidden_any)
    return chart
