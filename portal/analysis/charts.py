"""Charts of one question: slider histograms, choice bars, triads (see ``chartkit``)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from portal.analysis import aggregates as agg
from portal.analysis import svg
from portal.analysis.chartkit import (
    Cell,
    Chart,
    Context,
    _count_text,
    _group_region,
    _num,
    describe_test,
)
from portal.analysis.questions import QuestionInfo
from portal.analysis.scope import Zone
from portal.analysis.statistics import (
    contingency_test,
    mann_whitney,
)

# --- one question ---------------------------------------------------------------------------------


def slider_chart(
    ctx: Context, q: QuestionInfo, groups: dict[Any, str] | None = None, grouping: Any = None
) -> Chart:
    """Histogram with mean and sd; with ``groups`` (key → label) one histogram per group side by
    side and, for two groups, a two-sided Mann-Whitney U."""
    chart = Chart(f"slider-{q.key}", "slider", q.text, f"slider:{q.key}")
    poles = (q.options[0][1], q.options[1][1]) if len(q.options) == 2 else ("0", "100")
    chart.headers = [_("Waarde"), *([groups[g] for g in groups] if groups else [_("Verhalen")])]
    data = agg.slider_stats(ctx.session, ctx.scope.where, q, grouping)
    keys = list(groups) if groups else [None]
    stats = [data.get(k) or agg.SliderStats() for k in keys]
    chart.n, chart.na = sum(s.n for s in stats), sum(s.na for s in stats)
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    hidden_any = False
    for g, (key, s) in enumerate(zip(keys, stats, strict=True)):
        marks = []
        region_group = _group_region(grouping, key)
        for b, (low, high) in enumerate(agg.BIN_BOUNDS):
            shown = ctx.shown(s.bins[b])
            hidden_any |= shown is None
            label = f"{low}–{high}"
            href = ctx.drill(shown, ranges=[(q.key, low, high)], **region_group)
            aria = _(
                "%(label)s: %(count)s verhalen",
                label=label,
                count=_count_text(shown, ctx.min_group),
            )
            marks.append(svg.Mark(label, shown, href, aria))
        summary = s.summary
        title = f"{q.text} — {groups[key]}" if groups else q.text
        desc = _(
            "Histogram van %(n)s verhalen; gemiddelde %(mean)s, standaardafwijking %(sd)s; n.v.t.: %(na)s.",
            n=s.n,
            mean=_num(summary.mean),
            sd=_num(summary.sd),
            na=s.na,
        )
        drawn = svg.histogram(
            f"{chart.id}-{g}",
            title,
            desc,
            marks,
            mean=summary.mean,
            sd=summary.sd,
            poles=poles,
            colour=g,
        )
        if g == 0:
            chart.svg = drawn
        else:
            chart.extra_svgs.append(drawn)
        for b, mark in enumerate(marks):
            if g == 0:
                chart.rows.append([Cell(mark.label)])
            chart.rows[b].append(Cell(_count_text(mark.count, ctx.min_group), mark.href))
    chart.rows.append(
        [Cell(_("gemiddelde (sd)"))]
        + [Cell(f"{_num(s.summary.mean)} ({_num(s.summary.sd)})") for s in stats]
    )
    chart.rows.append([Cell(_("n.v.t."))] + [Cell(str(s.na)) for s in stats])
    chart.caption = _(
        "Doorgetrokken lijn: het gemiddelde; stippellijnen: één standaardafwijking ernaast."
    )
    ctx.small_note(chart, hidden_any)
    if groups and len(keys) == 2:
        values = agg.slider_values(ctx.session, ctx.scope.where, q, grouping)
        chart.test = describe_test(mann_whitney(values.get(keys[0], {}), values.get(keys[1], {})))
    return chart


def choice_chart(
    ctx: Context, q: QuestionInfo, groups: dict[Any, str] | None = None, grouping: Any = None
) -> Chart:
    """Bars with counts and % of the stories that answered (multichoice: a story in every bar it
    chose); with groups, bars per group and a chi-square of group × option."""
    chart = Chart(f"choice-{q.key}", "choice", q.text, f"choice:{q.key}")
    data = agg.choice_stats(ctx.session, ctx.scope.where, q, grouping)
    keys = list(groups) if groups else [None]
    stats = [data.get(k) or agg.ChoiceStats() for k in keys]
    chart.n = sum(s.stories for s in stats)
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    chart.headers = [_("Antwoord")]
    for key in keys:
        chart.headers += [groups[key] if groups else _("Verhalen"), "%"]
    hidden_any = False
    for _option, label in q.options:
        chart.rows.append([Cell(label)])
    for g, (key, s) in enumerate(zip(keys, stats, strict=True)):
        marks = []
        for row, (option, label) in enumerate(q.options):
            shown = ctx.shown(s.counts.get(option, 0))
            hidden_any |= shown is None
            href = ctx.drill(shown, choices=[(q.key, option)], **_group_region(grouping, key))
            aria = _(
                "%(label)s: %(count)s verhalen",
                label=label,
                count=_count_text(shown, ctx.min_group),
            )
            marks.append(svg.Mark(label, shown, href, aria))
            pct = f"{100 * shown / s.stories:.0f}%" if shown is not None and s.stories else "–"
            chart.rows[row] += [Cell(_count_text(shown, ctx.min_group), href), Cell(pct)]
        title = f"{q.text} — {groups[key]}" if groups else q.text
        desc = _("Staafdiagram van %(n)s verhalen die deze vraag beantwoordden.", n=s.stories)
        drawn = svg.bar_chart(f"{chart.id}-{g}", title, desc, marks, total=s.stories, colour=g)
        if g == 0:
            chart.svg = drawn
        else:
            chart.extra_svgs.append(drawn)
    ctx.small_note(chart, hidden_any)
    if groups and len(keys) >= 2:
        table = [[s.counts.get(o, 0) for o, _l in q.options] for s in stats]
        chart.test = describe_test(contingency_test(table))
    return chart


def triad_chart(ctx: Context, q: QuestionInfo) -> Chart:
    """Zones of the triangular grid (density, each a link), the points (onderzoekers only: a
    point is one story), and the geometric mean."""
    chart = Chart(f"triad-{q.key}", "triad", q.text, f"triad:{q.key}")
    points = ctx.min_group is None
    stats = (
        agg.triad_stats(ctx.session, ctx.scope.where, q, points=True).get(None) or agg.TriadStats()
    )
    chart.n, chart.na = stats.n, stats.na
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    corners = tuple(label for _k, label in q.options[:3])
    while len(corners) < 3:
        corners += ("",)
    zones, hidden_any = [], False
    chart.headers = [_("Zone"), *corners, _("Verhalen")]
    for number, zone in enumerate(agg.all_zones(), 1):
        count = stats.zones.get(zone, 0)
        shown = ctx.shown(count)
        hidden_any |= shown is None
        polygon = svg.zone_corners(*zone, agg.STEP)
        ranges = _zone_ranges(*zone)
        label = " · ".join(f"{c} {r}" for c, r in zip(corners, ranges, strict=True))
        href = ctx.drill(shown, zone=Zone(q.key, *zone))
        aria = _(
            "%(label)s: %(count)s verhalen", label=label, count=_count_text(shown, ctx.min_group)
        )
        zones.append((polygon, svg.Mark(label, shown, href, aria)))
        if count:
            chart.rows.append(
                [
                    Cell(str(number)),
                    *(Cell(r) for r in ranges),
                    Cell(_count_text(shown, ctx.min_group), href),
                ]
            )
    centre = agg.geometric_mean(stats.points)
    shown_points = [(a, b, c, n) for (a, b, c), n in stats.points.items()] if points else []
    desc = _(
        "Driehoek met %(n)s verhalen (n.v.t.: %(na)s). Het geometrisch gemiddelde ligt op "
        "%(a)s%% · %(b)s%% · %(c)s%%.",
        n=stats.n,
        na=stats.na,
        a=f"{centre[0]:.0f}" if centre else "–",
        b=f"{centre[1]:.0f}" if centre else "–",
        c=f"{centre[2]:.0f}" if centre else "–",
    )
    chart.svg = svg.triad(
        chart.id, q.text, desc, corners, zones, shown_points, centre, jitter=stats.n > 300
    )
    chart.caption = desc
    ctx.small_note(chart, hidden_any)
    if not points:
        chart.notes.append(
            _("Losse punten worden alleen aan onderzoekers getoond; je ziet de zones.")
        )
    return chart


def _zone_ranges(i: int, j: int, upper: int) -> list[str]:
    """The shares a zone covers, per corner, for the table."""
    s = agg.STEP
    if upper:
        a, b = (i * s, (i + 1) * s), (j * s, (j + 1) * s)
        c = (100 - (i + j + 2) * s, 100 - (i + j + 1) * s)
    else:
        a, b = (i * s, (i + 1) * s), (j * s, (j + 1) * s)
        c = (100 - (i + j + 1) * s, 100 - (i + j) * s)
    return [f"{lo}–{hi}%" for lo, hi in (a, b, c)]
