"""Command-line tasks: `flask --app portal <command>`."""

from __future__ import annotations

import click
from flask import Flask

from portal import database


def init_app(app: Flask) -> None:
    @app.cli.command("db-upgrade")
    @click.argument("revision", default="head")
    def db_upgrade(revision: str) -> None:
        """Bring the database schema up to date (Alembic)."""
        database.upgrade(app, revision)
        click.echo(f"Database at revision {revision}.")

    @app.cli.command("seed-demo")
    def seed_demo() -> None:
        """Fill an empty database with invented households and staff for a demo."""
        from portal.demo import seed

        report = seed()
        for line in report:
            click.echo(line)
