"""``flask --app portal reminders send [--today DATE]``: open cycles, queue reminders, send mail."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from portal.core import mail as mailer
from portal.core.extensions import db
from portal.cycles import reminders
from portal.models import utcnow

reminders_cli = AppGroup("reminders", help="Cycle reminders by e-mail.")


@reminders_cli.command("send")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Act as if it were this date (default: today in each team's timezone).",
)
@click.option("--no-send", is_flag=True, help="Only queue; leave sending for a later run.")
def send_command(today: datetime | None, no_send: bool) -> None:
    """Open reached cycles, queue due messages (each once), then send the queue."""
    report = reminders.queue_reminders(
        db.session, now=utcnow(), today=today.date() if today else None
    )
    db.session.commit()
    for name in report.teams_without_start:
        click.echo(f"Team {name!r} has no cycle start date; skipped.")
    click.echo(f"{len(report.cycles)} open cycle(s); {report.queued} message(s) queued.")
    if no_send:
        return
    sent = mailer.send_pending(db.session, current_app.config, now=utcnow())
    click.echo(f"{sent.sent} sent, {sent.failed} failed (kept for retry), {sent.skipped} skipped.")
