"""The analysis pages over HTTP: drill-down counts equal the charts' numbers, filters combine,
coaches see no small groups, withdrawn consent leaves at once, statements stay bounded."""

from __future__ import annotations

import html
import re

from portal.models import Role
from tests.helpers import count_queries, login

LINK = re.compile(r'<a href="([^"]+)" aria-label="([^"]+)" class="chart__link">')
COUNT = re.compile(r'class="drill-count"[^>]*>\s*(\d+) verha')
N = re.compile(r"n = (\d+)")


def _drill_count(client, href: str) -> int:
    page = client.get(html.unescape(href))
    assert page.status_code == 200, href
    return int(COUNT.search(page.text).group(1))


def _chart(text: str, chart_id: str) -> str:
    start = text.index(f'id="{chart_id}"')
    end = text.find('<section class="chart-block"', start + 10)
    return text[start : end if end > 0 else len(text)]


def _some_stories(answered, **extra):
    answered(
        agency=12,
        motivation=80,
        role_balance=(60, 20, 20),
        feeling="positive",
        cultural_differences="yes",
        life_domains=["body", "mind"],
        **extra,
    )
    answered(
        agency=15,
        motivation=70,
        role_balance=(62, 18, 20),
        feeling="positive",
        cultural_differences="no",
        life_domains=["body"],
        **extra,
    )
    answered(
        agency=55,
        motivation=30,
        role_balance=(10, 10, 80),
        feeling="negative",
        cultural_differences="no",
        **extra,
    )
    answered(agency=None, motivation=35, role_balance=None, feeling="mixed", **extra)


def test_every_drill_down_counts_what_the_chart_showed(client, answered, researcher):
    _some_stories(answered)
    login(client, researcher)
    page = client.get("/analysis/reflection")
    assert page.status_code == 200
    links = LINK.findall(page.text)
    assert len(links) >= 10  # bins, bars, zones, scatter cells
    drills = [(href, label) for href, label in links if "/analysis/stories" in href]
    assert len(drills) >= 10
    for href, label in drills:
        shown = int(re.search(r": (\d+) verhalen", html.unescape(label)).group(1))
        assert _drill_count(client, href) == shown, html.unescape(label)
    agency = _chart(page.text, "slider-agency")
    assert "n = 3" in agency and "n.v.t.: 1" in agency


def test_contingency_cell_drills_down_to_its_stories(client, answered, researcher):
    _some_stories(answered)
    login(client, researcher)
    page = client.get("/analysis/reflection?x=feeling&y=cultural_differences")
    table = _chart(page.text, "table-feeling-cultural_differences")
    cells = re.findall(r'<td><a href="([^"]+)">(\d+) \(verwacht', table)
    assert sorted(int(n) for _h, n in cells) == [1, 1, 1]
    for href, n in cells:
        assert _drill_count(client, href) == int(n)
    assert "Fisher" in table or "Geen geldige toets" in table


def test_filters_combine_into_one_selection(client, answered, researcher, make_team, make_user):
    _some_stories(answered)
    other = make_team("Team Zuid")
    km = make_user(Role.KLANTMANAGER, teams=[other], research_consent=True)
    answered(author=km, agency=90, feeling="positive")
    login(client, researcher)
    url = "/analysis/reflection?c.feeling=positive&r.agency=10-100"
    assert N.search(_chart(client.get(url).text, "slider-agency")).group(1) == "3"
    narrowed = client.get(f"{url}&team={other.id}").text
    assert N.search(_chart(narrowed, "slider-agency")).group(1) == "1"
    assert (
        _drill_count(
            client, f"/analysis/stories?kind=reflection&team={other.id}&c.feeling=positive"
        )
        == 1
    )


def test_coach_sees_no_group_smaller_than_the_minimum(client, answered, make_user, team):
    coach = make_user(Role.COACH)
    author = make_user(Role.KLANTMANAGER)
    for value in (10, 12, 14, 16):
        answered(author=author, agency=value, shared_with_team=True)
    answered(author=author, agency=90, shared_with_team=False)  # not shared: never counted
    login(client, coach)
    text = client.get("/analysis/reflection").text
    assert "blijft verborgen" in _chart(text, "slider-agency")  # n = 4 < 5
    answered(author=author, agency=18, shared_with_team=True)
    answered(author=author, agency=95, shared_with_team=True)
    agency = _chart(client.get("/analysis/reflection").text, "slider-agency")
    assert "n = 6" in agency and "&lt; 5" in agency and "verborgen" in agency
    hidden_bin = "/analysis/stories?kind=reflection&r.agency=90-100"
    assert "de lijst blijft verborgen" in client.get(hidden_bin).text


