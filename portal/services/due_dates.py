"""The caseload's due dates, refreshed from this one place.

A household's next due date on the caseload is the earliest of what six features know: a
running outcome's term (caseload), the plan's evaluation date (plans), the meldcode's next
step (households), a Jeugdwet 7.3.9 request's date (retention), an action on the household's
post (documents) and an open action of a casusplatform (escalations, both issue #17).
`portal.caseload.service.refresh_due` computes the summary row from them; this module gathers
those dates and is its only caller, so caseload reads none of those features, and every change
that moves a due date (intake filed, status changed, plan saved, meldcode step recorded, member
moved, households merged, a post action or platform action added or done) comes through here.
"""

from __future__ import annotations

from sqlalchemy import select

from portal.caseload import service as caseload
from portal.caseload.models import HouseholdDue
from portal.documents import service as documents
from portal.escalations import service as escalations
from portal.extensions import db
from portal.households import meldcode
from portal.models import Household, Intake
from portal.plans.models import Plan
from portal.retention import service as retention


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
        destruction_due=retention.next_destruction_due(household_id),
        post_action=documents.next_post_action(household_id),
        platform_action=escalations.next_action_due(household_id),
    )
