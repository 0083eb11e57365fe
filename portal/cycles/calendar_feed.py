"""The private calendar feed: one all-day event per cycle start of the user's teams."""

from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from portal.cycles.prompts import team_bank
from portal.cycles.schedule import cycle_bounds, cycle_number
from portal.models import Cycle, User

PAST, FUTURE = 3, 6


def reset_token(session: Session, user: User) -> str:
    """A new secret token; the old feed URL stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    session.flush()
    return user.calendar_token


def user_for_token(session: Session, token: str) -> User | None:
    if not token:
        return None
    return session.scalar(
        select(User)
        .options(selectinload(User.teams))
        .where(User.calendar_token == token, User.active.is_(True))
    )


def build_feed(session: Session, user: User, *, today: date, now: datetime) -> bytes:
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    english = user.locale == "en"
    cal = Calendar()
    cal.add("prodid", "-//Reflectieportaal//cycles//NL")
    cal.add("version", "2.0")
    with force_locale(user.locale or "nl"):
        cal.add("x-wr-calname", _("Reflectieportaal: rondes"))
        for team in sorted(user.teams, key=lambda t: t.id):
            if team.cycle_start is None:
                continue
            current = cycle_number(team, today) or 0
            numbers = range(max(1, current - PAST), max(1, current) + FUTURE + 1)
            stored = {
                c.number: c
                for c in session.scalars(
                    select(Cycle).where(Cycle.team_id == team.id, Cycle.number.in_(list(numbers)))
                )
            }
            bank = team_bank(session, team)
            for number in numbers:
                cycle = stored.get(number)
                starts_on, _ends_on = cycle_bounds(team, number)
                if cycle is not None:
                    prompt = cycle.prompt_en if english and cycle.prompt_en else cycle.prompt_nl
                    link = f"{base}/stories/new?cycle={cycle.id}"
                else:
                    nl, en = bank[(number - 1) % len(bank)]
                    prompt, link = (en if english else nl), f"{base}/stories/new"
                event = Event()
                event.add("uid", f"cycle-{team.id}-{number}@reflectieportaal")
                event.add("dtstamp", now)
                event.add("dtstart", starts_on)
                event.add("dtend", starts_on + timedelta(days=1))
                event.add("summary", _("Ronde %(number)s begint", number=number))
                event.add("description", f"{prompt}\n\n{link}")
                event.add("url", link)
                cal.add_component(event)
    return cal.to_ical()
