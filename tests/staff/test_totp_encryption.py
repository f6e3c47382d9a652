"""TOTP secrets are encrypted at rest (Fernet, a key outside the database); secrets stored
before still work and are encrypted at their next use or by `flask encrypt-totp-secrets`."""

from __future__ import annotations

import pyotp
import pytest
import sqlalchemy as sa
from cryptography.fernet import Fernet

from portal.config import ConfigError, check_production_safety
from portal.extensions import db
from portal.models import StaffMember
from portal.staff import totp
from portal.staff.models import AccountEvent
from tests.staff.conftest import Account, login, make_staff, password_step


def stored_secret(app, staff_id: int) -> str:
    with app.app_context():
        return db.session.execute(
            sa.text("SELECT totp_secret FROM staff_member WHERE id = :id"), {"id": staff_id}
        ).scalar_one()


def test_a_new_app_link_is_stored_encrypted_and_log_in_works(app, client, clock):
    new = make_staff(app, "nieuw@test.example", "contact_person", confirmed=False)
    with app.app_context():
        db.session.get(StaffMember, new.id).totp_secret = None
        db.session.commit()
    password_step(client, new)
    page = client.get("/medewerkers/koppelen").get_data(as_text=True)
    stored = stored_secret(app, new.id)
    with app.app_context():
        secret = totp.reveal(stored)
    assert stored != secret and secret not in stored and len(secret) == 32
    assert " ".join(secret[i : i + 4] for i in range(0, 32, 4)) in page  # the key shown is right
    response = client.post("/medewerkers/koppelen", data={"code": pyotp.TOTP(secret).at(clock())})
    assert response.status_code == 303
    clock.advance(minutes=1)
    # Log out and in again with the encrypted secret.
    client.post("/medewerkers/uitloggen")
    login(client, Account(new.id, new.email, secret), clock)
    assert client.get("/medewerkers/").status_code == 200


def test_a_plain_secret_from_before_still_works_and_is_encrypted_at_its_use(app, client, clock):
    old = make_staff(app, "oud@test.example", "contact_person")  # stored as plain base32
    assert stored_secret(app, old.id) == old.secret
    login(client, old, clock)
    stored = stored_secret(app, old.id)
    assert stored != old.secret and old.secret not in stored
    with app.app_context():
        assert totp.reveal(stored) == old.secret
    client.post("/medewerkers/uitloggen")
    login(client, old, clock)  # and it keeps working


def test_the_database_value_is_useless_without_the_key(app, client, clock):
    person = make_staff(app, "sleutel@test.example", "contact_person")
    login(client, person, clock)
    stored = stored_secret(app, person.id)
    other = Fernet.generate_key().decode()
    app.config["TOTP_ENCRYPTION_KEY"] = other
    with app.app_context():
        assert totp.reveal(stored) is None  # another key cannot read it
    # Rotation: the new key first, the old one still accepted.
    with app.app_context():
        app.config["TOTP_ENCRYPTION_KEY"] = None
        first = totp.derived_key(app.config["SECRET_KEY"])
    app.config["TOTP_ENCRYPTION_KEY"] = f"{other},{first}"
    with app.app_context():
        assert totp.reveal(stored) == person.secret


def test_the_cli_encrypts_every_plain_secret(app, runner):
    people = [make_staff(app, f"p{n}@test.example", "contact_person") for n in range(3)]
    result = runner.invoke(args=["encrypt-totp-secrets"])
    assert result.exit_code == 0, result.output
    assert "3 plain" in result.output
    for person in people:
        stored = stored_secret(app, person.id)
        assert stored != person.secret
        with app.app_context():
            assert totp.reveal(stored) == person.secret
    with app.app_context():
        logged = db.session.scalars(sa.select(AccountEvent.action)).all()
    assert logged == ["totp_encrypted"] * 3
    again = runner.invoke(args=["encrypt-totp-secrets"])
    assert again.exit_code == 0 and "0 plain" in again.output


def test_production_refuses_to_start_without_a_key_of_its_own():
    safe = {"ENV_MODE": "production", "SECRET_KEY": "s" * 48, "SESSION_COOKIE_SECURE": True}
    with pytest.raises(ConfigError, match="TOTP_ENCRYPTION_KEY"):
        check_production_safety(safe)
    with pytest.raises(ConfigError, match="TOTP_ENCRYPTION_KEY"):
        check_production_safety({**safe, "TOTP_ENCRYPTION_KEY": "geen-sleutel"})
