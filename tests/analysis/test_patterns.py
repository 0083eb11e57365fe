"""The patterns table's batch counts (every pair in one statement) against the per-pair chart
aggregates, and the statements it sends."""

from __future__ import annotations

from itertools import combinations

from portal.analysis import aggregates as agg
from portal.analysis import batch, patterns
from portal.analysis.pages import analysis_rule
from portal.analysis.questions import kind_questions, of_type
from portal.analysis.scope import Scope
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
    assert sent[0] == sent[1] == 4
    assert any(row.q is not None for row in rows)
