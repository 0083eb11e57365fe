"""The SQL aggregates against small data sets computed by hand."""

from __future__ import annotations

import math

import pytest
from sqlalchemy import true

from portal.analysis import aggregates as agg
from portal.models import Story


def test_slider_histogram_mean_sd_and_na(session, answered, reflection_questions):
    for value in (0, 9, 10, 55, 99, 100):
        answered(agency=value)
    answered(agency=None)
    answered(motivation=40)  # another question: not counted
    stats = agg.slider_stats(session, true(), reflection_questions["agency"])[None]
    assert stats.bins == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert stats.n == 6 and stats.na == 1
    values = [0, 9, 10, 55, 99, 100]
    mean = sum(values) / 6
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / 5)
    assert stats.summary.mean == pytest.approx(mean)
    assert stats.summary.sd == pytest.approx(sd)


def test_choice_and_multichoice_counts(session, answered, reflection_questions):
    answered(feeling="positive", life_domains=["body", "mind"])
    answered(feeling="positive", life_domains=["body"])
    answered(feeling="negative")
    feeling = agg.choice_stats(session, true(), reflection_questions["feeling"])[None]
    assert feeling.counts == {"positive": 2, "negative": 1} and feeling.stories == 3
    domains = agg.choice_stats(session, true(), reflection_questions["life_domains"])[None]
    assert domains.counts == {"body": 2, "mind": 1} and domains.stories == 2


def test_contingency_counts_stories_that_answered_both(session, answered, reflection_questions):
    answered(feeling="positive", cultural_differences="yes")
    answered(feeling="positive", cultural_differences="yes")
    answered(feeling="negative", cultural_differences="no")
    answered(feeling="negative")  # no second answer: not in the table
    table = agg.contingency(
        session,
        true(),
        reflection_questions["feeling"],
        reflection_questions["cultural_differences"],
    )
    assert table == {("positive", "yes"): 2, ("negative", "no"): 1}


@pytest.mark.parametrize(
    ("shares", "zone"),
    [
        ((100, 0, 0), (4, 0, 0)),
        ((0, 100, 0), (0, 4, 0)),
        ((0, 0, 100), (0, 0, 0)),
        ((80, 20, 0), (3, 1, 0)),  # a vertex on the bottom edge: the lower triangle beside it
        ((20, 80, 0), (0, 4, 0)),
        ((10, 10, 80), (0, 0, 0)),
        ((15, 15, 70), (0, 0, 1)),
        ((34, 33, 33), (1, 1, 1)),
        ((50, 50, 0), (2, 2, 0)),
        ((30, 30, 40), (1, 1, 0)),  # on the diagonal: the lower triangle
        ((35, 35, 30), (1, 1, 1)),
    ],
)
def test_zone_of_a_point(shares, zone):
    assert agg.zone_of(*shares) == zone
    assert zone in agg.all_zones()


def test_every_point_has_exactly_one_zone_of_the_grid():
    zones = agg.all_zones()
    assert len(zones) == agg.ZONES**2
    seen = {agg.zone_of(a, b, 100 - a - b) for a in range(101) for b in range(101 - a)}
    assert seen == set(zones)


def test_triad_zones_in_sql_equal_the_python_twin(session, answered, reflection_questions):
    shares = [(100, 0, 0), (80, 20, 0), (15, 15, 70), (35, 35, 30), (35, 35, 30), (0, 0, 100)]
    for s in shares:
        answered(role_balance=s)
    answered(role_balance=None)
    stats = agg.triad_stats(session, true(), reflection_questions["role_balance"])[None]
    expected: dict = {}
    for s in shares:
        expected[agg.zone_of(*s)] = expected.get(agg.zone_of(*s), 0) + 1
    assert stats.zones == expected
    assert stats.na == 1 and stats.n == 6
    assert stats.points[(35, 35, 30)] == 2


def test_geometric_mean_by_hand():
    centre = agg.geometric_mean({(50, 25, 25): 1, (20, 40, 40): 1})
    g = [math.sqrt(50 * 20), math.sqrt(25 * 40), math.sqrt(25 * 40)]
    assert centre == pytest.approx(tuple(100 * x / sum(g) for x in g))
    # a zero share is replaced by half a point instead of making the mean zero
    assert agg.geometric_mean({(100, 0, 0): 1})[1] > 0


def test_trend_by_cycle(session, answered, reflection_questions, team):
    from datetime import date

    answered(agency=40, written_on=date(2026, 1, 6))
    answered(agency=60, written_on=date(2026, 1, 7))
    answered(agency=90, written_on=date(2026, 1, 20))
    trend = agg.trend_by_cycle(session, true(), reflection_questions["agency"])
    assert sorted(trend) == [1, 2]
    assert trend[1].n == 2 and trend[1].mean == 50
    # t-interval: 50 ± t(0.975, 1) · sd / √2 with sd = √200
    assert trend[1].high - 50 == pytest.approx(12.7062 * math.sqrt(200) / math.sqrt(2), rel=1e-4)
    assert trend[2].n == 1 and trend[2].low is None


def test_grouping_splits_counts_by_team(
    session, answered, reflection_questions, make_team, make_user
):
    other = make_team("Team Zuid")
    km = make_user("klantmanager", teams=[other], research_consent=True)
    answered(agency=10)
    answered(author=km, agency=95)
    by_team = agg.slider_stats(
        session, true(), reflection_questions["agency"], agg.Grouping(Story.team_id)
    )
    assert by_team[other.id].bins[9] == 1 and sum(by_team[other.id].bins) == 1
