"""The settings page: language for everyone, reminders for klantmanagers, the calendar link for
those who work in the rounds."""

from __future__ import annotations

from portal.models import Role, User
from tests.helpers import login, post_form


def test_a_klantmanager_turns_reminders_off_and_chooses_english(client, session, make_user):
    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    page = client.get("/settings").text
    assert 'name="email_reminders"' in page and 'id="calendar"' in page
    saved = post_form(client, "/settings", {"locale": "en"})
    assert saved.status_code == 302
    session.expire_all()
    stored = session.get(User, km.id)
    assert (stored.locale, stored.email_reminders) == ("en", False)
    assert "Your settings have been saved." in client.get("/settings").text


def test_a_coach_gets_the_calendar_but_no_reminder_choice(client, make_user):
    login(client, make_user(Role.COACH))
    page = client.get("/settings").text
    assert 'id="calendar"' in page and 'name="email_reminders"' not in page


def test_a_verhalenbegeleider_sees_only_what_concerns_them(client, session, make_user):
    vb = make_user(Role.VERHALENBEGELEIDER, teams=[])
    login(client, vb)
    page = client.get("/settings").text
    assert 'name="email_reminders"' not in page and 'id="calendar"' not in page
    assert 'id="two-factor"' in page
    assert post_form(client, "/settings", {"locale": "nl"}).status_code == 302
    session.expire_all()
    assert session.get(User, vb.id).email_reminders is True  # untouched by a form without it
