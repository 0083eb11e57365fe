"""Charts of two questions (contingency table, scatter, correlation map) and trends per cycle."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _

from portal.analysis import aggregates as agg
from portal.analysis import batch, svg
from portal.analysis.chartkit import (
    SIGNED,
    Cell,
    Chart,
    Context,
    _count_text,
    _num,
    dec,
    describe_test,
    mean_cell,
    trend_point,
)
from portal.analysis.questions import QuestionInfo
from portal.analysis.statistics import (
    TestResult,
    contingency_test,
    expected_counts,
    spearman,
)
from portal.models import QuestionType

# --- two questions -------------------------------------------------------------------------------


def contingency_chart(ctx: Context, rows_q: QuestionInfo, cols_q: QuestionInfo) -> Chart:
    """Observed (linked) and expected counts; chi-square with Cramér's V, Fisher for a 2×2 with
    small expected counts, or a sentence why no test is valid."""
    chart = Chart(
        f"table-{rows_q.key}-{cols_q.key}",
        "contingency",
        f"{rows_q.text} × {cols_q.text}",
        f"contingency:{rows_q.key}:{cols_q.key}",
    )
    counts = agg.contingency(ctx.session, ctx.scope.where, rows_q, cols_q)
    observed = [[counts.get((r, c), 0) for c, _l in cols_q.options] for r, _l in rows_q.options]
    chart.n = sum(map(sum, observed))
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    expected = expected_counts(observed)
    chart.headers = [
        rows_q.text,
        *(label for _k, label in cols_q.options),
        _("Totaal"),
    ]
    hidden_any = False
    for r, (rkey, rlabel) in enumerate(rows_q.options):
        row = [Cell(rlabel)]
        for c, (ckey, _clabel) in enumerate(cols_q.options):
            shown = ctx.shown(observed[r][c])
            hidden_any |= shown is None
            href = ctx.drill(shown, choices=[(rows_q.key, rkey), (cols_q.key, ckey)])
            text = _count_text(shown, ctx.min_group)
            if shown is not None:
                text += " " + _("(verwacht %(e)s)", e=_num(expected[r][c]))
            row.append(Cell(text, href))
        row.append(Cell(str(sum(observed[r]))))
        chart.rows.append(row)
    ctx.small_note(chart, hidden_any)
    chart.test = describe_test(contingency_test(observed))
    if QuestionType.MULTICHOICE in (rows_q.type, cols_q.type):
        chart.notes.append(
            _(
                "Bij een vraag met meer antwoorden telt een verhaal in elk gekozen antwoord mee; "
                "de toets gaat uit van één antwoord per verhaal en is dus een benadering."
            )
        )
    return chart


def scatter_chart(ctx: Context, x: QuestionInfo, y: QuestionInfo) -> Chart:
    """Two sliders as a 10 × 10 grid of counts (each cell a link) with Spearman's rho."""
    chart = Chart(
        f"scatter-{x.key}-{y.key}", "scatter", f"{x.text} × {y.text}", f"scatter:{x.key}:{y.key}"
    )
    pairs = agg.slider_pairs(ctx.session, ctx.scope.where, x, y)
    chart.n = sum(pairs.values())
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    grid = [[0] * agg.BINS for _r in range(agg.BINS)]
    for (vx, vy), count in pairs.items():
        grid[min(vy // 10, 9)][min(vx // 10, 9)] += count
    hidden_any, cells = False, []
    chart.headers = [f"{y.text} \\ {x.text}", *(f"{lo}–{hi}" for lo, hi in agg.BIN_BOUNDS)]
    for yi, (ylo, yhi) in enumerate(agg.BIN_BOUNDS):
        marks = []
        for xi, (xlo, xhi) in enumerate(agg.BIN_BOUNDS):
            shown = ctx.shown(grid[yi][xi])
            hidden_any |= shown is None
            href = ctx.drill(shown, ranges=[(x.key, xlo, xhi), (y.key, ylo, yhi)])
            label = f"{x.text} {xlo}–{xhi}, {y.text} {ylo}–{yhi}"
            aria = _(
                "%(label)s: %(count)s verhalen",
                label=label,
                count=_count_text(shown, ctx.min_group),
            )
            marks.append(svg.Mark(label, shown, href, aria))
        cells.append(marks)
    for yi in reversed(range(agg.BINS)):
        lo, hi = agg.BIN_BOUNDS[yi]
        chart.rows.append(
            [Cell(f"{lo}–{hi}")]
            + [Cell(_count_text(m.count, ctx.min_group), m.href) for m in cells[yi]]
        )
    result = spearman(pairs)
    chart.test = describe_test(result)
    poles = lambda q: (q.options[0][1], q.options[1][1]) if len(q.options) == 2 else ("0", "100")  # noqa: E731
    desc = _(
        "Raster van %(n)s verhalen die beide schuifjes plaatsten. %(test)s",
        n=chart.n,
        test=chart.test,
    )
    chart.svg = svg.heat_grid(
        chart.id, chart.title, desc, cells, x_poles=poles(x), y_poles=poles(y)
    )
    ctx.small_note(chart, hidden_any)
    return chart


def correlation_chart(
    ctx: Context, sliders: list[QuestionInfo], scatter_link: Callable[[str, str], str]
) -> Chart:
    """Spearman's rho of every pair of sliders, all pairs counted in one statement
    (:func:`batch.slider_pairs`), each cell linking to the pair's scatter."""
    chart = Chart("correlations", "correlation", _("Samenhang tussen de schuifjes"), "correlation")
    labels = [q.text for q in sliders]
    cells: dict[tuple[int, int], tuple[float | None, str | None]] = {}
    chart.headers = ["", *labels]
    matrix: dict[tuple[int, int], TestResult] = {}
    counted = batch.slider_pairs(ctx.session, ctx.scope.where, sliders)
    for r in range(len(sliders)):
        for c in range(r + 1, len(sliders)):
            pairs = counted.get((sliders[r].key, sliders[c].key), {})
            matrix[r, c] = matrix[c, r] = spearman(dict(pairs))
            chart.n = max(chart.n, matrix[r, c].n)
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    for r in range(len(sliders)):
        row = [Cell(labels[r])]
        for c in range(len(sliders)):
            if r == c:
                row.append(Cell("1"))
                continue
            result = matrix[r, c]
            href = scatter_link(sliders[min(r, c)].key, sliders[max(r, c)].key)
            rho = result.effect if result.valid else None
            cells[r, c] = (rho, href)
            row.append(Cell(dec(rho, SIGNED), href))
        chart.rows.append(row)
    desc = _("Spearmans rho voor elk paar schuifjes; blauw is positief, oranjerood negatief.")
    chart.svg = svg.correlation_map(chart.id, chart.title, desc, labels, cells)
    return chart


def trend_chart(ctx: Context, questions: list[QuestionInfo], title: str, chart_id: str) -> Chart:
    """Mean per cycle with its 95% interval, one series per question."""
    chart = Chart(chart_id, "trend", title, f"trend:{','.join(q.key for q in questions)}")
    series, cycles, data = [], set(), []
    for q in questions:
        by_cycle = agg.trend_by_cycle(ctx.session, ctx.scope.where, q)
        data.append(by_cycle)
        cycles |= set(by_cycle)
    chart.n = max([sum(m.n for m in d.values()) for d in data] + [0])
    chart.hidden = ctx.too_few(chart.n)
    if chart.hidden:
        return chart
    ordered = sorted(cycles)
    mean = _("gemiddelde")  # outside the f-string, where the extractor finds it
    chart.headers = [_("Ronde")] + [f"{q.text}: n, {mean} [95%]" for q in questions]
    hidden_any = False
    for q, by_cycle in zip(questions, data, strict=True):
        points = [trend_point(ctx, number, by_cycle.get(number)) for number in ordered]
        series.append(svg.Series(q.text, [p for p in points if p]))
    for number in ordered:
        row = [Cell(str(number))]
        for q, by_cycle in zip(questions, data, strict=True):
            cell, hidden = mean_cell(
                ctx, by_cycle.get(number), q.key, cycle_from=number, cycle_to=number
            )
            row.append(cell)
            hidden_any = hidden_any or hidden
        chart.rows.append(row)
    desc = _("Gemiddelde per ronde met het 95%%-betrouwbaarheidsinterval.")
    chart.svg = svg.trend(chart.id, title, desc, series, ordered)
    ctx.small_note(chart, hidden_any)
    return chart
