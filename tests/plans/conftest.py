"""Plan fixtures: the household world (teams, contact persons, a family filed by an intake) and
helpers to post a plan section the way the page's form does."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.households.models import AuditEvent
from tests.households.conftest import (  # noqa: F401  (fixtures used by the plan tests)
    app,
    as_,
    family,
    household,
    submit,
    world,
)
from tests.staff.conftest import clock, text  # noqa: F401

BASE = "/medewerkers/huishoudens"


def plan_url(household_id: int, rest: str = "") -> str:
    return f"{BASE}/{household_id}/plan{rest}"


def date_parts(prefix: str, value: str | None) -> dict:
    """'2027-01-15' as the three boxes of a date field."""
    if not value:
        return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
    year, month, day = value.split("-")
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def audit_rows(flask_app, household_id: int) -> list[tuple[str, str]]:
    with flask_app.app_context():
        return [
            (r.action, r.what)
            for r in db.session.scalars(
                sa.select(AuditEvent)
                .where(AuditEvent.household_id == household_id)
                .order_by(AuditEvent.id)
            )
        ]


@pytest.fixture
def a_client(app, world, household, clock):  # noqa: F811
    return as_(app, world, "a", clock)
