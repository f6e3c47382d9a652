"""`flask --app portal create-admin EMAIL NAME`: the first beheer account, from the server."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import StaffMember
from portal.staff import passwords, totp
from portal.staff.models import AccountEvent


def init_app(app: Flask) -> None:
    @app.cli.command("create-admin")
    @click.argument("email")
    @click.argument("name")
    def create_admin(email: str, name: str) -> None:
        """Add a staff member with the admin role; asks for the password, prints the TOTP key."""
        email = email.strip().lower()
        if db.session.scalars(select(StaffMember).where(StaffMember.email == email)).first():
            raise click.ClickException(f"There is already a staff member with e-mail {email}.")
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        with app.test_request_context():  # the rules speak Dutch through Flask-Babel
            found = [str(p) for p in passwords.problems(password, email=email, name=name)]
        if found:
            raise click.ClickException(found[0])
        secret = totp.new_secret()
        db.session.add(
            StaffMember(
                email=email,
                display_name=name,
                roles="admin",
                active=True,
                password_hash=passwords.hash_password(password),
                totp_secret=totp.seal(secret),
            )
        )
        db.session.commit()
        click.echo(f"Admin {name} <{email}> created.")
        click.echo(f"TOTP key (add it to an authenticator app): {totp.grouped(secret)}")
        click.echo(f"otpauth URI: {totp.provisioning_uri(secret, email)}")
        click.echo("The first log-in asks for a code from the app to confirm the link.")

    @app.cli.command("encrypt-totp-secrets")
    def encrypt_totp_secrets() -> None:
        """Encrypt every TOTP secret still stored as plain text (from before migration 0010),
        and re-encrypt the others under the first TOTP_ENCRYPTION_KEY (key rotation)."""
        changed = 0
        people = db.session.scalars(select(StaffMember).where(StaffMember.totp_secret.is_not(None)))
        for person in people:
            before = person.totp_secret
            if totp.reveal(before) is None:
                raise click.ClickException(
                    f"The TOTP secret of staff member {person.id} cannot be decrypted with the "
                    "configured TOTP_ENCRYPTION_KEY; nothing was changed."
                )
            person.totp_secret = totp.reseal(before)
            if totp.is_plain(before):
                changed += 1
                db.session.add(
                    AccountEvent(at=clock.now(), staff_id=person.id, action="totp_encrypted")
                )
        db.session.commit()
        click.echo(f"{changed} plain TOTP secret(s) encrypted; the others re-encrypted.")
