"""An empty new-story form makes no draft (issue 12, defect 3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.models import Role, Story
from portal.stories import service as stories
from tests.helpers import csrf_token, login


def _drafts(session, user) -> int:
    session.expire_all()
    return session.scalar(select(func.count(Story.id)).where(Story.author_id == user.id))


def test_an_empty_new_story_is_an_error_not_a_draft():
    empty = stories.StoryText(title="  ", body_md="\n", experienced_on=None)
    errors = stories.check_text(empty, for_submit=False, today=date(2026, 11, 30), new=True)
    assert "title" in errors
    begun = stories.StoryText(title="", body_md="Vandaag belde", experienced_on=None)
    assert stories.check_text(begun, for_submit=False, today=date(2026, 11, 30), new=True) == {}


def test_next_on_an_empty_form_shows_an_error_and_stores_nothing(client, session, make_user):
    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    token = csrf_token(client.get("/stories/new"))
    data = {"title": "", "body_md": "   ", "go": "next", "csrf_token": token}
    response = client.post("/stories/new", data=data)
    assert response.status_code == 400
    assert "Geef je verhaal een titel of schrijf een begin" in response.text
    autosave = client.post("/stories/autosave", data=data)
    assert autosave.status_code == 400 and autosave.json["status"] == "invalid"
    assert _drafts(session, km) == 0


def test_a_title_alone_is_enough_for_a_draft(client, session, make_user):
    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    token = csrf_token(client.get("/stories/new"))
    data = {"title": "Gesprek bij de balie", "body_md": "", "go": "next", "csrf_token": token}
    assert client.post("/stories/new", data=data).status_code == 302
    assert _drafts(session, km) == 1
