"""``flask --app portal import FILE --kind interview [--dry-run] [--by EMAIL]``: the command-line
twin of ``/import``: validate every row, print what would be added and every refused row with its
reason, and add all or nothing in one transaction."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.core.extensions import db
from portal.exports import importer
from portal.exports.pseudonyms import PseudonymKeyMissing
from portal.models import Role, StoryKind, User, utcnow


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice([k.value for k in importer.IMPORTABLE]),
    required=True,
    help="What the file holds.",
)
@click.option("--dry-run", is_flag=True, help="Only check the file and report; add nothing.")
@click.option("--by", "email", help="The onderzoeker on whose behalf (for the audit log).")
@with_appcontext
def import_command(file: Path, kind: str, dry_run: bool, email: str | None) -> None:
    """Import a CSV in the export's own format (for example interviews first written on paper)."""
    user = None
    if email:
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None or not user.has_role(Role.ONDERZOEKER):
            raise click.ClickException(f"{email} is not an onderzoeker of this portal.")
    try:
        preview = importer.read_import(
            db.session,
            file.read_bytes(),
            kind=StoryKind(kind),
            filename=file.name,
            config=current_app.config,
            today=utcnow().date(),
        )
    except (importer.ImportRefused, PseudonymKeyMissing) as error:
        raise click.ClickException(str(error)) from error
    for refusal in preview.refused:
        click.echo(f"line {refusal.line}: refused: {'; '.join(refusal.reasons)}")
    click.echo(f"{len(preview.planned)} row(s) valid, {len(preview.refused)} refused.")
    if preview.refused:
        raise click.ClickException("Nothing was added: correct the refused rows and try again.")
    if dry_run:
        click.echo("Dry run: nothing was added.")
        return
    batch = importer.apply_import(db.session, user, preview, now=utcnow())
    db.session.commit()
    click.echo(f"Added {batch.rows} {kind}(s) from {file.name}.")
