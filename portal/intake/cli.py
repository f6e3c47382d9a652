"""`flask --app portal purge-drafts`: delete drafts past their retention date."""

from __future__ import annotations

import click

from portal.intake import store
from portal.intake.views import bp


@bp.cli.command("purge-drafts")
def purge_drafts() -> None:
    """Delete unfinished intakes that have expired (DRAFT_RETENTION_DAYS after their last save)."""
    removed = store.purge_expired()
    click.echo(f"{removed} verlopen concept(en) verwijderd.")
