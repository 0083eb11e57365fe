"""Browser tests: the system Chromium through Playwright, the app served from a thread."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from portal.cycles.schedule import cycle_bounds, ensure_cycle
from portal.models import CycleSkip, PromptQuestion, Role

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _browser_available() -> None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = "Chromium is not installed (make test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp only so axe-core can be injected; the CSP itself is tested without it.
    return {**browser_context_args, "bypass_csp": True, "locale": "nl-NL"}


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def check_axe(page, label: str = "") -> None:
    """Fail on any serious or critical axe-core violation, naming rule and target."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    details = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in serious
    ]
    assert not serious, f"axe violations on {label or page.url}: " + "; ".join(details)


def browser_login(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit].button")
    page.wait_for_url(lambda url: "/login" not in url)


def switch_locale(page, base_url: str, locale: str) -> None:
    """Choose the interface language on the login page (Dutch is the default)."""
    page.goto(f"{base_url}/login")
    if locale == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()


@pytest.fixture
def busy_team(session, make_team, make_user, make_story):
    """A team in its fifth cycle with three klantmanagers (one with a long name), stories, a
    skipped cycle and two questions of its own (for the participation and the phone tests)."""
    team = make_team("Team Oost", cycle_start=date.today() - timedelta(days=14 * 4 + 1))
    cycles = [ensure_cycle(session, team, cycle_bounds(team, k)[0]) for k in range(1, 6)]
    people = [
        make_user(Role.KLANTMANAGER, teams=[team], display_name=name)
        for name in ("Anna de Vries", "Bram Jansen", "Chaima El Amrani-Bouzid")
    ]
    for i, cycle in enumerate(cycles[:-1]):
        make_story(author=people[i % 2], submitted=True, written_on=cycle.starts_on)
    session.add(CycleSkip(user_id=people[2].id, cycle_id=cycles[1].id, reason="vakantie"))
    session.add_all(
        PromptQuestion(team_id=team.id, position=i, text_nl=nl, text_en=en)
        for i, (nl, en) in enumerate(
            [
                ("Wanneer nam een statushouder zelf de regie?", "When did they take charge?"),
                ("Vertel over een gesprek waarin taal een drempel was.", ""),
            ],
            start=1,
        )
    )
    session.commit()
    return team, cycles, people


@pytest.fixture
def team_sessions_world(session, make_running, make_story, vb, consented):
    """Team sessions in every state (tests/browser/session_pages.py), for the axe and reflow
    tests and the session tests."""
    from tests.browser.session_pages import build_world

    return build_world(session, make_running, make_story, vb, consented)
