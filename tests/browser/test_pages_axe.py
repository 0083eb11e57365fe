"""axe-core on every page that exists, in Dutch and in English: no serious or critical findings."""

from __future__ import annotations

import pytest

from portal.models import Role
from tests.browser.conftest import browser_login, check_axe, switch_locale
from tests.helpers import PASSWORD

ANONYMOUS_PAGES = ["/login", "/does-not-exist", "/password/forgot"]


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_anonymous_pages(page, live_server, locale):
    switch_locale(page, live_server, locale)
    for path in ANONYMOUS_PAGES:
        page.goto(f"{live_server}{path}")
        assert page.locator("html").get_attribute("lang") == locale
        check_axe(page, f"{path} ({locale})")


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_klantmanager_pages(page, live_server, locale, make_user, make_story):
    author = make_user(Role.KLANTMANAGER)
    colleague = make_user(Role.KLANTMANAGER)
    own = make_story(author=author, submitted=True, shared_with_team=True, title="Eigen verhaal")
    draft = make_story(author=author, submitted=False, title="Concept")
    make_story(author=colleague, submitted=True, shared_with_team=True, title="Van een collega")
    switch_locale(page, live_server, locale)
    browser_login(page, live_server, author.email, PASSWORD)
    paths = [
        "/",
        "/settings",
        "/stories/new",
        "/stories/mine",
        "/team/stories",
        f"/stories/{own.id}",
        f"/stories/{own.id}/withdraw",
        f"/stories/{draft.id}/write",
        f"/stories/{draft.id}/interpret",
        f"/stories/{draft.id}/reflect",
        f"/stories/{draft.id}/check",
        f"/stories/{own.id}/done",
    ]
    for path in paths:
        page.goto(f"{live_server}{path}")
        assert page.locator("html").get_attribute("lang") == locale, path
        check_axe(page, f"{path} ({locale})")


@pytest.mark.parametrize("role", [Role.COACH, Role.ONDERZOEKER, Role.BEHEERDER])
def test_other_roles_home_and_forbidden_page(page, live_server, make_user, role):
    user = make_user(role)
    browser_login(page, live_server, user.email, PASSWORD)
    for path in ("/", "/stories/mine"):
        page.goto(f"{live_server}{path}")
        check_axe(page, f"{path} as {role}")


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_export_and_import_pages(  # issue 13
    page, live_server, locale, tmp_path, make_user, make_respondent, make_consent
):
    from tests.browser.exports_pages import visit_export_pages

    switch_locale(page, live_server, locale)

    def check(p, path):
        assert p.locator("html").get_attribute("lang") == locale, path
        check_axe(p, f"{path} ({locale})")

    visit_export_pages(page, live_server, tmp_path, make_user, make_respondent, make_consent, check)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_team_session_pages(  # issue 17: index, new, show (coach, participant), pool, report
    browser, browser_context_args, live_server, locale, team_sessions_world
):
    from tests.browser.session_pages import visit_session_pages

    visit_session_pages(
        browser, browser_context_args, live_server, team_sessions_world, locale, check_axe
    )


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_tag_vocabulary_and_session_observation_pages(  # issue 15
    page, live_server, locale, session, make_user, make_running
):
    from tests.browser.tag_observation_pages import visit_tag_and_observation_pages

    def check(p, path):
        assert p.locator("html").get_attribute("lang") == locale, path
        check_axe(p, f"{path} ({locale})")

    visit_tag_and_observation_pages(
        page, live_server, locale, session, make_user, make_running, check
    )
