"""The tag vocabulary (/admin/tags) and an observation brought into a team session (issue 15), for
the axe and reflow tests: each page is visited and handed to ``check``, the refused forms too."""

from __future__ import annotations

from collections.abc import Callable

from portal.analysis.observations import create_observation
from portal.analysis.tags import load_default_tags
from portal.models import Role, Tag, TeamSessionObservation
from tests.browser.conftest import browser_login, switch_locale
from tests.helpers import PASSWORD

#: A long title someone typed (it must wrap on a phone).
LONG_TITLE = "Regiebeleving-en-intrinsiekemotivatie-lopen-samen-op-in-de-ketensamenwerking"


def visit_tag_and_observation_pages(
    page,
    base_url: str,
    locale: str,
    session,
    make_user,
    make_running,
    check: Callable[[object, str], None],
) -> None:
    load_default_tags(session)
    session.add(
        Tag(
            code="werkgevers",
            label_nl="werkgevers",
            label_en="employers",
            description="Contact met werkgevers en het werkgeversservicepunt.",
            retired_at=None,
        )
    )
    session.commit()
    beheerder = make_user(Role.BEHEERDER, teams=[])
    switch_locale(page, base_url, locale)
    browser_login(page, base_url, beheerder.email, PASSWORD)
    page.goto(f"{base_url}/admin/tags")
    check(page, "/admin/tags")
    page.locator("form.tag-status button").first.click()  # retire the first one
    page.wait_for_load_state()
    check(page, "/admin/tags with a retired tag")
    page.fill("#code", "Werk Gevers")
    page.fill("#label_nl", "werkgevers")
    page.locator("main form[novalidate] button[type=submit]").click()
    page.wait_for_selector("#error-summary")
    check(page, "/admin/tags (refused form)")
    page.locator(".tag-table a").first.click()
    page.wait_for_selector("#label_nl")
    check(page, "/admin/tags/<id>")

    running = make_running()
    observation = create_observation(
        session,
        make_user(Role.ONDERZOEKER, teams=[]),
        kind="reflection",
        chart="slider:agency",
        query="",
        title=LONG_TITLE,
        text="In reflecties met meer regie schatten klantmanagers de motivatie hoger in.",
        strength="strong",
        interpretations=["Regie voedt motivatie.", "Gemotiveerden krijgen meer ruimte."],
    )
    session.commit()
    page.context.clear_cookies()
    switch_locale(page, base_url, locale)
    browser_login(page, base_url, running.coach.email, PASSWORD)
    path = f"/analysis/observations/{observation.id}"
    page.goto(f"{base_url}{path}")
    check(page, f"{path} with the form to bring it into a session")
    page.locator("#bring button[type=submit]").click()  # no reason: refused
    page.wait_for_selector("#bring-error")
    check(page, f"{path} (refused: no reason)")
    page.fill("#reason", "Past bij ons gesprek over regie")
    page.locator("#bring button[type=submit]").click()
    page.wait_for_url(f"**/sessions/{running.team_session.id}*")
    assert session.query(TeamSessionObservation).count() == 1
    ts = running.team_session.id
    for session_path in (f"/sessions/{ts}", f"/sessions/{ts}/report", path):
        page.goto(f"{base_url}{session_path}")
        check(page, f"{session_path} with the observation")
    page.context.clear_cookies()
    switch_locale(page, base_url, locale)
    browser_login(page, base_url, running.members[0].email, PASSWORD)
    page.goto(f"{base_url}/sessions/{ts}")
    check(page, f"/sessions/{ts} as a participant")
