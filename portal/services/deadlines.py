"""Deadlines kept (issue #19): an Awb 4:14 extension is recorded (deadlines), the outcome's
term moves to the new date (caseload), the household's due date follows (due_dates) and the
resident who applied is told before the term ends (messages) — one transaction. A received
ingebrekestelling starts the dwangsom clock (deadlines; it stops at the decision, in
services/outcomes.py)."""

from __future__ import annotations

from datetime import date

from portal import messages
from portal.caseload import service as caseload
from portal.caseload.models import HouseholdOutcome
from portal.deadlines import service as deadlines
from portal.deadlines.models import Ingebrekestelling, TermExtension
from portal.models import StaffMember
from portal.services import due_dates


def extend(
    outcome: HouseholdOutcome, new_due: date, reason: str, *, by: StaffMember
) -> TermExtension:
    """Record the extension (raises `deadlines.awb.Refused`), move the term, tell the
    resident; the caller audits and commits."""
    row = deadlines.record_extension(outcome, new_due, reason, staff_id=by.id)
    caseload.extend_term(outcome, new_due)
    due_dates.refresh(outcome.household_id)
    messages.term_extended(outcome.intake_id, new_due)
    return row


def register_ingebrekestelling(
    outcome: HouseholdOutcome, received: date, *, by: StaffMember
) -> Ingebrekestelling:
    """Keep a received ingebrekestelling (raises `deadlines.awb.Refused`); the caller audits
    and commits."""
    return deadlines.register_ingebrekestelling(outcome, received, staff_id=by.id)
