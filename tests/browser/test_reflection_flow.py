"""A klantmanager writes, interprets (keyboard only for the triad), reflects and submits."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Answer, Role, Story, StoryStatus
from tests.browser.conftest import browser_login, check_axe
from tests.helpers import PASSWORD


def _shares(page, key: str) -> list[int]:
    return [int(page.input_value(f"#q-{key}-{part}") or 0) for part in "abc"]


def test_write_interpret_reflect_submit_by_keyboard(page, live_server, make_user, session):
    user = make_user(Role.KLANTMANAGER, display_name="Bram Jansen")
    browser_login(page, live_server, user.email, PASSWORD)

    page.goto(f"{live_server}/stories/new")
    page.fill("#title", "Samen naar het taalcafé")
    page.fill("#body_md", "Ze durfde eerst niet. **Na drie weken** ging ze alleen.")
    page.wait_for_function(
        "document.getElementById('autosave-status').textContent.includes('bewaard')"
    )
    assert "Na drie weken" in page.inner_html("#preview")
    check_axe(page, "write")
    page.get_by_role("button", name="Verder: duiden").click()
    page.wait_for_url("**/interpret")
    check_axe(page, "interpret")

    # Triad: keyboard only. Focus the triangle, Home puts the point in the middle, arrows move it.
    page.focus("#q-role_balance [data-triad-svg]")
    page.keyboard.press("Home")
    before = _shares(page, "role_balance")
    for _ in range(8):
        page.keyboard.press("ArrowUp")
    after = _shares(page, "role_balance")
    assert sum(after) == 100 and after[0] > before[0], (before, after)
    assert "%" in page.inner_text("#q-role_balance-live")

    page.check("#q-what_worked-na")  # n.v.t. answers a required question

    # Slider by keyboard: it counts once touched.
    page.focus("#q-agency-value")
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    assert page.inner_text("#q-agency-output") == "45"
    page.check("#q-motivation-na")
    page.focus("#q-journey_phase-intake")
    page.keyboard.press("Space")
    page.focus("#q-life_domains-language")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Verder: reflecteren").click()
    page.wait_for_url("**/reflect")
    check_axe(page, "reflect")

    page.fill("#q-meaning", "Kleine stappen werken beter dan een plan op papier.")
    page.check("#shared-0")
    page.get_by_role("button", name="Verder: controleren").click()
    page.wait_for_url("**/check")
    check_axe(page, "check")
    page.get_by_role("button", name="Verhaal indienen").click()
    page.wait_for_url("**/done")
    check_axe(page, "done")
    assert "Samen naar het taalcafé" in page.inner_text("main")

    page.goto(f"{live_server}/stories/mine")
    assert "Samen naar het taalcafé" in page.inner_text("main")

    story = session.scalar(select(Story).where(Story.author_id == user.id))
    assert story.status is StoryStatus.SUBMITTED and story.shared_with_team
    answers = session.scalars(select(Answer)).all()
    triad = next(a for a in answers if a.a is not None)
    assert [triad.a, triad.b, triad.c] == after
    assert any(a.value == 45 for a in answers)


def test_session_expiring_mid_story_keeps_the_text(page, live_server, make_user, session):
    user = make_user(Role.KLANTMANAGER)
    browser_login(page, live_server, user.email, PASSWORD)
    page.goto(f"{live_server}/stories/new")
    page.fill("#title", "Een lange middag")
    text = "Dit is een lang verhaal dat niet verloren mag gaan, ook niet na een verlopen sessie."
    page.evaluate("document.getElementById('story-form').dataset.autosaveUrl = '/nowhere'")
    page.fill("#body_md", text)
    page.context.clear_cookies()  # the session ran out while writing
    page.get_by_role("button", name="Bewaar als concept").click()

    assert text in page.inner_text("main") or page.locator(f"input[value='{text}']").count() == 1
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.click("button.button[type=submit]")
    assert text in page.inner_text("main")
    page.get_by_role("button", name="Opnieuw versturen").click()
    page.wait_for_url("**/write")
    assert page.input_value("#body_md") == text
    story = session.scalar(select(Story).where(Story.author_id == user.id))
    assert story.body_md == text


def test_interpret_page_works_without_javascript(browser, live_server, make_user, session):
    user = make_user(Role.KLANTMANAGER)
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    page = context.new_page()
    browser_login(page, live_server, user.email, PASSWORD)
    page.goto(f"{live_server}/stories/new")
    page.fill("#title", "Zonder JavaScript")
    page.fill("#body_md", "Het werkt ook zo.")
    page.get_by_role("button", name="Verder: duiden").click()
    page.wait_for_url("**/interpret")
    page.fill("#q-role_balance-a", "60")
    page.fill("#q-role_balance-b", "30")
    page.fill("#q-role_balance-c", "20")
    page.get_by_role("button", name="Verder: reflecteren").click()
    assert "samen 100" in page.inner_text("main")  # the sum is 110: a clear error
    assert page.input_value("#q-role_balance-a") == "60"  # nothing lost
    page.fill("#q-role_balance-c", "10")
    page.check("#q-agency-set")  # the no-JS way to say the slider counts
    page.get_by_role("button", name="Verder: reflecteren").click()
    page.wait_for_url("**/reflect")
    rows = session.scalars(select(Answer)).all()
    assert any((a.a, a.b, a.c) == (60, 30, 10) for a in rows)
    assert any(a.value == 50 for a in rows)
    context.close()
