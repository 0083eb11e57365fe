"""Statistics from SciPy on aggregated counts (never on rows loaded one by one).

Every function takes counts as SQL returns them (value → count, or a table of counts) and answers
with a small result the page can print: the test's name, its statistic, p, an effect size, or a
plain reason why no test is valid."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.stats.contingency import association, expected_freq


@dataclass(frozen=True)
class TestResult:
    """One test: ``name`` (chi2, fisher, spearman, mannwhitney), statistic, p, effect size
    (Cramér's V, rho, rank-biserial r, odds ratio), n; or ``reason`` why none is valid."""

    name: str
    statistic: float | None = None
    p: float | None = None
    effect: float | None = None
    n: int = 0
    reason: str | None = None

    @property
    def valid(self) -> bool:
        return self.reason is None and self.p is not None and not math.isnan(self.p)


#: Reasons for "no valid test", keys the page translates.
TOO_FEW = "too_few"
ONE_ROW_OR_COLUMN = "one_row_or_column"
SMALL_EXPECTED = "small_expected"
NO_VARIATION = "no_variation"


def _trim(table: np.ndarray) -> np.ndarray:
    """Drop empty rows and columns: they carry no information and break the expected counts."""
    table = table[table.sum(axis=1) > 0]
    return table[:, table.sum(axis=0) > 0] if table.size else table


def contingency_test(observed: Sequence[Sequence[int]]) -> TestResult:
    """Chi-square with Cramér's V where it is valid (no expected count below 1 and at most 20% below
    5); Fisher's exact test for a 2×2 table whose expected counts are too small; otherwise no test,
    with the reason."""
    table = _trim(np.asarray(observed, dtype=float))
    n = int(table.sum()) if table.size else 0
    if n < 2:
        return TestResult("chi2", n=n, reason=TOO_FEW)
    if table.shape[0] < 2 or table.shape[1] < 2:
        return TestResult("chi2", n=n, reason=ONE_ROW_OR_COLUMN)
    expected = expected_freq(table)
    small = (expected < 5).sum() / expected.size
    if expected.min() >= 1 and small <= 0.2 and not (table.shape == (2, 2) and small > 0):
        chi2, p, _dof, _exp = stats.chi2_contingency(table, correction=True)  # Yates for 2×2 only
        v = association(table.astype(int), method="cramer", correction=False)
        return TestResult("chi2", statistic=float(chi2), p=float(p), effect=float(v), n=n)
    if table.shape == (2, 2):
        odds, p = stats.fisher_exact(table.astype(int), alternative="two-sided")
        return TestResult("fisher", statistic=float(odds), p=float(p), effect=float(odds), n=n)
    return TestResult("chi2", n=n, reason=SMALL_EXPECTED)


def expected_counts(observed: Sequence[Sequence[int]]) -> list[list[float]]:
    """Expected counts under independence (0 where a row or column is empty)."""
    table = np.asarray(observed, dtype=float)
    n = table.sum()
    if n == 0:
        return [[0.0] * table.shape[1] for _ in range(table.shape[0])]
    return (np.outer(table.sum(axis=1), table.sum(axis=0)) / n).tolist()


def _expand(counts: Mapping[float, int]) -> np.ndarray:
    values = np.fromiter(counts.keys(), dtype=float, count=len(counts))
    repeats = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
    return np.repeat(values, repeats)


def spearman(pairs: Mapping[tuple[float, float], int]) -> TestResult:
    """Spearman's rho and its two-sided p over (x, y) → count, as GROUP BY x, y gives it."""
    n = sum(pairs.values())
    if n < 3:
        return TestResult("spearman", n=n, reason=TOO_FEW)
    keys = list(pairs)
    repeats = np.fromiter(pairs.values(), dtype=np.int64, count=len(keys))
    x = np.repeat(np.array([k[0] for k in keys], dtype=float), repeats)
    y = np.repeat(np.array([k[1] for k in keys], dtype=float), repeats)
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return TestResult("spearman", n=n, reason=NO_VARIATION)
    result = stats.spearmanr(x, y)
    rho, p = float(result.statistic), float(result.pvalue)
    return TestResult("spearman", statistic=rho, p=p, effect=rho, n=n)


def mann_whitney(first: Mapping[float, int], second: Mapping[float, int]) -> TestResult:
    """Two-sided Mann-Whitney U of two groups given as value → count; the effect size is the
    rank-biserial correlation r = 2U/(n1·n2) − 1 (positive: the first group lies higher)."""
    x, y = _expand(first), _expand(second)
    n = len(x) + len(y)
    if len(x) < 2 or len(y) < 2:
        return TestResult("mannwhitney", n=n, reason=TOO_FEW)
    if np.ptp(np.concatenate([x, y])) == 0:
        return TestResult("mannwhitney", n=n, reason=NO_VARIATION)
    result = stats.mannwhitneyu(x, y, alternative="two-sided")
    u = float(result.statistic)
    r = 2 * u / (len(x) * len(y)) - 1
    return TestResult("mannwhitney", statistic=u, p=float(result.pvalue), effect=r, n=n)


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q), in the order given: the step-up procedure
    q(i) = min over j ≥ i of p(j)·m/j, capped at 1 (checked against SciPy's
    ``false_discovery_control`` in the tests)."""
    m = len(p_values)
    if m == 0:
        return []
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        q[i] = running
    return q


@dataclass(frozen=True)
class MeanInterval:
    n: int
    mean: float | None
    low: float | None
    high: float | None
    sd: float | None


def mean_interval(n: int, total: float, total_sq: float, level: float = 0.95) -> MeanInterval:
    """Mean, sample sd and the t-based confidence interval of the mean from n, Σx and Σx²."""
    if n == 0:
        return MeanInterval(0, None, None, None, None)
    mean = total / n
    if n < 2:
        return MeanInterval(n, mean, None, None, None)
    variance = max(0.0, (total_sq - n * mean * mean) / (n - 1))
    sd = math.sqrt(variance)
    half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return MeanInterval(n, mean, mean - half, mean + half, sd)
