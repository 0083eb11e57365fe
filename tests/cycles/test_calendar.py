"""The private calendar feed: parsed back with icalendar; resetting the link kills the old one."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from icalendar import Calendar

from portal.cycles.schedule import cycle_number, ensure_cycle
from portal.models import Role, User
from tests.helpers import login, post_form


def _reset(client) -> None:
    response = post_form(client, "/settings/calendar", {}, token_from="/settings")
    assert response.status_code == 302


def _token(session, user) -> str:
    session.expire_all()
    return session.get(User, user.id).calendar_token


def test_feed_lists_cycle_starts_with_prompt_and_link(client, session, make_user, team):
    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    _reset(client)
    token = _token(session, km)
    assert token and len(token) >= 40
    ensure_cycle(session, team, date.today())  # as reminders send stores it at its start
    session.commit()
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    current = cycle_number(team, date.today())
    assert 7 <= len(events) <= 10
    starts = sorted(e.decoded("dtstart") for e in events)
    assert all(type(s) is date for s in starts)  # all-day
    assert all(b - a == timedelta(days=14) for a, b in itertools.pairwise(starts))
    today_event = next(e for e in events if str(e["summary"]) == f"Ronde {current} begint")
    assert today_event.decoded("dtend") - today_event.decoded("dtstart") == timedelta(days=1)
    assert "http://portal.test/stories/new?cycle=" in str(today_event["description"])
    assert len(str(today_event["description"]).split("\n\n")[0]) > 20  # the prompt


def test_reset_invalidates_the_old_link(client, session, make_user):
    km = make_user(Role.KLANTMANAGER)
    login(client, km)
    _reset(client)
    old = _token(session, km)
    _reset(client)
    new = _token(session, km)
    assert old != new
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert new in client.get("/settings").text


def test_unknown_token_and_deactivated_user_get_404(client, session, make_user):
    assert client.get("/calendar/nope.ics").status_code == 404
    km = make_user(Role.KLANTMANAGER, calendar_token="a" * 43)
    assert client.get(f"/calendar/{'a' * 43}.ics").status_code == 200
    km.active = False
    session.commit()
    assert client.get(f"/calendar/{'a' * 43}.ics").status_code == 404


def test_english_user_gets_english_prompts(client, make_user):
    make_user(Role.KLANTMANAGER, locale="en", calendar_token="b" * 43)
    calendar = Calendar.from_ical(client.get(f"/calendar/{'b' * 43}.ics").data)
    descriptions = " ".join(str(e["description"]) for e in calendar.walk("VEVENT"))
    assert "Describe" in descriptions or "Tell" in descriptions
    assert "Beschrijf" not in descriptions and "Vertel" not in descriptions
