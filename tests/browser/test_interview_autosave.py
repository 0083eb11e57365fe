"""The interview form saves a draft while the verhalenbegeleider types, and never without consent."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.models import Role, Story, StoryStatus
from tests.browser.conftest import browser_login, check_axe
from tests.helpers import PASSWORD

TOLD = "ቋንቋ ምምሃር ከቢድ ነይሩ፣ ግን ሕጂ ይሓይሽ።"
DUTCH = "Taal leren was zwaar, maar nu gaat het beter."


def _status(page) -> str:
    return page.inner_text("#autosave-status")


def _wait_for_flash(page) -> None:
    """The page after the button: its flash message (the autosave status never says this)."""
    page.wait_for_function("document.querySelector('main').innerText.includes('Concept bewaard.')")


def test_typed_interview_is_saved_as_one_draft_and_back_after_reload(
    page, live_server, make_user, make_respondent, make_consent, session
):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    respondent = make_respondent(owner=vb, language="ti")
    make_consent(respondent)
    browser_login(page, live_server, vb.email, PASSWORD)

    page.goto(f"{live_server}/interviews/new?respondent={respondent.id}")
    page.fill("#title", "Taal leren")
    page.select_option("#language", "ti")
    page.locator("#body_md").press_sequentially(TOLD)
    with page.expect_response(
        lambda r: r.url.endswith("/autosave") and DUTCH in (r.request.post_data or "")
    ):
        page.locator("#translation_nl").press_sequentially(DUTCH)
    page.wait_for_function(
        "document.getElementById('autosave-status').textContent.includes('Concept bewaard om')"
    )
    page.wait_for_url("**/interviews/*/edit")  # the page now edits the draft
    check_axe(page, "interview with autosave status")

    page.reload()
    assert page.input_value("#body_md") == TOLD
    assert page.input_value("#translation_nl") == DUTCH
    assert page.input_value("#title") == "Taal leren"

    # Leaving the note field saves at once; the button then saves the same draft, not a new one.
    with page.expect_response(lambda r: r.url.endswith("/autosave")) as saved:
        page.fill("#facilitator_note", "Bij de tolk thuis.")
        page.locator("#title").focus()
    assert saved.value.json()["status"] == "saved"
    page.get_by_role("button", name="Bewaar als concept").click()
    _wait_for_flash(page)
    session.expire_all()
    (story,) = session.scalars(select(Story).where(Story.author_id == vb.id)).all()
    assert story.status is StoryStatus.DRAFT
    assert (story.body_md, story.translation_nl, story.language) == (TOLD, DUTCH, "ti")
    assert story.facilitator_note == "Bij de tolk thuis."


def test_without_consent_the_status_says_so_and_nothing_is_stored(
    page, live_server, make_user, make_respondent, session
):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    respondent = make_respondent(owner=vb)
    browser_login(page, live_server, vb.email, PASSWORD)

    page.goto(f"{live_server}/interviews/new?respondent={respondent.id}")
    page.locator("#body_md").press_sequentially("Een verhaal zonder toestemming.")
    page.wait_for_function(
        "document.getElementById('autosave-status').textContent.includes('Niet bewaard')"
    )
    assert "toestemming" in _status(page)
    assert "/interviews/new" in page.url
    assert session.scalar(select(func.count(Story.id))) == 0


def test_pressing_save_while_the_first_autosave_runs_makes_one_draft(
    page, live_server, make_user, make_respondent, make_consent, session
):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    respondent = make_respondent(owner=vb)
    make_consent(respondent)
    browser_login(page, live_server, vb.email, PASSWORD)

    page.goto(f"{live_server}/interviews/new?respondent={respondent.id}")
    page.select_option("#language", "nl")
    page.locator("#body_md").press_sequentially("Snel bewaard.")
    # Leaving the field starts the first save; the click comes while it creates the draft.
    page.get_by_role("button", name="Bewaar als concept").click()
    _wait_for_flash(page)
    assert page.url.endswith("/edit")
    session.expire_all()
    (story,) = session.scalars(select(Story).where(Story.author_id == vb.id)).all()
    assert story.body_md == "Snel bewaard."
