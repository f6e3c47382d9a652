"""API fixtures: clients with tokens per scope, and households filed by submitted intakes."""

from __future__ import annotations

import pytest

from portal.api import tokens
from portal.extensions import db
from tests.households.conftest import family, submit
from tests.staff.conftest import clock, login, make_staff, text  # noqa: F401


def make_token(app, *scopes: str, name: str = "Testsysteem") -> str:
    with app.app_context():
        made = tokens.create_client(name, list(scopes), created_by_id=None)
        db.session.commit()
        return made.token


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def household(app) -> int:
    """A family filed by an online intake (DigiD), with debts (sensitive) and school outcomes."""
    return submit(app, family())
