"""The statistics against textbook tables and SciPy's own reference functions."""

from __future__ import annotations

import math

import pytest
from scipy import stats

from portal.analysis import statistics as st


def test_chi_square_and_cramers_v_on_the_textbook_table():
    # Wikipedia "Chi-squared test", the neighbourhood × occupation example: χ² ≈ 24.6, df 6,
    # p ≈ 0.0004.
    table = [[90, 60, 104, 95], [30, 50, 51, 20], [30, 40, 45, 35]]
    result = st.contingency_test(table)
    assert result.name == "chi2" and result.valid
    assert result.statistic == pytest.approx(24.57, abs=0.01)
    assert result.p == pytest.approx(0.00041, abs=0.00002)
    n = 650
    assert result.effect == pytest.approx(math.sqrt(result.statistic / (n * 2)), rel=1e-6)


def test_fisher_exact_for_a_small_two_by_two():
    # Fisher's lady tasting tea: 3 of 4 cups right, two-sided p = 34/70 ≈ 0.486.
    result = st.contingency_test([[3, 1], [1, 3]])
    assert result.name == "fisher"
    assert result.p == pytest.approx(34 / 70, rel=1e-9)
    assert result.effect == pytest.approx(9.0)


def test_no_valid_test_says_why():
    assert st.contingency_test([[1, 0, 2], [0, 1, 0], [2, 0, 1]]).reason == st.SMALL_EXPECTED
    assert st.contingency_test([[5, 7]]).reason == st.ONE_ROW_OR_COLUMN
    assert st.contingency_test([[1]]).reason == st.TOO_FEW
    assert not st.contingency_test([[1, 0, 2], [0, 1, 0], [2, 0, 1]]).valid


def test_two_by_two_with_large_counts_uses_chi_square_with_yates():
    table = [[30, 20], [15, 35]]
    result = st.contingency_test(table)
    chi2, p, _dof, _e = stats.chi2_contingency(table, correction=True)
    assert result.name == "chi2" and result.p == pytest.approx(p) and result.statistic == chi2


@pytest.mark.parametrize(
    "p_values",
    [
        [0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.049],
        [0.9, 0.001, 0.001, 0.3],
        [0.05],
        [0.2, 0.2, 0.2],
    ],
)
def test_benjamini_hochberg_equals_scipy(p_values):
    assert st.benjamini_hochberg(p_values) == pytest.approx(
        list(stats.false_discovery_control(p_values, method="bh"))
    )


def test_spearman_on_grouped_counts_equals_it_on_the_rows():
    rows = [(10, 20), (10, 20), (30, 25), (50, 70), (80, 60), (80, 90), (95, 90)]
    counts: dict = {}
    for pair in rows:
        counts[pair] = counts.get(pair, 0) + 1
    result = st.spearman(counts)
    expected = stats.spearmanr([x for x, _ in rows], [y for _, y in rows])
    assert result.effect == pytest.approx(expected.statistic)
    assert result.p == pytest.approx(expected.pvalue)
    assert st.spearman({(1, 1): 5}).reason == st.TOO_FEW or st.spearman({(1, 1): 5}).reason


def test_mann_whitney_is_two_sided_with_rank_biserial_r():
    first, second = {10: 2, 20: 1, 30: 1}, {40: 2, 80: 2, 90: 1}
    result = st.mann_whitney(first, second)
    expected = stats.mannwhitneyu([10, 10, 20, 30], [40, 40, 80, 80, 90], alternative="two-sided")
    assert result.p == pytest.approx(expected.pvalue)
    assert result.effect == pytest.approx(2 * expected.statistic / 20 - 1) == -1.0
    assert st.mann_whitney({5: 1}, second).reason == st.TOO_FEW


def test_mean_interval_uses_t():
    m = st.mean_interval(3, 60.0, 1400.0)  # values 10, 20, 30
    assert m.mean == 20 and m.sd == pytest.approx(10)
    assert m.high - 20 == pytest.approx(stats.t.ppf(0.975, 2) * 10 / math.sqrt(3))
