"""What every chart has: the SVG, the same numbers as a table, n and the n.v.t. count,
the test where one applies, and a drill-down link on every bar, bin, cell and zone.

The charts themselves are in ``charts`` (one question) and ``pairs`` (two questions, trends).

Built from the SQL aggregates of one :class:`Scope`. For everyone but onderzoekers a group smaller
than ``min_group`` is hidden (its count shown as "< 5", no link) and a chart whose n is below it is
not drawn at all; the page says so."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.orm import Session

from portal.analysis.scope import Scope
from portal.analysis.statistics import MeanInterval, TestResult

Link = Callable[[Scope], str]


@dataclass
class Cell:
    text: str
    href: str | None = None


@dataclass
class Chart:
    id: str
    kind: str  # triad, slider, choice, contingency, scatter, correlation, trend
    title: str
    spec: str  # what an observation stores to draw it again: "slider:agency"
    svg: Markup | None = None
    extra_svgs: list[Markup] = field(default_factory=list)
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    n: int = 0
    na: int | None = None
    hidden: str | None = None  # why the chart is not drawn (too few stories)
    notes: list[str] = field(default_factory=list)
    test: str | None = None


@dataclass
class Context:
    session: Session
    scope: Scope
    link: Link
    min_group: int | None  # None: nothing hidden (onderzoekers)

    def shown(self, count: int) -> int | None:
        if self.min_group and 0 < count < self.min_group:
            return None
        return count

    def too_few(self, n: int) -> str | None:
        if self.min_group and n < self.min_group:
            return _(
                "Minder dan %(min)s verhalen: deze grafiek blijft verborgen, zodat niemand "
                "herkenbaar wordt.",
                min=self.min_group,
            )
        return None

    def drill(self, count: int | None, **region: Any) -> str | None:
        if not count:
            return None
        return self.link(self.scope.narrowed(**region))

    def small_note(self, chart: Chart, hidden_any: bool) -> None:
        if hidden_any:
            chart.notes.append(
                _("Groepen van minder dan %(min)s verhalen zijn verborgen.", min=self.min_group)
            )


SIGNED = "+0.00;-0.00"


def dec(x: float | None, pattern: str) -> str:
    """A number in the reader's locale (decimal comma in Dutch)."""
    if x is None:
        return "–"
    return format_decimal(x, format=pattern)


def _count_text(count: int | None, min_group: int | None) -> str:
    return str(count) if count is not None else f"< {min_group}"


def describe_test(result: TestResult) -> str:
    """The test in one plain sentence (or why none is valid)."""
    if result.reason == "too_few":
        return _("Te weinig verhalen voor een toets.")
    if result.reason == "one_row_or_column":
        return _("Geen toets: er is maar één rij of kolom met antwoorden.")
    if result.reason == "small_expected":
        return _(
            "Geen geldige toets: te veel verwachte aantallen zijn kleiner dan 5, en Fishers exacte "
            "toets geldt alleen voor een 2×2-tabel. Voeg antwoorden samen of verzamel meer verhalen."
        )
    if result.reason == "no_variation":
        return _("Geen toets: alle antwoorden zijn gelijk.")
    p = _p(result.p)
    if result.name == "chi2":
        return _(
            "Chi-kwadraat = %(chi2)s, p %(p)s, Cramérs V = %(v)s (n = %(n)s).",
            chi2=dec(result.statistic, "0.00"),
            p=p,
            v=dec(result.effect, "0.00"),
            n=result.n,
        )
    if result.name == "fisher":
        return _(
            "Verwachte aantallen onder 5: Fishers exacte toets (tweezijdig), p %(p)s, "
            "odds ratio = %(odds)s (n = %(n)s).",
            p=p,
            odds=dec(result.effect, "0.00"),
            n=result.n,
        )
    if result.name == "spearman":
        return _(
            "Spearmans rho = %(rho)s, p %(p)s (n = %(n)s).",
            rho=dec(result.effect, SIGNED),
            p=p,
            n=result.n,
        )
    return _(
        "Mann-Whitney U = %(u)s (tweezijdig), p %(p)s, r = %(r)s (n = %(n)s).",
        u=dec(result.statistic, "0"),
        p=p,
        r=dec(result.effect, SIGNED),
        n=result.n,
    )


def _p(p: float | None) -> str:
    if p is None:
        return "= –"
    return "< " + dec(0.001, "0.000") if p < 0.001 else "= " + dec(p, "0.000")


def _na_note(na: int) -> str:
    return _("n.v.t.: %(na)s", na=na)


def _group_region(grouping: Any, key: Any) -> dict[str, Any]:
    if grouping is None or key is None:
        return {}
    return dict(grouping.region(key))


def _num(x: float | None) -> str:
    return "–" if x is None else dec(x, "0.0")


def trend_point(ctx: Context, x: int, m: MeanInterval | None) -> tuple | None:
    """A trend's point (x, mean, low, high), or None when empty or hidden (a small group)."""
    if m and ctx.shown(m.n) is not None and m.mean is not None:
        return x, m.mean, m.low, m.high
    return None


def mean_cell(ctx: Context, m: MeanInterval | None, key: str, **region: Any) -> tuple[Cell, bool]:
    """A trend table's cell, "n: mean [low–high]", linking to the stories it counted (the slider
    ``key`` placed: n.v.t. left out, as in the count); "–" when empty. The flag: hidden (a group
    smaller than the minimum, shown as "< 5")."""
    if m is None:
        return Cell("–"), False
    if ctx.shown(m.n) is None:
        return Cell(f"< {ctx.min_group}"), True
    interval = f" [{_num(m.low)}–{_num(m.high)}]" if m.low is not None else ""
    href = ctx.drill(m.n, ranges=[(key, 0, 100)], **region)
    return Cell(f"{m.n}: {_num(m.mean)}{interval}", href), False
