"""Deadlines fixtures: the messages' real SMTP server and app (tests/messages/conftest.py), the
households' teams, and helpers to find a household's outcomes by regime."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.caseload.models import HouseholdDue, HouseholdOutcome
from portal.extensions import db
from portal.messages import process
from tests.messages.conftest import mail_app, sms, smtp  # noqa: F401  (fixtures)
from tests.residents.conftest import app, migrated, provider, world  # noqa: F401  (fixtures)
from tests.staff.conftest import clock  # noqa: F401  (fixture)


def outcome_of(app, household_id: int, regime: str) -> int:  # noqa: F811
    with app.app_context():
        return db.session.scalars(
            select(HouseholdOutcome.id)
            .where(HouseholdOutcome.household_id == household_id, HouseholdOutcome.regime == regime)
            .order_by(HouseholdOutcome.id)
        ).first()


def due_of(app, outcome_id: int) -> date | None:  # noqa: F811
    with app.app_context():
        return db.session.get(HouseholdOutcome, outcome_id).due_on


def next_due(app, household_id: int) -> tuple[date | None, str | None]:  # noqa: F811
    with app.app_context():
        row = db.session.get(HouseholdDue, household_id)
        return row.next_due_on, row.due_kind


def send_all(app) -> dict:  # noqa: F811
    with app.app_context():
        return process.send_due()


@pytest.fixture
def lead_client(app, world, clock):  # noqa: F811
    from tests.staff.conftest import login

    client = app.test_client()
    login(client, world["l"], clock)
    return client
