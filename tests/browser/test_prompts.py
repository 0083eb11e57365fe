"""axe-core on the prompt question pages (nl, en): the team list, the team page, a form with errors."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest

from portal.cycles.prompt_bank import choose_own_text, plannable_numbers
from portal.models import PromptQuestion, Role
from tests.browser.conftest import browser_login, check_axe, switch_locale
from tests.helpers import PASSWORD


@pytest.fixture
def prompt_team(session, make_team):
    """A team in its third cycle with an own bank (one question off) and a chosen next cycle."""
    team = make_team("Team Oost", cycle_start=date.today() - timedelta(days=30))
    texts = [
        ("Wanneer nam een statushouder zelf de regie?", "When did a status holder take charge?"),
        ("Vertel over een gesprek waarin taal een drempel was.", ""),
        ("Welke kleine stap vooruit maakte je trots?", "Which small step made you proud?"),
    ]
    session.add_all(
        PromptQuestion(team_id=team.id, position=i, text_nl=nl, text_en=en, active=i != 2)
        for i, (nl, en) in enumerate(texts, start=1)
    )
    next_cycle = plannable_numbers(team, date.today()).start + 1
    choose_own_text(
        session,
        team,
        next_cycle,
        "Wat leerde je van een ketenpartner?",
        "What did you learn from a partner?",
        today=date.today(),
    )
    session.commit()
    return team, next_cycle


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_prompt_pages_are_axe_clean(page, live_server, locale, prompt_team, make_user):
    team, next_cycle = prompt_team
    coach = make_user(Role.COACH, teams=[team])
    switch_locale(page, live_server, locale)
    browser_login(page, live_server, coach.email, PASSWORD)

    page.goto(f"{live_server}/prompts")
    check_axe(page, f"/prompts ({locale})")
    page.get_by_role("link", name="Team Oost").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/prompts/team/{team.id}")

    if locale == "nl" and os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{os.environ['SCREENSHOT_DIR']}/prompts.png", full_page=True)
    for details in page.locator("details.plan__choose").all():
        details.locator("summary").click()  # open every cycle's forms, so axe sees them
    check_axe(page, f"/prompts/team ({locale})")

    # an empty question: the error is shown inline, and the page stays axe-clean
    page.locator("form[action$='/questions'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#text_nl[aria-invalid=true]").count() == 1
    check_axe(page, f"/prompts/team with an error ({locale})")

    # choose another question for the chosen cycle, without JavaScript help
    cycle = page.locator(f"#cycle-{next_cycle}")
    cycle.locator("summary").click()
    cycle.locator("select").select_option(index=1)
    cycle.locator("form[action$='/bank'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".flash--success").is_visible()
    assert "Welke kleine stap" in page.locator(f"#cycle-{next_cycle}").inner_text()

    page.goto(f"{live_server}/prompts/team/{team.id}/questions/{_first_id(page)}")
    check_axe(page, f"/prompts/team/…/questions/… ({locale})")


def _first_id(page) -> str:
    href = page.locator(".bank__actions a").first.get_attribute("href")
    return href.rsplit("/", 1)[-1]
