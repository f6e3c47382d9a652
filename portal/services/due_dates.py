"""The caseload's due dates, refreshed from this one place.

A household's next due date on the caseload is the earliest of what four features know: a
running outcome's term (caseload), the plan's evaluation date (plans), the meldcode's next
step (households) and an open action of a casusplatform (escalations).
`portal.caseload.service.refresh_due` computes the summary row from them; this module gathers
the plan's, the meldcode's and the platform actions' dates and is its only caller, so caseload
reads neither plans, the meldcode nor the escalations, and every change that moves a due date
(intake filed, status changed, plan saved, meldcode step recorded, member moved, households
merged, platform action added or done) comes through here.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.caseload import service as caseload
from portal.caseload.models import HouseholdDue
from portal.escalations import service as escalations
from portal.extensions import db
from portal.households import meldcode
from portal.models import Household, Intake
from portal.plans.models import Plan


def refresh(household_id: int, latest_intake: Intake | None = None) -> HouseholdDue:
    """Recompute the household's caseload summary (inside the caller's transaction)."""
    household = db.session.get(Household, household_id)
    return caseload.refresh_due(
        household_id,
        latest_intake,
        plan_evaluation=db.session.scalar(
            select(Plan.evaluation_date).where(Plan.household_id == household_id)
        ),
        meldcode_step=meldcode.next_due(household) if household is not None else None,
        platform_action=escalations.next_action_due(household_id),
    )
