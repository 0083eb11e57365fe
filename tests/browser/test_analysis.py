"""An onderzoeker in the browser: filters, compares two groups, drills down from a triad zone to a
story, and saves an observation with two interpretations (works without JavaScript)."""

from __future__ import annotations

import re

import pytest

from portal.models import Role
from tests.browser.conftest import browser_login, check_axe
from tests.helpers import PASSWORD


def test_onderzoeker_from_filter_to_story_to_observation(
    page, live_server, research_data, researcher
):
    browser_login(page, live_server, researcher.email, PASSWORD)
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Reflecties").first.click()
    # filter: one team, via the form (a GET form: the filter lands in the URL)
    page.locator(".filter-panel > summary").click()
    page.check(f"#f-team-{research_data.id}")
    page.locator(".filter-form button[type=submit]").click()
    assert f"team={research_data.id}" in page.url
    assert "n = 6" in page.locator("#slider-agency").inner_text()
    # compare the two teams side by side
    page.goto(f"{live_server}/analysis/reflection?by=team")
    agency = page.locator("#slider-agency")
    assert agency.locator("svg").count() == 2
    assert "Mann-Whitney U" in agency.inner_text()
    # drill down from a triad zone (an SVG link) to its stories, then to one story
    zone = page.locator("#triad-role_balance a.chart__link").first
    label = zone.get_attribute("aria-label")
    shown = int(re.search(r": (\d+) verhalen", label).group(1))
    zone.click()
    assert "/analysis/stories" in page.url and "zone=role_balance" in page.url
    assert page.locator(".drill-count").inner_text().startswith(f"{shown} verha")
    page.locator(".story-list__title").first.click()
    assert re.search(r"/stories/\d+$", page.url)
    # save the scatter as an observation with two competing interpretations
    page.goto(f"{live_server}/analysis/reflection")
    page.locator("#scatter-motivation-agency").get_by_role(
        "link", name=re.compile("Bewaar als observatie")
    ).click()
    page.fill("#title", "Regie en motivatie lopen tegen elkaar in")
    page.fill("#interpretation-1", "Wie moet, heeft minder regie.")
    page.fill("#interpretation-2", "Klantmanagers nemen de regie over van wie weinig wil.")
    page.get_by_role("button", name="Observatie bewaren").click()
    assert page.locator("h1").inner_text() == "Regie en motivatie lopen tegen elkaar in"
    assert page.locator(".interpretation-list li").count() == 2
    assert page.locator("#scatter-motivation-agency svg").count() == 1
    check_axe(page, "observation")


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_analysis_pages_pass_axe(page, live_server, research_data, researcher, locale, session):
    from portal.analysis.observations import create_observation

    observation = create_observation(
        session,
        researcher,
        kind="reflection",
        chart="slider:agency",
        query="by=team",
        title="Twee teams",
        text="",
        strength="strong",
        interpretations=["a", "b"],
    )
    session.commit()
    researcher.locale = locale
    session.commit()
    browser_login(page, live_server, researcher.email, PASSWORD)
    paths = [
        "/",
        "/analysis/",
        "/analysis/reflection?by=team",
        "/analysis/interview",
        "/analysis/indicators",
        "/analysis/patterns",
        "/analysis/stories?kind=reflection",
        "/analysis/observations",
        f"/analysis/observations/{observation.id}",
        "/analysis/observations/new?kind=reflection&chart=slider:agency",
    ]
    for path in paths:
        page.goto(f"{live_server}{path}")
        assert page.locator("html").get_attribute("lang") == locale, path
        check_axe(page, f"{path} ({locale})")


def test_coach_and_klantmanager_analysis_pages_pass_axe(
    page, live_server, research_data, session, make_user
):
    coach = make_user(Role.COACH)
    browser_login(page, live_server, coach.email, PASSWORD)
    for path in (
        "/",
        "/analysis/reflection",
        "/analysis/indicators",
        "/analysis/stories?kind=reflection",
    ):
        page.goto(f"{live_server}{path}")
        check_axe(page, f"{path} as coach")
