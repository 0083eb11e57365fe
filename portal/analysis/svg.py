"""Charts as server-side SVG: no JavaScript, no external library, printable.

Every chart has a ``<title>`` and a ``<desc>`` (its accessible name and description), uses the
Okabe-Ito colour-blind-safe palette with a dark outline on every mark and a distinct shape per
group, and wraps every bar, bin, cell and zone that has a drill-down in an ``<a>`` with an
``aria-label`` saying what it holds. Only presentation attributes, never ``style=`` (strict CSP).
The numbers are in a table beside each chart (the templates)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
OUTLINE = "#1b1b1b"
#: One shape per group, so groups differ by more than colour.
SHAPES = ("circle", "square", "triangle", "diamond")
FONT = 'font-family="system-ui, sans-serif"'


@dataclass(frozen=True)
class Mark:
    """One bar, bin, cell or zone: its label, its count (None: hidden, a small group), the
    drill-down link (None: no link), and the words for screen readers."""

    label: str
    count: int | None
    href: str | None = None
    aria: str = ""


def _f(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="group" aria-labelledby="{chart_id}-t {chart_id}-d" {FONT} font-size="12">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>'
    )


def _link(mark: Mark, inner: str) -> str:
    if not mark.href or not mark.count:
        return inner
    return (
        f'<a href="{escape(mark.href)}" aria-label="{escape(mark.aria or mark.label)}" '
        f'class="chart__link">{inner}</a>'
    )


def _text(
    x: float, y: float, text: str, anchor: str = "start", size: int = 12, extra: str = ""
) -> str:
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{OUTLINE}"{extra}>{escape(text)}</text>'
    )


def shape(kind: str, x: float, y: float, r: float, fill: str, opacity: float = 1.0) -> str:
    common = f'fill="{fill}" fill-opacity="{_f(opacity)}" stroke="{OUTLINE}" stroke-width="0.6"'
    if kind == "square":
        return f'<rect x="{_f(x - r)}" y="{_f(y - r)}" width="{_f(2 * r)}" height="{_f(2 * r)}" {common}/>'
    if kind == "triangle":
        pts = f"{_f(x)},{_f(y - r * 1.2)} {_f(x - r * 1.1)},{_f(y + r * 0.8)} {_f(x + r * 1.1)},{_f(y + r * 0.8)}"
        return f'<polygon points="{pts}" {common}/>'
    if kind == "diamond":
        pts = f"{_f(x)},{_f(y - r * 1.3)} {_f(x + r * 1.3)},{_f(y)} {_f(x)},{_f(y + r * 1.3)} {_f(x - r * 1.3)},{_f(y)}"
        return f'<polygon points="{pts}" {common}/>'
    return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" {common}/>'


# --- bars ----------------------------------------------------------------------------------------


def bar_chart(
    chart_id: str, title: str, desc: str, marks: Sequence[Mark], *, total: int, colour: int = 0
) -> Markup:
    """Horizontal bars with count and % of ``total``; hidden counts drawn as an outline only."""
    row, label_w, bar_w = 28, 190, 250
    height = row * len(marks) + 12
    width = label_w + bar_w + 90
    top = max([m.count or 0 for m in marks] + [1])
    out = [_open(chart_id, width, height, title, desc)]
    for k, mark in enumerate(marks):
        y = 6 + k * row
        out.append(_text(label_w - 6, y + 17, _clip(mark.label, 30), "end"))
        if mark.count is None:
            bar = f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row - 8}" fill="none" stroke="{OUTLINE}" stroke-dasharray="4 3"/>'
            out.append(bar + _text(label_w + 6, y + 17, "< min"))
            continue
        w = bar_w * mark.count / top
        pct = 100 * mark.count / total if total else 0
        rect = (
            f'<rect x="{label_w}" y="{y + 4}" width="{_f(max(w, 1))}" height="{row - 8}" '
            f'fill="{PALETTE[colour % len(PALETTE)]}" stroke="{OUTLINE}" stroke-width="0.8"/>'
        )
        out.append(_link(mark, rect))
        out.append(_text(label_w + w + 6, y + 17, f"{mark.count} ({pct:.0f}%)"))
    out.append("</svg>")
    return Markup("".join(out))


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def histogram(
    chart_id: str,
    title: str,
    desc: str,
    marks: Sequence[Mark],
    *,
    mean: float | None,
    sd: float | None,
    poles: tuple[str, str],
    colour: int = 0,
) -> Markup:
    """Ten bins over 0–100 with the mean (solid line) and mean ± sd (dashed) marked."""
    left, width, plot_h, top_pad = 36, 420, 150, 12
    height = top_pad + plot_h + 56
    top = max([m.count or 0 for m in marks] + [1])
    bin_w = width / len(marks)
    out = [_open(chart_id, left + width + 16, height, title, desc)]
    base = top_pad + plot_h
    out.append(
        f'<line x1="{left}" y1="{base}" x2="{left + width}" y2="{base}" stroke="{OUTLINE}"/>'
    )
    out.append(_text(left - 4, top_pad + 10, str(top), "end", 11))
    out.append(_text(left - 4, base, "0", "end", 11))
    for k, mark in enumerate(marks):
        x = left + k * bin_w
        if mark.count is None:
            out.append(
                f'<rect x="{_f(x + 2)}" y="{base - plot_h / 3}" width="{_f(bin_w - 4)}" '
                f'height="{_f(plot_h / 3)}" fill="none" stroke="{OUTLINE}" stroke-dasharray="4 3"/>'
            )
            continue
        h = plot_h * mark.count / top
        rect = (
            f'<rect x="{_f(x + 2)}" y="{_f(base - h)}" width="{_f(bin_w - 4)}" height="{_f(max(h, 0.5))}" '
            f'fill="{PALETTE[colour % len(PALETTE)]}" stroke="{OUTLINE}" stroke-width="0.8"/>'
        )
        out.append(_link(mark, rect))
        if mark.count:
            out.append(_text(x + bin_w / 2, base - h - 3, str(mark.count), "middle", 10))
    for k in (0, 5, 10):
        out.append(_text(left + width * k / 10, base + 14, str(k * 10), "middle", 10))
    out.append(_text(left, base + 32, _clip(poles[0], 34)))
    out.append(_text(left + width, base + 32, _clip(poles[1], 34), "end"))
    if mean is not None:
        mx = left + width * mean / 100
        out.append(
            f'<line x1="{_f(mx)}" y1="{top_pad}" x2="{_f(mx)}" y2="{base}" stroke="{OUTLINE}" stroke-width="2"/>'
        )
        if sd is not None:
            for edge in (mean - sd, mean + sd):
                ex = left + width * min(max(edge, 0), 100) / 100
                out.append(
                    f'<line x1="{_f(ex)}" y1="{top_pad}" x2="{_f(ex)}" y2="{base}" '
                    f'stroke="{OUTLINE}" stroke-dasharray="5 4"/>'
                )
    out.append("</svg>")
    return Markup("".join(out))


# --- triads --------------------------------------------------------------------------------------

#: Corner a on top, b bottom left, c bottom right (as the input in portal/frameworks/answers.py).
TRI = {"a": (200.0, 30.0), "b": (30.0, 324.0), "c": (370.0, 324.0)}


def triad_xy(a: float, b: float, c: float) -> tuple[float, float]:
    total = a + b + c or 1
    x = (a * TRI["a"][0] + b * TRI["b"][0] + c * TRI["c"][0]) / total
    y = (a * TRI["a"][1] + b * TRI["b"][1] + c * TRI["c"][1]) / total
    return x, y


def zone_corners(i: int, j: int, upper: int, step: int) -> list[tuple[float, float]]:
    ab = [(i + 1, j), (i, j + 1), (i + 1, j + 1)] if upper else [(i, j), (i + 1, j), (i, j + 1)]
    return [triad_xy(p * step, q * step, 100 - (p + q) * step) for p, q in ab]


def triad(
    chart_id: str,
    title: str,
    desc: str,
    corners: tuple[str, str, str],
    zones: Sequence[tuple[list[tuple[float, float]], Mark]],
    points: Sequence[tuple[float, float, float, int]],
    centre: tuple[float, ...] | None,
    *,
    jitter: bool = False,
) -> Markup:
    """The triangle with a density layer (zones shaded by count, each a link), the points (sized
    by how many stories share a position, jittered when there are many) and the geometric mean."""
    out = [_open(chart_id, 400, 380, title, desc)]
    top = max([m.count or 0 for _p, m in zones] + [1])
    for polygon, mark in zones:
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in polygon)
        opacity = 0.08 + 0.6 * (mark.count or 0) / top
        fill = PALETTE[4] if mark.count is not None else "#ffffff"
        poly = (
            f'<polygon points="{pts}" fill="{fill}" fill-opacity="{_f(opacity)}" '
            f'stroke="{OUTLINE}" stroke-width="0.3"/>'
        )
        out.append(_link(mark, poly))
    edge = " ".join(f"{_f(x)},{_f(y)}" for x, y in TRI.values())
    out.append(f'<polygon points="{edge}" fill="none" stroke="{OUTLINE}" stroke-width="1.5"/>')
    out.append('<g aria-hidden="true">')
    for k, (a, b, c, count) in enumerate(points):
        x, y = triad_xy(a, b, c)
        if jitter:
            x += ((k * 7919) % 11 - 5) * 0.5
            y += ((k * 104729) % 11 - 5) * 0.5
        r = min(2 + count**0.5, 9)
        out.append(shape("circle", x, y, r, PALETTE[0], 0.55))
    if centre:
        x, y = triad_xy(*centre)
        out.append(shape("diamond", x, y, 7, PALETTE[1]))
    out.append("</g>")
    (ax, ay), (bx, by), (cx, cy) = TRI.values()
    out.append(_text(ax, ay - 12, _clip(corners[0], 48), "middle"))
    out.append(_text(bx - 20, by + 22, _clip(corners[1], 34), "start"))
    out.append(_text(cx + 20, cy + 40, _clip(corners[2], 34), "end"))
    out.append("</svg>")
    return Markup("".join(out))


# --- two sliders ---------------------------------------------------------------------------------


def heat_grid(
    chart_id: str,
    title: str,
    desc: str,
    cells: Sequence[Sequence[Mark]],
    *,
    x_poles: tuple[str, str],
    y_poles: tuple[str, str],
) -> Markup:
    """A 10 × 10 grid of two sliders (x across, y up), each cell shaded by its count and linked."""
    left, size, cell = 40, 300, 30.0
    out = [_open(chart_id, left + size + 20, size + 70, title, desc)]
    top = max([m.count or 0 for row in cells for m in row] + [1])
    for yi, row in enumerate(cells):
        for xi, mark in enumerate(row):
            x, y = left + xi * cell, size - (yi + 1) * cell + 10
            count = mark.count or 0
            opacity = 0.04 + 0.9 * count / top
            rect = (
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{cell}" height="{cell}" fill="{PALETTE[0]}" '
                f'fill-opacity="{_f(opacity)}" stroke="{OUTLINE}" stroke-width="0.3"/>'
            )
            out.append(_link(mark, rect))
            if count:
                fill = "#ffffff" if count / top > 0.55 else OUTLINE
                out.append(
                    f'<text x="{_f(x + cell / 2)}" y="{_f(y + cell / 2 + 4)}" text-anchor="middle" '
                    f'font-size="10" fill="{fill}" aria-hidden="true">{count}</text>'
                )
    out.append(
        f'<rect x="{left}" y="10" width="{size}" height="{size}" fill="none" stroke="{OUTLINE}"/>'
    )
    out.append(_text(left, size + 30, _clip(x_poles[0], 26)))
    out.append(_text(left + size, size + 30, _clip(x_poles[1], 26), "end"))
    out.append(
        _text(left, size + 50, "↑ " + _clip(y_poles[1], 24) + " / ↓ " + _clip(y_poles[0], 24))
    )
    out.append("</svg>")
    return Markup("".join(out))


def correlation_map(
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    cells: dict[tuple[int, int], tuple[float | None, str | None]],
) -> Markup:
    """Spearman's rho of every pair of sliders: blue positive, vermillion negative, darker when
    stronger; each cell links to that pair's scatter."""
    n, cell, left = len(labels), 56, 150
    out = [_open(chart_id, left + n * cell + 10, 20 + n * cell + 10, title, desc)]
    for r in range(n):
        out.append(_text(left - 6, 20 + r * cell + cell / 2 + 4, _clip(labels[r], 22), "end", 11))
        for c in range(n):
            x, y = left + c * cell, 20 + r * cell
            rho, href = cells.get((r, c), (None, None))
            if rho is None:
                out.append(
                    f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="#ffffff" stroke="{OUTLINE}" stroke-width="0.3"/>'
                )
                continue
            fill = PALETTE[0] if rho >= 0 else PALETTE[1]
            rect = (
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{fill}" '
                f'fill-opacity="{_f(0.08 + 0.85 * min(abs(rho), 1))}" stroke="{OUTLINE}" stroke-width="0.3"/>'
            )
            text_fill = "#ffffff" if abs(rho) > 0.55 else OUTLINE
            label = f'<text x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle" font-size="11" fill="{text_fill}">{rho:+.2f}</text>'
            mark = Mark(f"{labels[r]} × {labels[c]}: rho {rho:+.2f}", 1, href)
            out.append(_link(mark, rect + label))
    out.append("</svg>")
    return Markup("".join(out))


