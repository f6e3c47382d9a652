"""An escalation to the ontschotter changes more than its own tables (issue #17): the
household's case log tells the story, and a platform action's due date reaches the caseload.
Each function does all of it inside the caller's transaction (flush, never commit)."""

from __future__ import annotations

from datetime import date

from portal.escalations import ledger, service
from portal.escalations.models import Escalation, HandgeldPayment, PlatformAction
from portal.households import assignment
from portal.models import StaffMember
from portal.services import due_dates


def escalate(
    household_id: int,
    *,
    need: str,
    tried: str,
    barriers: list[tuple[str, str, str | None]],
    by: StaffMember,
) -> Escalation:
    escalation = service.raise_escalation(
        household_id, need=need, tried=tried, barriers=barriers, by=by
    )
    assignment.log(
        household_id, by.id, "escalation", f"Geëscaleerd naar de ontschotter (#{escalation.id})"
    )
    return escalation


def add_action(
    escalation: Escalation, *, what: str, owner: StaffMember, due_on: date
) -> PlatformAction:
    action = service.add_action(escalation, what=what, owner=owner, due_on=due_on)
    due_dates.refresh(escalation.household_id)
    return action


def finish_action(action: PlatformAction) -> bool:
    changed = service.finish_action(action)
    if changed:
        due_dates.refresh(action.household_id)
    return changed


def decide(escalation: Escalation, *, by: StaffMember, **decision: str) -> None:
    service.decide(escalation, by=by, **decision)
    assignment.log(
        escalation.household_id,
        by.id,
        "breakthrough",
        f"Doorbraakbesluit casusplatform (#{escalation.id})",
    )


def pay(escalation: Escalation, *, by: StaffMember, **payment) -> HandgeldPayment:
    row = ledger.pay(escalation, by=by, **payment)
    assignment.log(escalation.household_id, by.id, "handgeld", f"Handgeld betaald (#{row.id})")
    return row
