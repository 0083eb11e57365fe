"""The patterns table's batch counts (every pair in one statement) against the per-pair chart
aggregates, and the statements it sends."""

from __future__ import annotations

from itertools import combinations

from portal.analysis import aggregates as agg
from portal.analysis import batch, pairs, patterns
from portal.analysis.chartkit import SIGNED, Context, dec
from portal.analysis.pages import analysis_rule
from portal.analysis.questions import kind_questions, of_type
from portal.analysis.scope import Scope
from portal.analysis.statistics import spearman
from portal.models import QuestionType, StoryKind
from portal.stories.filters import StoryFilter
from tests.helpers import count_queries


def _scope(researcher) -> Scope:
    return Scope(analysis_rule(researcher), StoryFilter())


def _many(answered):
    for k in range(12):
        answered(
            agency=None if k == 5 else (k * 13) % 101,
            motivation=(k * 29) % 101,
            feeling=("positive", "mixed", "negative")[k % 3],
            cultural_differences="yes" if k % 4 else "no",
            life_domains=["body", "mind"] if k % 2 else ["work"],
            role_balance=None if k == 7 else (10 * (k % 3), 50, 100 - 50 - 10 * (k % 3)),
        )


def test_batch_counts_equal_the_per_pair_chart_counts(session, answered, researcher):
    _many(answered)
    questions = kind_questions(session, StoryKind.REFLECTION, "nl")
    where = _scope(researcher).where
    choices = of_type(questions, QuestionType.CHOICE, QuestionType.MULTICHOICE)
    sliders = of_type(questions, QuestionType.SLIDER)

    tables = batch.contingencies(session, where, choices)
    for a, b in combinations(choices, 2):
        assert dict(tables.get((a.key, b.key), {})) == agg.contingency(session, where, a, b)
    pairs = batch.slider_pairs(session, where, sliders)
    for a, b in combinations(sliders, 2):
        assert dict(pairs.get((a.key, b.key), {})) == agg.slider_pairs(session, where, a, b)
    values = batch.slider_values(session, where, sliders)
    for slider in sliders:
        expected = agg.slider_values(session, where, slider).get(None, {})
        assert dict(values.get(slider.key, {})) == expected
    agency = questions["agency"]
    split = batch.slider_by_option(session, where, sliders, choices)
    by_feeling = split["agency", "feeling"]
    assert sum(by_feeling["positive"].values()) == 4  # k = 1, 4, 7, 10
    assert sum(sum(v.values()) for v in by_feeling.values()) == sum(
        agg.slider_values(session, where, agency).get(None, {}).values()
    )  # the n.v.t. story (k = 5) is in no group


def test_the_patterns_table_sends_the_same_statements_for_more_stories(
    app, session, answered, researcher
):
    questions = kind_questions(session, StoryKind.REFLECTION, "nl")
    engine = app.extensions["db_engine"]
    sent = []
    for _round in range(2):
        _many(answered)
        scope = _scope(researcher)
        with count_queries(engine) as counted:
            rows = patterns.all_tests(session, scope, questions)
        sent.append(counted.count)
    assert sent[0] == sent[1] == 7
    assert any(row.q is not None for row in rows)


def test_triad_corners_are_tested_against_sliders_and_options(session, answered, researcher):
    _many(answered)
    questions = kind_questions(session, StoryKind.REFLECTION, "nl")
    where = _scope(researcher).where
    triad = questions["role_balance"]
    # k = 0..11 but 7 (n.v.t.): corner a = 10·(k mod 3), and feeling follows k mod 3 too
    shares = batch.corner_values(session, where, [triad])
    assert dict(shares["role_balance", 0]) == {0: 4, 10: 3, 20: 4}
    assert dict(shares["role_balance", 1]) == {50: 11}
    split = batch.triads_against_choices(session, where, [triad], [questions["feeling"]])
    expected = {(0, "positive"): 4, (10, "mixed"): 3, (20, "negative"): 4}
    assert dict(split["role_balance", 0, "feeling"]) == expected
    pairs = batch.triads_against_sliders(session, where, [triad], [questions["motivation"]])
    assert sum(pairs["role_balance", 2, "motivation"].values()) == 11

    rows = patterns.all_tests(session, _scope(researcher), questions)
    corners = [r for r in rows if r.first.key == "role_balance"]
    assert all(r.chart_args == {"show": "role_balance"} for r in corners)
    assert all(r.anchor == "triad-role_balance" for r in corners)
    first_corner = f"{triad.text}: {triad.options[0][1]}"
    positive = next(r for r in corners if r.first.text == first_corner and r.option == "positive")
    assert positive.result.valid and positive.result.effect == -1.0  # every one lowest on a
    assert positive.q is not None


def test_the_correlation_map_counts_every_pair_in_one_statement(app, session, answered, researcher):
    """Each cell's rho equals Spearman's on the pair's own chart counts; one statement in all."""
    _many(answered)
    answered(agency=90, motivation=10, feeling="negative")  # one story against the trend
    questions = kind_questions(session, StoryKind.REFLECTION, "nl")
    sliders = of_type(questions, QuestionType.SLIDER)
    scope = _scope(researcher)
    ctx = Context(session, scope, lambda _scope: "/analysis/stories", None)
    with count_queries(app.extensions["db_engine"]) as counted:
        chart = pairs.correlation_chart(ctx, sliders, lambda x, y: f"/scatter/{x}/{y}")
    assert counted.count == 1
    rho = {}
    for r, row in enumerate(chart.rows):
        for c, cell in enumerate(row[1:]):
            rho[r, c] = cell.text
    assert len(sliders) >= 3 and chart.n == 12  # 13 stories; the k = 5 one placed no agency
    for (r, x), (c, y) in combinations(enumerate(sliders), 2):
        expected = spearman(agg.slider_pairs(session, scope.where, x, y))
        text = dec(expected.effect, SIGNED) if expected.valid else dec(None, SIGNED)
        assert rho[r, c] == rho[c, r] == text, (x.key, y.key)
    agency, motivation = sliders.index(questions["agency"]), sliders.index(questions["motivation"])
    assert rho[agency, motivation] not in ("", "–")  # the one pair with data has a value
