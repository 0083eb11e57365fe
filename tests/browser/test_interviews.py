"""A verhalenbegeleider records consent, enters an Arabic story with its Dutch translation and the
statushouder's own interpretation; every new page is axe clean in Dutch and English."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import Consent, Role, Story, StoryStatus
from tests.browser.conftest import browser_login, check_axe
from tests.helpers import PASSWORD

ARABIC = "تعلمت اللغة الهولندية في Utrecht منذ 2019، والآن أعمل 24 ساعة في الأسبوع."
DUTCH = "Ik leer sinds 2019 Nederlands in Utrecht en werk nu 24 uur per week."


def test_vb_records_consent_and_enters_an_arabic_interview(page, live_server, make_user, session):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    browser_login(page, live_server, vb.email, PASSWORD)

    page.goto(f"{live_server}/respondents/new")
    page.select_option("#language", "ar")
    page.get_by_role("button", name="Respondent aanmaken").click()
    page.wait_for_url("**/respondents/*")
    page.check("#scope_research")
    page.check("#scope_sessions")
    page.check("#interpreter_present")
    page.get_by_role("button", name="Toestemming vastleggen").click()
    page.wait_for_load_state()
    assert "De toestemming is vastgelegd." in page.inner_text("main")

    page.get_by_role("link", name="Nieuw gesprek met deze respondent").click()
    page.wait_for_url("**/interviews/new*")
    page.fill("#title", "Taal en werk")
    page.select_option("#language", "ar")
    assert page.eval_on_selector("#body_md", "e => getComputedStyle(e).direction") == "rtl"
    page.fill("#body_md", ARABIC)
    page.fill("#translation_nl", DUTCH)
    page.fill("#translated_by", "tolk")
    page.focus("#q-helped-value")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.fill("#facilitator_note", "Rustig gesprek.")
    page.get_by_role("button", name="Indienen").click()
    page.wait_for_url("**/interviews/*")

    assert page.eval_on_selector("#story-told", "e => getComputedStyle(e).direction") == "rtl"
    assert page.eval_on_selector("#story-translation", "e => getComputedStyle(e).direction") == (
        "ltr"
    )
    assert ARABIC in page.inner_text("#story-told")
    story = session.scalar(select(Story).where(Story.author_id == vb.id))
    assert story.status is StoryStatus.SUBMITTED
    assert (story.body_md, story.translation_nl, story.language) == (ARABIC, DUTCH, "ar")
    consent = session.scalar(select(Consent))
    assert consent.scope_research and consent.scope_sessions and consent.interpreter_present


def test_every_interview_page_is_axe_clean_in_dutch_and_english(
    page, live_server, make_user, make_respondent, make_consent, make_story
):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    respondent = make_respondent(owner=vb, language="ti")
    make_consent(respondent)
    story = make_story(
        "interview",
        author=vb,
        team=None,
        respondent=respondent,
        submitted=True,
        language="ti",
        body_md="ኣብ መጀመርታ ቋንቋ ምምሃር ከቢድ ነይሩ።",
        translation_nl="In het begin was de taal leren zwaar.",
    )
    draft = make_story(  # its edit page shows the privacy warning
        "interview",
        author=vb,
        team=None,
        respondent=respondent,
        translation_nl="Bel haar op 06-12345678.",
    )
    urls = [
        f"/interviews/{draft.id}/edit",
        "/respondents",
        "/respondents/new",
        "/respondents/consent-form",
        f"/respondents/{respondent.id}",
        f"/respondents/{respondent.id}/withdraw",
        "/interviews/new",
        f"/interviews/{story.id}",
        "/",
    ]
    browser_login(page, live_server, vb.email, PASSWORD)
    for url in urls:
        page.goto(f"{live_server}{url}")
        check_axe(page, f"nl {url}")
    page.goto(f"{live_server}/interviews/{draft.id}/edit")
    assert page.locator("#privacy-title").is_visible()
    # the facts panel with its error: a value outside the choices (only a tampered form sends one)
    page.goto(f"{live_server}/respondents/{respondent.id}")
    assert not page.locator("#facts-age_band").is_visible()  # closed until asked for
    page.focus("#facts-edit summary")
    page.keyboard.press("Enter")  # opens by keyboard, without script
    page.locator("#facts-age_band option[value='18-25']").evaluate("o => { o.value = '17' }")
    page.select_option("#facts-age_band", "17")
    page.get_by_role("button", name="Gegevens bewaren").click()
    page.wait_for_selector("#facts-age_band-error")
    assert page.locator("#facts-age_band-error").is_visible()  # reopened with the error
    check_axe(page, "nl respondent facts with an error")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    for url in urls:
        page.goto(f"{live_server}{url}")
        assert page.get_attribute("html", "lang") == "en"
        check_axe(page, f"en {url}")
