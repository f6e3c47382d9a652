"""The demo has a team, so every demo household gets a contact person."""

from __future__ import annotations

import sqlalchemy as sa

from portal.extensions import db
from portal.households.models import ContactAssignment, TeamMembership
from portal.models import Household


def test_demo_households_all_have_a_contact_person(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo team" in result.output
    with app.app_context():
        households = db.session.scalar(sa.select(sa.func.count(Household.id)))
        active = db.session.scalar(
            sa.select(sa.func.count(ContactAssignment.id)).where(
                ContactAssignment.ended_at.is_(None)
            )
        )
        assert households > 0 and active == households
        assert db.session.scalar(sa.select(sa.func.count()).where(TeamMembership.leads)) == 1
