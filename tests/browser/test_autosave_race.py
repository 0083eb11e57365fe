"""A submit sent while the first automatic save is still creating the draft waits for it, so one
story makes one draft (issue 12, defect 2): both writing flows share portal/static/js/autosave.js."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from portal.models import Role, Story
from portal.stories import service as stories
from tests.browser.conftest import browser_login
from tests.helpers import PASSWORD


def _slow(monkeypatch, module, name: str, seconds: float = 1.0) -> None:
    original = getattr(module, name)

    def slowed(*args, **kwargs):
        time.sleep(seconds)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, slowed)


def _count(session, user) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Story.id)).where(Story.author_id == user.id))


def test_next_pressed_during_the_first_save_makes_one_reflection_draft(
    page, live_server, make_user, session, monkeypatch
):
    km = make_user(Role.KLANTMANAGER)
    browser_login(page, live_server, km.email, PASSWORD)
    _slow(monkeypatch, stories, "create_draft")
    page.goto(f"{live_server}/stories/new")
    with page.expect_request(lambda r: r.url.endswith("/stories/autosave")):
        page.fill("#title", "Brief van het UWV")
        page.fill("#body_md", "Ze kwam met een brief die ze niet begreep.")
    page.get_by_role("button", name="Verder: duiden").click()  # the save is still under way
    page.wait_for_url("**/interpret")
    assert _count(session, km) == 1


def test_save_pressed_during_the_first_save_makes_one_interview_draft(
    page, live_server, make_user, make_respondent, make_consent, session, monkeypatch
):
    from portal.interviews import drafts

    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    respondent = make_respondent(owner=vb)
    make_consent(respondent)
    browser_login(page, live_server, vb.email, PASSWORD)
    _slow(monkeypatch, drafts, "save_interview")
    page.goto(f"{live_server}/interviews/new?respondent={respondent.id}")
    with page.expect_request(lambda r: r.url.endswith("/interviews/autosave")):
        page.fill("#title", "Eerste dag op de taalschool")
        page.locator("#title").blur()
    page.get_by_role("button", name="Bewaar als concept").click()
    page.wait_for_url("**/edit")
    assert _count(session, vb) == 1
