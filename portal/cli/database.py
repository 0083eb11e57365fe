"""``flask --app portal init | backup PATH | demo``: the database, its copies and demo data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.accounts.users import UserError
from portal.analysis.tags import load_default_tags
from portal.cli.users import english
from portal.core import audit, backup
from portal.core.extensions import db
from portal.core.migrate import upgrade
from portal.demo import team as demo
from portal.frameworks.versions import load_default_frameworks
from portal.models import utcnow


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create or upgrade the database and load the default frameworks (safe to run again)."""
    upgrade(db.engine)
    added = load_default_frameworks(db.session, now=utcnow())
    tags = load_default_tags(db.session)
    db.session.commit()
    click.echo(
        f"Database is up to date; {len(added)} default framework(s) added; {len(tags)} default "
        "tag(s) added."
    )


@click.command("demo")
@click.option(
    "--stories",
    type=click.IntRange(min=0),
    default=None,
    help=f"Number of reflections to add (default: {demo.DEFAULT_STORIES} when the Demoteam is "
    "new, none when it exists).",
)
@click.option("--password", default=None, help="Password for every demo account.")
@with_appcontext
def demo_command(stories: int | None, password: str | None) -> None:
    """Create the fictional Demoteam and its accounts."""
    upgrade(db.engine)
    load_default_frameworks(db.session, now=utcnow())
    load_default_tags(db.session)
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])  # the team's, not UTC's, date
    try:
        result = demo.create_demo(
            db.session, password=password, stories=stories, today=datetime.now(zone).date()
        )
    except UserError as error:
        db.session.rollback()
        raise click.ClickException(english(error)) from error
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
