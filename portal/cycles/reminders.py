"""The biweekly rhythm: open reached cycles and queue "ronde N is begonnen" and reminder mail.

Queueing is idempotent: every message has the dedup key ``user:cycle:kind`` and is inserted with
``ON CONFLICT DO NOTHING``, so running this twice (or in two processes at once) queues it once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from portal.core.upsert import insert_ignore
from portal.cycles.participation import counts_as_written
from portal.cycles.schedule import ensure_cycle, local_today
from portal.models import (
    Cycle,
    CycleSkip,
    OutboxMessage,
    Role,
    Story,
    Team,
    User,
    UserRole,
    team_members,
    utcnow,
)

OPEN, REMINDER = "cycle_open", "reminder"


@dataclass
class QueueReport:
    cycles: list[Cycle] = field(default_factory=list)
    queued: int = 0
    teams_without_start: list[str] = field(default_factory=list)


def reminder_day(cycle: Cycle, days_before_end: int) -> date:
    """The day the reminder goes out: ``days_before_end`` days before the last day (not before the start)."""
    return max(cycle.starts_on, cycle.ends_on - timedelta(days=days_before_end))


def dedup_key(user_id: int, cycle_id: int, kind: str) -> str:
    return f"{user_id}:{cycle_id}:{kind}"


def _recipients(session: Session, team: Team) -> list[User]:
    """Active klantmanagers with e-mail reminders on whose home team (lowest id) is ``team``."""
    home_team = (
        select(func.min(team_members.c.team_id))
        .where(team_members.c.user_id == User.id)
        .scalar_subquery()
    )
    is_writer = exists().where(UserRole.user_id == User.id, UserRole.role == Role.KLANTMANAGER)
    return list(
        session.scalars(
            select(User)
            .where(User.active.is_(True), User.email_reminders.is_(True), is_writer)
            .where(home_team == team.id)
            .order_by(User.id)
        )
    )


def _settled(session: Session, cycle: Cycle) -> set[int]:
    """Ids of users who wrote in ``cycle`` or skipped it (one query each)."""
    wrote = select(Story.author_id).where(Story.cycle_id == cycle.id, counts_as_written())
    skipped = select(CycleSkip.user_id).where(CycleSkip.cycle_id == cycle.id)
    return set(session.scalars(wrote)) | set(session.scalars(skipped))


def compose(user: User, cycle: Cycle, kind: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML in the recipient's language."""
    base = current_app.config["PORTAL_BASE_URL"].rstrip("/")
    with current_app.test_request_context(base_url=base), force_locale(user.locale or "nl"):
        prompt = cycle.prompt_en if user.locale == "en" and cycle.prompt_en else cycle.prompt_nl
        context = dict(
            user=user,
            cycle=cycle,
            kind=kind,
            prompt=prompt,
            write_url=f"{base}/stories/new?cycle={cycle.id}",
            settings_url=f"{base}/settings",
            ends_on=cycle.ends_on.strftime("%d-%m-%Y"),
        )
        if kind == OPEN:
            subject = _("Ronde %(number)s is begonnen", number=cycle.number)
        else:
            subject = _(
                "Herinnering: ronde %(number)s loopt tot %(date)s",
                number=cycle.number,
                date=context["ends_on"],
            )
        text = render_template("mail/cycle.txt", subject=subject, **context)
        html = render_template("mail/cycle.html", subject=subject, **context)
    return subject, text, html


def _queue(session: Session, user: User, cycle: Cycle, kind: str) -> bool:
    subject, text, html = compose(user, cycle, kind)
    values = dict(
        recipient_id=user.id,
        to_address=user.email,
        kind=kind,
        dedup_key=dedup_key(user.id, cycle.id, kind),
        subject=subject,
        body_text=text,
        body_html=html,
        attempts=0,
        created_at=utcnow(),
    )
    return insert_ignore(session, OutboxMessage, values, ["dedup_key"])


def queue_reminders(session: Session, *, now: datetime, today: date | None = None) -> QueueReport:
    """Open every team's reached cycle and queue what is due (flushes; the caller commits).

    Each message is inserted with ON CONFLICT DO NOTHING on its key, so a second run, or two at
    once, queue nothing twice."""
    days_before = int(current_app.config.get("REMINDER_DAYS_BEFORE_END", 3))
    report = QueueReport()
    teams = list(session.scalars(select(Team).order_by(Team.id)))
    for team in teams:
        if team.cycle_start is None:
            report.teams_without_start.append(team.name)
            continue
        day = today or local_today(team, now)
        cycle = ensure_cycle(session, team, day)
        if cycle is None:
            continue
        report.cycles.append(cycle)
        team_days = team.reminder_days_before_end
        due_reminder = day >= reminder_day(cycle, days_before if team_days is None else team_days)
        settled = _settled(session, cycle) if due_reminder else set()
        for user in _recipients(session, team):
            if not due_reminder:
                report.queued += _queue(session, user, cycle, OPEN)
            elif user.id not in settled:
                report.queued += _queue(session, user, cycle, REMINDER)
    session.flush()
    return report
