"""Staff fixtures: accounts with a known password and TOTP key, a clock tests can move,
and a helper that logs in the way a person does (password page, then code page)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from portal import clock as app_clock
from portal.extensions import db
from portal.models import StaffMember
from portal.staff import passwords

PASSWORD = "lange zin als wachtwoord voor de test"
START = datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs) -> None:
        self.moment += timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    frozen = Clock(START)
    monkeypatch.setattr(app_clock, "now", frozen)
    return frozen


@dataclass
class Account:
    id: int
    email: str
    secret: str
    password: str = PASSWORD


_HASH: dict[str, str] = {}


def make_staff(app, email: str, roles: str, *, confirmed: bool = True, active: bool = True):
    if PASSWORD not in _HASH:  # argon2 on purpose is slow: hash the shared password once
        _HASH[PASSWORD] = passwords.hash_password(PASSWORD)
    secret = pyotp.random_base32()
    with app.app_context():
        person = StaffMember(
            email=email,
            display_name=email.split("@")[0].title(),
            roles=roles,
            active=active,
            password_hash=_HASH[PASSWORD],
            totp_secret=secret,
            totp_confirmed=confirmed,
        )
        db.session.add(person)
        db.session.commit()
        return Account(person.id, email, secret)


@pytest.fixture
def admin(app) -> Account:
    return make_staff(app, "beheer@test.example", "admin")


@pytest.fixture
def desk(app) -> Account:
    return make_staff(app, "loket@test.example", "front_desk")


def code_at(account: Account, moment: datetime) -> str:
    return pyotp.TOTP(account.secret).at(moment)


def password_step(client, account: Account, password: str | None = None, **extra):
    return client.post(
        "/medewerkers/inloggen",
        data={"email": account.email, "password": password or account.password},
        **extra,
    )


def login(client, account: Account, clock: Clock) -> None:
    response = password_step(client, account)
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    assert response.headers["Location"].endswith("/medewerkers/code")
    response = client.post("/medewerkers/code", data={"code": code_at(account, clock())})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    # Every log-in in a test uses a new time step, as a person typing a fresh code would.
    clock.advance(seconds=30)


def text(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
