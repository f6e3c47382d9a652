"""`flask api-client create|list|revoke`: manage API clients without the beheer page (a first
client in a new installation, automation)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from portal.api import tokens
from portal.api.models import ApiClient
from portal.extensions import db


def init_app(app: Flask) -> None:
    group = AppGroup("api-client", help="Manage clients of the JSON API (/api/v1).")

    @group.command("create")
    @click.argument("name")
    @click.option(
        "--scope",
        "scopes",
        multiple=True,
        required=True,
        type=click.Choice(list(tokens.SCOPES)),
        help="A purpose scope; repeat for more.",
    )
    def create(name: str, scopes: tuple[str, ...]) -> None:
        """Make a client and print its token (shown once; only a hash is kept)."""
        made = tokens.create_client(name, list(scopes), created_by_id=None)
        db.session.commit()
        click.echo(f"Client {made.client.id} ({made.client.name}): {made.client.scopes}")
        click.echo(f"Token (shown once, store it now): {made.token}")

    @group.command("list")
    def list_clients() -> None:
        """Every client: id, name, scopes, token prefix, state."""
        for client in db.session.scalars(select(ApiClient).order_by(ApiClient.id)):
            state = "active" if client.active else f"revoked {client.revoked_at:%Y-%m-%d}"
            click.echo(
                f"{client.id}\t{client.name}\telk_{client.token_prefix}_…\t{client.scopes}\t{state}"
            )

    @group.command("revoke")
    @click.argument("client_id", type=int)
    def revoke(client_id: int) -> None:
        """Make a client's token stop working, at once."""
        client = db.session.get(ApiClient, client_id)
        if client is None:
            raise click.ClickException(f"no API client {client_id}")
        tokens.revoke(client, revoked_by_id=None)
        db.session.commit()
        click.echo(f"Client {client.id} ({client.name}) revoked.")

    app.cli.add_command(group)
