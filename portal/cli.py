"""Command line: ``flask --app portal init | users create | teams create | demo | backup``; the
``reminders`` and ``retention`` groups live in their own modules."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from flask_babel import force_locale

from portal import audit, backup, demo, two_factor, users
from portal.auth import set_password_url
from portal.extensions import db
from portal.frameworks import load_default_frameworks
from portal.migrate import upgrade
from portal.models import Role, utcnow
from portal.reminders_cli import reminders_cli
from portal.retention_cli import retention_cli


def _english(error: Exception) -> str:
    """Command-line messages are in English, like the rest of the command output."""
    with force_locale("en"):
        return str(error)


users_cli = AppGroup("users", help="Manage user accounts.")
teams_cli = AppGroup("teams", help="Manage teams.")


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create or upgrade the database and load the default frameworks (safe to run again)."""
    upgrade(db.engine)
    added = load_default_frameworks(db.session, now=utcnow())
    db.session.commit()
    click.echo(f"Database is up to date; {len(added)} default framework(s) added.")


def _read_password() -> str | None:
    """A password piped on stdin, or None when there is none (a set-password link is printed)."""
    if sys.stdin is None or sys.stdin.isatty():
        return None
    password = sys.stdin.readline().rstrip("\r\n")
    return password or None


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="Display name.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice([r.value for r in Role]),
    help="Role (repeat for several).",
)
@click.option("--team", "team_names", multiple=True, help="Team name (repeat for several).")
def create_user_command(email: str, name: str, roles: tuple[str, ...], team_names: tuple[str, ...]):
    """Create a user; the password comes from stdin, else a set-password link is printed."""
    teams = []
    for team_name in team_names:
        team = users.find_team(db.session, team_name)
        if team is None:
            raise click.ClickException(
                f"No team named {team_name!r}; create it with 'teams create'."
            )
        teams.append(team)
    password = _read_password()
    try:
        user = users.create_user(
            db.session, email, name, set(roles), password=password, teams=teams
        )
    except users.UserError as error:
        db.session.rollback()
        raise click.ClickException(_english(error)) from error
    db.session.commit()
    click.echo(f"Created {user.email} ({', '.join(sorted(user.roles))}).")
    if password is None:
        click.echo(f"Set-password link (valid 7 days): {set_password_url(user)}")


@users_cli.command("reset-2fa")
@click.argument("email")
def reset_two_factor_command(email: str) -> None:
    """Switch two-factor login off for a user who lost their phone; they set it up again."""
    user = users.find_user(db.session, email)
    if user is None:
        raise click.ClickException(f"No user with the e-mail address {email!r}.")
    if not two_factor.enabled(user):
        click.echo(f"Two-factor login was not on for {user.email}; nothing changed.")
        return
    two_factor.disable(db.session, user)
    audit.record(db.session, None, "two_factor.reset", user)
    db.session.commit()
    click.echo(f"Two-factor login is off for {user.email}; they set it up again at the next login.")


@teams_cli.command("create")
@click.argument("name")
@click.option(
    "--start", type=click.DateTime(formats=["%Y-%m-%d"]), help="First cycle's start date."
)
@click.option(
    "--length", "length_days", type=int, default=14, show_default=True, help="Cycle length in days."
)
def create_team_command(name: str, start, length_days: int) -> None:
    """Create a team with its cycle schedule."""
    start_date: date | None = start.date() if start else None
    try:
        team = users.create_team(db.session, name, start=start_date, length_days=length_days)
    except users.UserError as error:
        db.session.rollback()
        raise click.ClickException(_english(error)) from error
    db.session.commit()
    click.echo(f"Created team {team.name!r} (cycles of {team.cycle_length_days} days).")


@click.command("demo")
@click.option("--stories", default=0, show_default=True, help="Number of reflections to add.")
@click.option("--password", default=None, help="Password for every demo account.")
@with_appcontext
def demo_command(stories: int, password: str | None) -> None:
    """Create the fictional Demoteam and its accounts."""
    upgrade(db.engine)
    load_default_frameworks(db.session, now=utcnow())
    result = demo.create_demo(db.session, password=password, stories=stories, today=date.today())
    db.session.commit()
    for line in result.report():
        click.echo(line)


@click.command("backup")
@click.argument("path", type=click.Path(path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent copy of the database to PATH (a file, or a folder for a dated file)."""
    try:
        result = backup.make_backup(db.engine, path, now=datetime.now())
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    audit.record(db.session, None, "backup.create", path=str(result.path), size=result.size)
    db.session.commit()
    click.echo(
        f"Backup of the {result.kind} database written to {result.path} ({result.size} bytes)."
    )


def init_cli(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(teams_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(retention_cli)
