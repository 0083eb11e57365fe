"""Patterns: every pairwise test of a framework in one table, with effect size, p and the
Benjamini-Hochberg q (corrected for the number of tests), each row linking to its chart.

Choice × choice: chi-square / Cramér's V (Fisher for a 2×2 with small expected counts); slider ×
slider: Spearman's rho; slider × choice option: two-sided Mann-Whitney U of the stories with the
option against those without (effect: rank-biserial r); each triad corner (its share, 0–100) like a
slider. Seven GROUP BY statements, whatever the number of questions or stories."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from portal.analysis import batch
from portal.analysis.questions import QuestionInfo, of_type
from portal.analysis.scope import Scope
from portal.analysis.statistics import (
    TestResult,
    benjamini_hochberg,
    contingency_test,
    mann_whitney,
    spearman,
)
from portal.models import QuestionType


@dataclass
class PatternRow:
    first: QuestionInfo
    second: QuestionInfo
    option: str | None  # slider × choice: the option tested against the rest
    result: TestResult
    q: float | None = None

    @property
    def chart_args(self) -> dict[str, str]:
        if self.first.type is QuestionType.TRIAD:
            return {"show": self.first.key}
        if self.first.type is QuestionType.SLIDER and self.second.type is QuestionType.SLIDER:
            return {"sx": self.first.key, "sy": self.second.key}
        if self.option is not None:
            return {"show": self.first.key, "c." + self.second.key: self.option}
        return {"x": self.first.key, "y": self.second.key}

    @property
    def anchor(self) -> str:
        if self.first.type is QuestionType.TRIAD:
            return f"triad-{self.first.key}"
        if self.first.type is QuestionType.SLIDER and self.second.type is QuestionType.SLIDER:
            return f"scatter-{self.first.key}-{self.second.key}"
        if self.option is not None:
            return f"slider-{self.first.key}"
        return f"table-{self.first.key}-{self.second.key}"


def all_tests(
    session: Session, scope: Scope, questions: dict[str, QuestionInfo]
) -> list[PatternRow]:
    """Every test of the framework from seven GROUP BY statements (see :mod:`batch`)."""
    where = scope.where
    choices = of_type(questions, QuestionType.CHOICE, QuestionType.MULTICHOICE)
    sliders = of_type(questions, QuestionType.SLIDER)
    rows: list[PatternRow] = []
    tables = batch.contingencies(session, where, choices)
    for a, b in combinations(choices, 2):
        counts = tables.get((a.key, b.key), {})
        table = [[counts.get((r, c), 0) for c, _l in b.options] for r, _l in a.options]
        rows.append(PatternRow(a, b, None, contingency_test(table)))
    pairs = batch.slider_pairs(session, where, sliders)
    for a, b in combinations(sliders, 2):
        rows.append(PatternRow(a, b, None, spearman(pairs.get((a.key, b.key), {}))))
    values = batch.slider_values(session, where, sliders)
    split = batch.slider_by_option(session, where, sliders, choices)
    for slider in sliders:
        everyone = values.get(slider.key, {})
        for choice in choices:
            by_option = split.get((slider.key, choice.key), {})
            for option, _label in choice.options:
                with_option = by_option.get(option, {})
                rest = {v: everyone.get(v, 0) - with_option.get(v, 0) for v in everyone}
                rest = {v: n for v, n in rest.items() if n > 0}
                rows.append(PatternRow(slider, choice, option, mann_whitney(with_option, rest)))
    rows.extend(
        _corner_tests(session, where, of_type(questions, QuestionType.TRIAD), sliders, choices)
    )
    valid = [row for row in rows if row.result.valid]
    for row, q in zip(valid, benjamini_hochberg([r.result.p for r in valid]), strict=True):
        row.q = q
    return rows


def _corners(triad: QuestionInfo) -> list[QuestionInfo]:
    """Each corner of a triad as a question of its own: its share of the story, 0–100."""
    return [
        QuestionInfo(triad.key, QuestionType.TRIAD, f"{triad.text}: {label}", [], False, triad.ids)
        for _option, label in triad.options
    ]


def _corner_tests(
    session: Session,
    where: ColumnElement[bool],
    triads: list[QuestionInfo],
    sliders: list[QuestionInfo],
    choices: list[QuestionInfo],
) -> list[PatternRow]:
    """Each triad corner against each slider (Spearman) and each choice option (Mann-Whitney),
    from three more statements (see :mod:`batch`)."""
    if not triads:
        return []
    pairs = batch.triads_against_sliders(session, where, triads, sliders)
    split = batch.triads_against_choices(session, where, triads, choices)
    everyone = batch.corner_values(session, where, triads)
    rows: list[PatternRow] = []
    for triad in triads:
        for corner, part in enumerate(_corners(triad)):
            for slider in sliders:
                placed = pairs.get((triad.key, corner, slider.key), {})
                rows.append(PatternRow(part, slider, None, spearman(placed)))
            shares = everyone.get((triad.key, corner), {})
            for choice in choices:
                by_option: dict[str, dict[int, int]] = {}
                for (share, option), n in split.get((triad.key, corner, choice.key), {}).items():
                    by_option.setdefault(option, {})[share] = n
                for option, _label in choice.options:
                    with_option = by_option.get(option, {})
                    rest = {v: shares[v] - with_option.get(v, 0) for v in shares}
                    rest = {v: n for v, n in rest.items() if n > 0}
                    rows.append(PatternRow(part, choice, option, mann_whitney(with_option, rest)))
    return rows


def sort_rows(rows: list[PatternRow], order: str) -> list[PatternRow]:
    """By q (default), p, or the size of the effect (largest first); rows without a valid test
    last."""
    if order == "effect":
        return sorted(rows, key=lambda r: (r.q is None, -abs(_effect_size(r))))
    key = "p" if order == "p" else "q"
    return sorted(rows, key=lambda r: (r.q is None, (r.result.p if key == "p" else r.q) or 0))


def _effect_size(row: PatternRow) -> float:
    """Comparable strength: Cramér's V, |rho|, |r|; Fisher's odds ratio as |log| scaled to 0–1."""
    effect = row.result.effect or 0.0
    if row.result.name == "fisher":
        import math

        return min(abs(math.log(effect)) / 3, 1.0) if effect > 0 else 1.0
    return abs(effect)
