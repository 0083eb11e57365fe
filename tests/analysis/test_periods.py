"""The shared indicators per quarter: klantmanagers and statushouders side by side, counted by the
date of the experience or the interview (else the cycle's start), drill-downs equal to the cells."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from portal import policy
from portal.analysis import periods
from portal.analysis.pages import analysis_rule, shared_indicators
from portal.analysis.scope import Scope
from portal.models import Cycle, Role, StoryKind
from portal.stories.filters import StoryFilter
from tests.helpers import count_queries, login

COUNT = re.compile(r'class="drill-count"[^>]*>\s*(\d+) verha')


@pytest.mark.parametrize(
    ("day", "index", "first", "last"),
    [
        (date(2026, 1, 1), 2026 * 4, date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 6, 30), 2026 * 4 + 1, date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 12, 31), 2026 * 4 + 3, date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_quarter_index_and_bounds(day, index, first, last):
    assert periods.quarter_of(day) == index
    assert periods.quarter_bounds(index) == (first, last)


def _stories(session, answered, vb, consented):
    """Q1 2026: klantmanagers 10 and 30, a statushouder 70; Q2 2026: a klantmanager 50; one
    interview without a date; one klantmanager n.v.t.; one reflection dated by its cycle."""
    answered(agency=10, experienced_on=date(2026, 1, 15))
    answered(agency=30, experienced_on=date(2026, 3, 31))
    answered(agency=None, experienced_on=date(2026, 2, 1))
    answered(agency=50, experienced_on=date(2026, 4, 1))
    answered(
        author=vb,
        kind="interview",
        respondent=consented,
        agency=70,
        experienced_on=date(2026, 2, 10),
    )
    answered(author=vb, kind="interview", respondent=consented, agency=90)
    by_cycle = answered(agency=40)
    session.flush()
    return session.get(Cycle, by_cycle.cycle_id).starts_on


def test_each_quarter_holds_both_tellers(session, answered, researcher, vb, consented):
    cycle_start = _stories(session, answered, vb, consented)
    agency = next(q for q in shared_indicators(session, "nl") if q.key == "agency")
    found = periods.by_quarter(
        session, Scope(analysis_rule(researcher), StoryFilter()).where, agency
    )
    km, sh = StoryKind.REFLECTION, StoryKind.INTERVIEW
    q1, q2 = 2026 * 4, 2026 * 4 + 1
    expected = {(km, q1): (2, 20.0), (km, q2): (1, 50.0), (sh, q1): (1, 70.0)}
    key = (km, periods.quarter_of(cycle_start))
    n, total = expected.get(key, (0, 0.0))
    expected[key] = (n + 1, (total * n + 40) / (n + 1))
    assert {k: (m.n, m.mean) for k, m in found.means.items()} == expected
    assert found.undated == 1  # the interview without a date


def test_the_indicators_page_shows_the_quarters_and_drills_down(
    app, client, session, answered, researcher, vb, consented
):
    _stories(session, answered, vb, consented)
    session.commit()
    login(client, researcher)
    with count_queries(app.extensions["db_engine"]) as counted:
        page = client.get("/analysis/indicators")
    assert page.status_code == 200
    start = page.text.index('id="quarters"')
    chart = page.text[start : page.text.find('<section class="chart-block"', start + 10)]
    assert "K1" in chart and "2026" in chart
    assert "1 antwoorden van verhalen zonder datum tellen hier niet mee." in chart
    cells = re.findall(r'<a href="([^"]+)"[^>]*>(\d+): ', chart)
    assert cells, chart
    for href, n in cells:
        drill = client.get(html.unescape(href))
        assert drill.status_code == 200, href
        assert int(COUNT.search(drill.text).group(1)) == int(n), href
    q1_statushouders = [h for h, n in cells if "teller=statushouder" in h and "2026-01-01" in h]
    assert q1_statushouders and "date_to=2026-03-31" in html.unescape(q1_statushouders[0])
    assert counted.count < 40


def test_a_drill_down_stays_inside_the_filters_cycles(session, researcher):
    scope = Scope(analysis_rule(researcher), StoryFilter(cycle_from=3, cycle_to=8))
    assert scope.narrowed(cycle_from=2, cycle_to=5).filter.cycle_from == 3
    assert scope.narrowed(cycle_from=2, cycle_to=5).filter.cycle_to == 5
    assert scope.narrowed(cycle_to=9).filter.cycle_to == 8
    unbounded = Scope(analysis_rule(researcher), StoryFilter()).narrowed(cycle_from=4, cycle_to=4)
    assert (unbounded.filter.cycle_from, unbounded.filter.cycle_to) == (4, 4)


def test_a_drill_down_stays_inside_the_filters_dates(session, researcher):
    scope = Scope(analysis_rule(researcher), StoryFilter(date_from=date(2026, 2, 1)))
    narrowed = scope.narrowed(date_from=date(2026, 1, 1), date_to=date(2026, 3, 31))
    assert (narrowed.filter.date_from, narrowed.filter.date_to) == (
        date(2026, 2, 1),
        date(2026, 3, 31),
    )


def test_the_english_page_says_q(client, session, answered, researcher, vb, consented):
    _stories(session, answered, vb, consented)
    researcher.locale = "en"
    session.commit()
    login(client, researcher)
    page = client.get("/analysis/indicators").text
    start = page.index('id="quarters"')
    assert "Q1" in page[start:] and "status holders" in page[start:]
    assert "mean [95%]" in page and "gemiddelde" not in page  # both trends' table headers


def test_the_cycle_trend_drills_down_to_the_stories_it_counted(
    client, session, answered, researcher
):
    """A story that marked the indicator n.v.t. is in the cycle but not in the cell's count."""
    answered(agency=20, motivation=40)
    answered(agency=None, motivation=60)
    session.commit()
    login(client, researcher)
    page = client.get("/analysis/indicators").text
    start = page.index('id="trend"')
    chart = page[start : page.find('<section class="chart-block"', start + 10)]
    cells = re.findall(r'<a href="([^"]+)"[^>]*>(\d+): ', chart)
    assert sorted(int(n) for _h, n in cells) == [1, 2]
    for href, n in cells:
        assert int(COUNT.search(client.get(html.unescape(href)).text).group(1)) == int(n), href


