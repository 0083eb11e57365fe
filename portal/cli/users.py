"""``flask --app portal users create | reset-2fa``."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale

from portal.accounts import sessions, two_factor, users
from portal.accounts.passwords import INVITE, issue_link, link_url
from portal.core import audit
from portal.core.extensions import db
from portal.models import Role, utcnow

users_cli = AppGroup("users", help="Manage user accounts.")


def english(error: Exception) -> str:
    """Command-line messages are in English, like the rest of the command output."""
    with force_locale("en"):
        return str(error)


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
def create_user_command(
    email: str, name: str, roles: tuple[str, ...], team_names: tuple[str, ...]
) -> None:
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
        raise click.ClickException(english(error)) from error
    token = None
    if password is None:
        _link, token = issue_link(db.session, user, INVITE, now=utcnow())
    db.session.commit()
    click.echo(f"Created {user.email} ({', '.join(sorted(user.roles))}).")
    if token is not None:
        hours = current_app.config["INVITE_LINK_HOURS"]
        click.echo(f"Set-password link (valid {hours} hours, once): {link_url(token)}")


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
    sessions.end_sessions(user)  # whoever holds the lost phone is logged out everywhere
    audit.record(db.session, None, "two_factor.reset", user)
    db.session.commit()
    click.echo(f"Two-factor login is off for {user.email}; they set it up again at the next login.")