# --- trends --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[int, float, float | None, float | None]]  # cycle, mean, low, high


#: The longest legend label that fits in its half of the width beside another.
SIDE_BY_SIDE_CHARS = 26


def trend(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    cycles: Sequence[int],
    labels: Mapping[int, tuple[str, str]] | None = None,
) -> Markup:
    """Mean per cycle with its 95% interval (a vertical whisker); one colour and shape per series.
    ``labels``: a tick's text and a second line under it (the cycle number when left out); past two
    series, or with a label too long for half the width, the legend gives each its own line."""
    left, width, height, top_pad = 36, 420, 180, 12
    under = 14 if labels else 0
    # one series per line, with room for a longer label, past two series or a short label's room
    stacked = len(series) > 2 or any(len(s.label) > SIDE_BY_SIDE_CHARS for s in series)
    legend_rows = len(series) if stacked else 1
    out = [
        _open(
            chart_id,
            left + width + 16,
            top_pad + height + 50 + under + 16 * (legend_rows - 1),
            title,
            desc,
        )
    ]
    base = top_pad + height
    out.append(
        f'<rect x="{left}" y="{top_pad}" width="{width}" height="{height}" fill="none" stroke="{OUTLINE}"/>'
    )
    for v in (0, 50, 100):
        y = base - height * v / 100
        out.append(_text(left - 4, y + 4, str(v), "end", 10))
        out.append(
            f'<line x1="{left}" y1="{_f(y)}" x2="{left + width}" y2="{_f(y)}" stroke="#c8ccd2" stroke-width="0.5"/>'
        )
    if not cycles:
        out.append("</svg>")
        return Markup("".join(out))
    span = max(len(cycles) - 1, 1)
    xs = {c: left + 14 + (width - 28) * k / span for k, c in enumerate(cycles)}
    for c in cycles:
        tick, second = labels[c] if labels else (str(c), "")
        out.append(_text(xs[c], base + 14, tick, "middle", 10))
        if second:
            out.append(_text(xs[c], base + 14 + under, second, "middle", 10))
    for s, ser in enumerate(series):
        colour, kind = PALETTE[s % len(PALETTE)], SHAPES[s % len(SHAPES)]
        offset = (s - (len(series) - 1) / 2) * 5
        line = []
        for cycle, mean, low, high in ser.points:
            x = xs[cycle] + offset
            y = base - height * mean / 100
            line.append(f"{_f(x)},{_f(y)}")
            if low is not None and high is not None:
                y1, y2 = base - height * max(low, 0) / 100, base - height * min(high, 100) / 100
                out.append(
                    f'<line x1="{_f(x)}" y1="{_f(y1)}" x2="{_f(x)}" y2="{_f(y2)}" stroke="{colour}" stroke-width="2"/>'
                )
        if len(line) > 1:
            out.append(
                f'<polyline points="{" ".join(line)}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
            )
        for cycle, mean, _low, _high in ser.points:
            out.append(shape(kind, xs[cycle] + offset, base - height * mean / 100, 4.5, colour))
    for s, ser in enumerate(series):
        x = left if stacked else left + s * 200
        y = base + 34 + under + (16 * s if stacked else 0)
        out.append(shape(SHAPES[s % len(SHAPES)], x + 6, y, 5, PALETTE[s % len(PALETTE)]))
        out.append(_text(x + 16, y + 4, _clip(ser.label, 62 if stacked else SIDE_BY_SIDE_CHARS)))
    out.append("</svg>")
    return Markup("".join(out))
