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

    @app.cli.command("purge")
    @click.option("--dry-run", is_flag=True, help="Report what would go; remove nothing.")
    @click.option("--household", type=int, default=None, help="Only this household (by id).")
    def purge(dry_run: bool, household: int | None) -> None:
        """Remove what has passed its retention term (docs/retention.md); keep an anonymous
        count. A household under legal hold is skipped, or refused when asked for by id."""
        from portal.services import retention

        for regime, term in retention.unverified_terms():
            click.echo(
                f"Let op: de bewaartermijn voor {regime} ({term.years} jaar) is niet "
                f"gecontroleerd: {term.source}. Zet RETENTION_YEARS om hem vast te leggen."
            )
        try:
            report = retention.purge(dry_run=dry_run, household_id=household)
        except retention.PurgeRefused as refused:
            if str(refused) == "legal_hold":
                message = (
                    f"Geweigerd: huishouden {household} staat onder bewaarplicht. Er is niets "
                    "verwijderd. Hef de bewaarplicht eerst op (team leader of beheer)."
                )
            else:
                message = f"Geweigerd: huishouden {household} bestaat niet. Er is niets verwijderd."
            raise click.ClickException(message) from None
        verb = "Zou verwijderen" if dry_run else "Verwijderd"
        if not report.rows:
            click.echo("Niets verlopen: er is niets te verwijderen.")
        for regime, counts in sorted(report.rows.items()):
            parts = ", ".join(f"{name} {n}" for name, n in sorted(counts.items()))
            click.echo(
                f"{verb} [{regime}]: {report.households.get(regime, 0)} huishoudens; {parts}"
            )
        if report.held:
            click.echo(f"Overgeslagen: {report.held} huishoudens onder bewaarplicht.")
        for reason in report.failed:
            click.echo(f"Mislukt (niets van dat huishouden verwijderd): {reason}", err=True)
        if dry_run:
            click.echo("Proefdraaien: er is niets verwijderd.")