def test_a_coach_sees_the_klantmanagers_side_only(
    client, session, answered, make_user, vb, consented
):
    """A coach analyses no interviews: no empty statushouder lines, tables or links."""
    coach = make_user(Role.COACH)
    author = make_user(Role.KLANTMANAGER)
    for value in (10, 30, 50, 70, 90):
        answered(
            author=author, agency=value, shared_with_team=True, experienced_on=date(2026, 2, 1)
        )
    answered(author=vb, kind="interview", respondent=consented, agency=70)
    login(client, coach)
    index = client.get("/analysis/").text
    assert "/analysis/interview" not in index and "/analysis/indicators" in index
    page = client.get("/analysis/indicators").text
    start = page.index('id="quarters"')
    chart = page[start : page.find('<section class="chart-block"', start + 10)]
    assert "Gedeelde indicatoren per kwartaal" in chart and "5: " in chart
    assert "statushouders:" not in page and "— statushouders" not in page
    assert "klantmanagers:" not in chart  # one teller: the lines are named by their question
    assert chart.count(": n, gemiddelde [95%]") == 2
    assert 'name="teller"' not in page


def test_an_onderzoeker_analyses_both_kinds_a_coach_reflections(researcher, make_user):
    coach = make_user(Role.COACH)
    both = make_user(Role.COACH, Role.ONDERZOEKER)
    assert policy.analysable_kinds(researcher) == {StoryKind.REFLECTION, StoryKind.INTERVIEW}
    assert policy.analysable_kinds(coach) == {StoryKind.REFLECTION}
    assert policy.analysable_kinds(both) == {StoryKind.REFLECTION, StoryKind.INTERVIEW}
    assert policy.analysable_kinds(make_user(Role.KLANTMANAGER)) == frozenset()
