"""Team sessions in a real browser (issue 17): three devices following one intervision live, the
notice, a reload without JavaScript, and the report printed to PDF. axe-core and reflow on every
session page, in Dutch and English, are in the shared lists (test_pages_axe.py, test_reflow.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from portal.models import Notice, Role, TeamSessionAction
from tests.browser.conftest import browser_login, check_axe
from tests.fixtures.team_sessions import place_self
from tests.helpers import PASSWORD

#: What the report looks like on paper (print media emulated), as numbers a test can compare.
PAPER_LAYOUT = """() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  return {
    keys: [...document.querySelectorAll('.compare__legend .key')].map(
      (key) => getComputedStyle(key).printColorAdjust),
    legend_break_after: style('.compare__legend').breakAfter,
    duiding_break_inside: style('.duidingen li').breakInside,
    triad_width: box('.compare__triad').width,
    corners_width: box('.compare__triad + .compare__corners').width,
    n_lines: document.querySelector('.spread .nowrap').getClientRects().length,
  };
}"""
#: The page polls every 2 s (the issue asks for "within 3 seconds"); the test proves the page follows
#: without a reload and leaves room for a loaded CI machine (two workers, two browsers, two cores).
FOLLOW_MS = 10_000
REPORT_PDF = Path("/tmp/team_session_report.pdf")


def _context(browser, base_url: str, user, width: int = 1280):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    browser_login(page, base_url, user.email, PASSWORD)
    return context, page


def _place(page, role=(20, 50, 30), duiding="") -> None:
    for part, value in zip("abc", role, strict=True):
        page.fill(f"#q-role_balance-{part}", str(value))
    page.focus("#q-motivation-value")
    page.keyboard.press("ArrowRight")
    page.fill("#duiding", duiding)
    page.get_by_role("button", name="Duiding bewaren").click()
    page.wait_for_load_state()


def test_a_coach_runs_an_intervision_with_two_colleagues_on_three_devices(
    browser, live_server, session, team, make_user, make_story
):
    coach = make_user(Role.COACH, display_name="Carla Coach")
    author = make_user(Role.KLANTMANAGER, display_name="Anna Auteur")
    first = make_user(Role.KLANTMANAGER, display_name="Bram Eerste")
    second = make_user(Role.KLANTMANAGER, display_name="Chaima Tweede")
    story = make_story(
        author=author, submitted=True, shared_with_team=True, title="De eerste werkdag"
    )
    place_self(session, story, role=(70, 20, 10), motivation=20)

    coach_ctx, coach_page = _context(browser, live_server, coach)
    # the coach plans the session through the forms
    coach_page.goto(f"{live_server}/sessions/new")
    coach_page.fill("#title", "Intervisie december")
    coach_page.fill("#held_on", date.today().isoformat())
    coach_page.check("#method-0")
    coach_page.get_by_role("button", name="Plannen").click()
    coach_page.wait_for_url("**/sessions/*")
    session_url = coach_page.url.split("#")[0]
    coach_page.check(f"#participant-{first.id}")
    coach_page.check(f"#participant-{second.id}")
    coach_page.get_by_role("button", name="Deelnemers bewaren").click()
    coach_page.get_by_role("link", name="Verhalen kiezen uit de gedeelde verhalen").click()
    coach_page.fill(f"#reason-{story.id}", "Herkenbaar voor ons allemaal")
    coach_page.locator(f"input[name=story][value='{story.id}']").locator("..").get_by_role(
        "button", name="Toevoegen aan de sessie"
    ).click()
    coach_page.goto(session_url)

    # both participants open the session on their own device before it starts
    pages = []
    contexts = [coach_ctx]
    for person in (first, second):
        ctx, page = _context(browser, live_server, person)
        page.goto(session_url)
        page.get_by_text("Nog niet begonnen").wait_for()
        contexts.append(ctx)
        pages.append(page)

    coach_page.get_by_role("button", name="Sessie openen").click()
    for _ in range(2):  # inbreng → verhelderende vragen → posities
        coach_page.locator("form").filter(has=coach_page.locator("input[name=to]")).get_by_role(
            "button", name="Volgende fase"
        ).click()
        coach_page.wait_for_load_state()
    coach_page.get_by_text("Nu: Posities").wait_for()

    # the participants' pages follow without a reload and show the form
    for page in pages:
        page.get_by_role("heading", name="Nu: Posities").wait_for(timeout=FOLLOW_MS)
        page.locator("#duiding").wait_for(timeout=FOLLOW_MS)
    _place(pages[0], (20, 50, 30), "Ik zag vooral taal")
    _place(pages[1], (40, 40, 20), "Voor mij ging het om werk")
    assert "Voor mij ging het om werk" not in pages[0].content()  # hidden before the reveal

    coach_page.get_by_text("2 van 2 beantwoord").wait_for(timeout=FOLLOW_MS)
    assert "Ik zag vooral taal" not in coach_page.content()  # the coach sees who, not what
    coach_page.get_by_role("button", name="Antwoorden onthullen").click()
    coach_page.wait_for_load_state()

    # the comparison: the author's square and two circles, on every device
    for page in (coach_page, *pages):
        page.locator("#q-role_balance, .compare").first.wait_for(timeout=FOLLOW_MS)
        page.locator(".compare__triad").first.wait_for(timeout=FOLLOW_MS)
        triad = page.locator(".compare__triad").first
        assert triad.locator("rect.compare__author").count() == 1
        assert triad.locator("circle.compare__member").count() == 2
    assert "Voor mij ging het om werk" in pages[0].content()

    coach_page.fill("#action-text", "Buddy regelen voor nieuwe collega's")
    coach_page.select_option("#action-owner", str(first.id))
    coach_page.fill("#action-due", "2026-12-31")
    coach_page.get_by_role("button", name="Actie toevoegen").click()
    coach_page.get_by_role("button", name="Sessie sluiten").click()
    coach_page.get_by_text("De sessie is gesloten").wait_for()
    for ctx in contexts:
        ctx.close()

    session.expire_all()
    action = session.scalar(select(TeamSessionAction))
    assert action.owner_id == first.id and action.due_on == date(2026, 12, 31)
    notice = session.scalar(select(Notice))
    assert (notice.user_id, notice.story_id) == (author.id, story.id)


def test_the_notice_is_on_the_authors_home_page(page, live_server, team_sessions_world):
    closed = team_sessions_world.closed
    browser_login(page, live_server, closed.author.email, PASSWORD)
    assert page.get_by_text("is besproken in een teamsessie").is_visible()
    check_axe(page, "home with a notice")
    page.get_by_role("button", name="Markeer als gelezen").click()
    assert page.get_by_text("is besproken in een teamsessie").count() == 0


def test_a_reload_without_javascript_shows_the_same(browser, live_server, team_sessions_world):
    open_one, member = team_sessions_world.open_one, team_sessions_world.member
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    browser_login(page, live_server, member.email, PASSWORD)
    page.goto(f"{live_server}/sessions/{open_one.team_session.id}")
    assert page.get_by_role("heading", name="Nu: Posities").is_visible()
    page.fill("#q-role_balance-a", "50")
    page.fill("#q-role_balance-b", "25")
    page.fill("#q-role_balance-c", "25")
    page.fill("#duiding", "Zonder JavaScript")
    page.get_by_role("button", name="Duiding bewaren").click()
    assert page.get_by_text("Je duiding is bewaard").first.is_visible()
    context.close()


def test_after_a_refused_form_the_page_still_follows_and_keeps_the_text(
    page, live_server, team_sessions_world
):
    """A refused form leaves the window at the address it was posted to; the page still follows
    the session from its own address, and treats the refused text as unsaved."""
    open_one, member = team_sessions_world.open_one, team_sessions_world.member
    browser_login(page, live_server, member.email, PASSWORD)
    page.goto(f"{live_server}/sessions/{open_one.team_session.id}")
    for part, value in zip("abc", (50, 25, 40), strict=True):  # 115 in all: refused
        page.fill(f"#q-role_balance-{part}", str(value))
    page.fill("#duiding", "Mijn lezing, nog niet bewaard")
    page.get_by_role("button", name="Duiding bewaren").click()
    page.wait_for_load_state()
    assert "/interpret" in page.url
    assert page.locator("[aria-invalid=true]").count() >= 1

    open_one.to_phase("onthulling")  # the coach moves on
    banner = page.locator("#session-banner")
    banner.get_by_role("link", name="ga naar de nieuwe stand").wait_for(timeout=FOLLOW_MS)
    assert page.input_value("#duiding") == "Mijn lezing, nog niet bewaard"
    banner.get_by_role("link").click()
    page.wait_for_url(f"**/sessions/{open_one.team_session.id}")
    page.get_by_role("heading", name="Nu: Onthulling en vergelijking").wait_for()


def test_the_report_prints_to_a_clean_pdf(browser, live_server, team_sessions_world):
    closed = team_sessions_world.closed
    context = browser.new_context()
    page = context.new_page()
    browser_login(page, live_server, closed.coach.email, PASSWORD)
    page.goto(f"{live_server}/sessions/{closed.team_session.id}/report")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()  # the print stylesheet hides it
    assert not page.locator("form").first.is_visible()
    paper = page.evaluate(PAPER_LAYOUT)
    # the legend's shapes are background colours: printed although backgrounds are not
    assert paper["keys"] == ["exact"] * 3, paper
    # the comparison's heading and legend go with its first figure; a duiding stays whole
    assert paper["legend_break_after"] == "avoid" and paper["duiding_break_inside"] == "avoid"
    # the triangle's foot labels sit under its feet, not at the page's edges
    assert paper["corners_width"] <= 1.8 * paper["triad_width"], paper
    assert paper["n_lines"] == 1, paper  # "n = 3" is not split over two lines
    pdf = page.pdf(format="A4")  # as the browser prints by default: without backgrounds
    context.close()
    assert pdf.startswith(b"%PDF")
    REPORT_PDF.write_bytes(pdf)  # to look at by hand
    assert (
        1
        <= pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page")
        <= 6
    )
