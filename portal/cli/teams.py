"""``flask --app portal teams create NAME --start DATE [--length DAYS]``."""

from __future__ import annotations

from datetime import date, datetime

import click
from flask.cli import AppGroup

from portal.accounts import users
from portal.cli.users import english
from portal.core.extensions import db

teams_cli = AppGroup("teams", help="Manage teams.")


@teams_cli.command("create")
@click.argument("name")
@click.option(
    "--start", type=click.DateTime(formats=["%Y-%m-%d"]), help="First cycle's start date."
)
@click.option(
    "--length", "length_days", type=int, default=14, show_default=True, help="Cycle length in days."
)
def create_team_command(name: str, start: datetime | None, length_days: int) -> None:
    """Create a team with its cycle schedule."""
    start_date: date | None = start.date() if start else None
    try:
        team = users.create_team(db.session, name, start=start_date, length_days=length_days)
    except users.UserError as error:
        db.session.rollback()
        raise click.ClickException(english(error)) from error
    db.session.commit()
    click.echo(f"Created team {team.name!r} (cycles of {team.cycle_length_days} days).")
