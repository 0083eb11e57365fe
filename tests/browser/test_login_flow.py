from portal.models import Role
from tests.browser.conftest import browser_login, check_axe
from tests.helpers import PASSWORD


def test_klantmanager_logs_in_switches_language_and_logs_out(page, live_server, make_user):
    user = make_user(Role.KLANTMANAGER, display_name="Sanne Visser")
    browser_login(page, live_server, user.email, PASSWORD)
    assert page.locator("h1").inner_text() == "Welkom, Sanne Visser"
    assert page.locator("html").get_attribute("lang") == "nl"
    check_axe(page, "home nl")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Welcome, Sanne Visser"
    check_axe(page, "home en")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server}/login")
    assert page.locator("h1").inner_text() == "Log in"
