"""``flask --app portal retention run [--today DATE] [--dry-run]``: delete withdrawn stories."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from portal.core.extensions import db
from portal.models import utcnow
from portal.stories import retention

retention_cli = AppGroup("retention", help="Delete withdrawn stories after the retention period.")


def _local_today() -> date:
    return utcnow().astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


@retention_cli.command("run")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Act as if it were this date (default: today).",
)
@click.option("--dry-run", is_flag=True, help="Only count what is due; delete nothing.")
def run_command(today: datetime | None, dry_run: bool) -> None:
    """Delete interviews whose consent was withdrawn and reflections their author withdrew, once
    RETENTION_DAYS have passed since the withdrawal. Safe to run daily from cron."""
    days = current_app.config["RETENTION_DAYS"]
    day = today.date() if today else _local_today()
    report = retention.run(db.session, today=day, days=days, dry_run=dry_run)
    db.session.commit()
    verb = "due" if dry_run else "deleted"
    click.echo(
        f"Withdrawn on or before {report.cutoff.isoformat()} ({days} days): "
        f"{report.interviews} interview(s) and {report.reflections} reflection(s) {verb}."
    )
