"""axe-core on the participation grid, the skip page and the settings calendar section (nl, en)."""

from __future__ import annotations

import os

import pytest

from portal.models import Role
from tests.browser.conftest import browser_login, check_axe, switch_locale
from tests.helpers import PASSWORD


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_participation_pages_are_axe_clean(page, live_server, locale, busy_team, make_user):
    team, _cycles, _people = busy_team
    coach = make_user(Role.COACH, teams=[team])
    switch_locale(page, live_server, locale)
    browser_login(page, live_server, coach.email, PASSWORD)
    page.goto(f"{live_server}/participation")
    assert page.locator("table caption").first.is_visible()
    check_axe(page, f"/participation as coach ({locale})")
    if locale == "nl" and os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/participation.png", full_page=True)
    page.goto(f"{live_server}/settings")
    check_axe(page, f"/settings ({locale})")


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_klantmanager_participation_and_skip_are_axe_clean(page, live_server, locale, busy_team):
    _team, cycles, people = busy_team
    switch_locale(page, live_server, locale)
    browser_login(page, live_server, people[0].email, PASSWORD)
    page.goto(f"{live_server}/participation")
    check_axe(page, f"/participation as klantmanager ({locale})")
    page.goto(f"{live_server}/participation/skip/{cycles[-1].id}")
    check_axe(page, f"/participation/skip ({locale})")
    choice = page.locator("input[name=reason][value=ziek]")
    choice.check()
    choice.locator("xpath=ancestor::form").locator("button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/") == live_server