def test_withdrawn_research_consent_leaves_every_chart_at_once(
    client, session, answered, researcher, consenting
):
    answered(author=consenting, agency=40)
    login(client, researcher)
    assert "n = 1" in _chart(client.get("/analysis/reflection").text, "slider-agency")
    consenting.research_consent = False
    session.commit()
    assert "n = 0" in _chart(client.get("/analysis/reflection").text, "slider-agency")
    assert _drill_count(client, "/analysis/stories?kind=reflection") == 0


def test_withdrawn_interview_consent_leaves_the_interview_charts(
    client, session, answered, researcher, consented, vb
):
    answered(author=vb, kind="interview", respondent=consented, agency=70)
    login(client, researcher)
    assert "n = 1" in _chart(client.get("/analysis/interview").text, "slider-agency")
    consent = consented.consents[0]
    from datetime import date

    consent.withdrawn_on = date(2026, 3, 1)
    session.commit()
    assert "n = 0" in _chart(client.get("/analysis/interview").text, "slider-agency")


def test_interviews_appear_by_respondent_code_only(client, answered, researcher, consented, vb):
    answered(author=vb, kind="interview", respondent=consented, agency=70, title="Amina uit Aleppo")
    login(client, researcher)
    page = client.get("/analysis/stories?kind=interview").text
    assert consented.code in page and "Amina" not in page


def test_groups_side_by_side_with_mann_whitney(client, answered, researcher, make_team, make_user):
    other = make_team("Team Zuid")
    km = make_user(Role.KLANTMANAGER, teams=[other], research_consent=True)
    for value in (10, 20, 30):
        answered(agency=value)
    for value in (70, 80, 90):
        answered(author=km, agency=value)
    login(client, researcher)
    agency = _chart(client.get("/analysis/reflection?by=team").text, "slider-agency")
    assert "Mann-Whitney U = 0 (tweezijdig), p = 0,100" in agency
    assert agency.count("<svg") == 2


def test_statements_per_page_do_not_grow_with_the_data(app, client, answered, researcher):
    engine = app.extensions["db_engine"]
    login(client, researcher)
    counts = {}
    for size in (5, 40):
        for k in range(size - (5 if size == 40 else 0)):
            answered(
                agency=k % 100,
                motivation=(k * 7) % 100,
                role_balance=(k % 50, 50, 50 - k % 50),
                feeling="positive" if k % 2 else "mixed",
                life_domains=["body"],
            )
        for url in (
            "/analysis/reflection",
            "/analysis/indicators",
            "/analysis/patterns",
            "/analysis/stories?kind=reflection",
        ):
            with count_queries(engine) as counter:
                assert client.get(url).status_code == 200
            counts[size, url] = counter.count
    for url in (
        "/analysis/reflection",
        "/analysis/indicators",
        "/analysis/patterns",
        "/analysis/stories?kind=reflection",
    ):
        assert counts[5, url] == counts[40, url], url


def test_bad_filter_values_are_reported_not_raised(client, researcher):
    login(client, researcher)
    page = client.get("/analysis/reflection?cycle_from=x&r.agency=90-10&zone=bad&by=nonsense&x=%00")
    assert page.status_code == 200 and "Niet elk filter kon worden gebruikt" in page.text


def test_a_region_past_the_cap_is_counted_as_more_and_paged_without_a_count(
    client, answered, researcher, monkeypatch, app
):
    from portal.analysis import drilldown

    monkeypatch.setattr(drilldown, "COUNT_CAP", 3)
    monkeypatch.setattr(drilldown, "PER_PAGE", 2)
    for agency in (41, 42, 43, 44, 45):
        answered(agency=agency, title=f"Regie {agency}")
    login(client, researcher)
    url = "/analysis/stories?kind=reflection&r.agency=40-49"
    with count_queries(app.extensions["db_engine"]) as counted:
        first = client.get(url)
    assert "Meer dan 3 verhalen" in first.text and 'rel="next"' in first.text
    counts = [s for s in counted.statements if "count(" in s.lower()]
    assert len(counts) == 1 and "LIMIT" in counts[0].upper()  # stops at cap + 1
    last = client.get(url + "&page=3")
    assert "Regie 41" in last.text and 'rel="next"' not in last.text
    past = client.get(url + f"&page={2**31 - 1}")
    assert past.status_code == 200 and "Naar de eerste pagina" in past.text


def test_a_region_below_the_cap_is_counted_exactly(client, answered, researcher):
    for agency in (41, 42, 90):
        answered(agency=agency)
    login(client, researcher)
    text = client.get("/analysis/stories?kind=reflection&r.agency=40-49").text
    assert int(COUNT.search(text).group(1)) == 2 and "Meer dan" not in text
