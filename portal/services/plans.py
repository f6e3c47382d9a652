"""The plan is saved or issued (issue #5): the plan itself (plans), the caseload's due date when
the evaluation date changes, the issued version to the household's zaken (hand-off), and a
message to the residents that their plan is ready to agree to (messages, issue #19)."""

from __future__ import annotations

from portal import handoff, messages
from portal.models import StaffMember
from portal.plans import service as plans
from portal.plans.models import Plan, PlanVersion
from portal.services import due_dates


def save(plan: Plan, **changes) -> None:
    """Save sections of the draft; the caller commits."""
    plans.save(plan, **changes)
    if "evaluation_date" in changes:
        due_dates.refresh(plan.household_id)


def issue(plan: Plan, staff: StaffMember, *, number: int | None = None) -> PlanVersion:
    """Freeze the draft as the next numbered version (raises `plans.VersionExists`); the caller
    commits."""
    version = plans.issue(plan, staff, number=number)
    handoff.record_plan(version)
    messages.plan_issued(version)
    return version
