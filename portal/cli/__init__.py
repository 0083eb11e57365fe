"""Command line (``flask --app portal …``), one module per command group."""

from __future__ import annotations

from flask import Flask


def init_cli(app: Flask) -> None:
    from portal.cli.database import backup_command, demo_command, init_command
    from portal.cli.imports import import_command
    from portal.cli.reminders import reminders_cli
    from portal.cli.retention import retention_cli
    from portal.cli.teams import teams_cli
    from portal.cli.users import users_cli

    for command in (
        init_command,
        users_cli,
        teams_cli,
        demo_command,
        backup_command,
        reminders_cli,
        retention_cli,
        import_command,
    ):
        app.cli.add_command(command)
