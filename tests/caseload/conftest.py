"""Caseload fixtures: contact persons, households with outcomes of chosen terms, assignments."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time

import pytest
import sqlalchemy as sa

from portal.caseload import service
from portal.extensions import db
from portal.households.models import ContactAssignment
from portal.models import Household, Intake
from portal.services import due_dates
from tests.staff.conftest import (  # noqa: F401  (fixtures)
    Account,
    clock,
    login,
    make_staff,
)

_numbers = itertools.count(1)

WMO_6_WEEKS = {"id": "wmo_onderzoek", "length": 6, "unit": "weeks", "starts": "melding"}
AWB_8_WEEKS = {"id": "awb_beslistermijn", "length": 8, "unit": "weeks", "starts": "aanvraag"}
LEERPLICHT_5 = {"id": "leerplicht", "length": 5, "unit": "working_days", "starts": "report"}


def outcome(
    rule_id="wmo_scootmobiel",
    *,
    member_id="m1",
    regime="wmo",
    deadline=WMO_6_WEEKS,
    urgency="normal",
    kind="melding",
) -> dict:
    return {
        "rule_id": rule_id,
        "member_id": member_id,
        "regime": {"id": regime},
        "provision": {"id": rule_id, "name": {"nl": f"Voorziening {rule_id}", "en": rule_id}},
        "kind": kind,
        "urgency": urgency,
        "deadline": deadline,
    }


def file_intake(
    *,
    submitted_on: date,
    outcomes: list[dict],
    household: Household | None = None,
    triage: str = "single_question",
    postcode: str = "2741AB",
) -> Intake:
    """An intake with the given outcomes, filed as submit() files it (inside an app context)."""
    if household is None:
        household = Household(postcode=postcode, triage=triage)
        db.session.add(household)
    number = next(_numbers)
    intake = Intake(
        reference=f"SD-TEST-{number:06d}",
        household=household,
        submitted_at=datetime.combine(submitted_on, time(10, 0), tzinfo=UTC),
        schema_version="1",
        answers={},
        verordening_id="test",
        verordening_hash="0" * 64,
        evaluation={"household": {"outcomes": []}, "members": [{"outcomes": outcomes}]},
        triage=triage,
        question="Vraag",
    )
    db.session.add(intake)
    db.session.flush()
    service.record_outcomes(intake)
    due_dates.refresh(intake.household_id, intake)  # as the steps after filing do
    return intake


def assign(household_id: int, staff_id: int) -> None:
    db.session.add(ContactAssignment(household_id=household_id, staff_id=staff_id))
    db.session.flush()


@pytest.fixture(autouse=True)
def empty_audit_trail(app):
    """On PostgreSQL `audit_event` refuses DELETE (append-only trigger), so the shared teardown
    that deletes every table's rows would fail after a test that wrote audit rows; TRUNCATE is
    not a row-level DELETE. Runs before that teardown (fixtures end in reverse order)."""
    yield
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.rollback()
            db.session.execute(sa.text("TRUNCATE audit_event"))
            db.session.commit()


@pytest.fixture
def contact(app) -> Account:
    return make_staff(app, "contact@test.example", "contact_person")


@pytest.fixture
def other_contact(app) -> Account:
    return make_staff(app, "collega@test.example", "contact_person")
