"""An outcome's status changes (issue #4): the status and its log (caseload), the household's
due date, the zaak in the case system (hand-off, issue #15), and a decision stops the
dwangsom clock of an ingebrekestelling (deadlines, issue #19)."""

from __future__ import annotations

from portal import handoff
from portal.caseload import service as caseload
from portal.caseload.models import HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.deadlines import service as deadlines
from portal.services import due_dates


def change_status(
    outcome: HouseholdOutcome, to_status: str, *, staff_id: int, note: str | None = None
) -> HouseholdOutcomeStatusChange:
    """Move `outcome` one allowed step (raises `caseload.StatusChangeRefused`); the caller
    commits."""
    change = caseload.change_status(outcome, to_status, staff_id=staff_id, note=note)
    due_dates.refresh(outcome.household_id)
    deadlines.stop_clocks(outcome)
    handoff.record_status(outcome)
    return change
