"""The front desk asks: does this resident have a file, and whom do I call? (issue #12)

The answer never holds the file: no address, no answers, no outcomes. For a protected household
it says so first, so the employee helps the resident without talking about the file where others
can hear, and calls the contact person or the team. Every lookup is audited."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from portal.extensions import db
from portal.households import access, sensitivity
from portal.households.assignment import active_assignment, team_for_postcode
from portal.households.models import LOOKUP
from portal.models import HouseholdMember


@dataclass
class Found:
    protected: bool
    contact_name: str | None
    contact_email: str | None
    team: str | None


def by_bsn(bsn: str) -> Found | None:
    member = db.session.scalars(
        select(HouseholdMember).where(HouseholdMember.bsn == bsn).order_by(HouseholdMember.id)
    ).first()
    access.audit(
        LOOKUP,
        "frontdesk:bsn",
        household_id=member.household_id if member else None,
        role="front_desk",
    )
    db.session.commit()
    if member is None:
        return None
    household = member.household
    current = active_assignment(household.id)
    team = current.team if current is not None else team_for_postcode(household.postcode)
    return Found(
        protected=sensitivity.protected(household),
        contact_name=current.staff.display_name if current else None,
        contact_email=current.staff.email if current else None,
        team=team.name if team else None,
    )
