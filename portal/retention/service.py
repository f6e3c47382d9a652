"""Data that ends on time: legal holds and Jeugdwet 7.3.9 requests (this package's tables).
What expires and the purge itself read and remove every feature's rows: that is in
portal/services/retention.py."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal import clock
from portal.dutch_time import today
from portal.extensions import db
from portal.retention.models import DestructionRequest, LegalHold
from verordening.deadlines import add_months

# Jeugdwet 7.3.9 lid 1: destroyed within three months of the request [V, legal-facts.md 3.1]
DESTRUCTION_MONTHS = 3
KEEP_REASONS = ("other_interest", "legal_duty")  # 7.3.9 lid 3 (legal-facts.md 3.1: V)
OPEN = None  # decision of a request not handled yet


class HoldRefused(ValueError):
    """The household is under a legal hold."""


def active_hold(household_id: int) -> LegalHold | None:
    return db.session.scalars(
        select(LegalHold).where(
            LegalHold.household_id == household_id, LegalHold.lifted_at.is_(None)
        )
    ).first()


def held_households() -> set[int]:
    return set(
        db.session.scalars(select(LegalHold.household_id).where(LegalHold.lifted_at.is_(None)))
    )


def set_hold(household_id: int, reason: str, *, staff_id: int) -> LegalHold:
    found = active_hold(household_id)
    if found is not None:
        return found
    row = LegalHold(
        household_id=household_id, reason=reason.strip(), set_at=clock.now(), set_by_id=staff_id
    )
    db.session.add(row)
    db.session.flush()
    return row


def lift_hold(household_id: int, *, staff_id: int) -> LegalHold | None:
    found = active_hold(household_id)
    if found is not None:
        found.lifted_at, found.lifted_by_id = clock.now(), staff_id
        db.session.flush()
    return found


def request_destruction(
    household_id: int, member_id: int | None, *, via: str, staff_id: int | None = None
) -> DestructionRequest:
    """A youth or parent asks to destroy the youth file: due within three months."""
    asked = today()
    row = DestructionRequest(
        household_id=household_id,
        member_id=member_id,
        asked_via=via,
        requested_on=asked,
        due_on=add_months(asked, DESTRUCTION_MONTHS),
        registered_by_id=staff_id,
    )
    db.session.add(row)
    db.session.flush()
    return row


def requests(household_id: int) -> list[DestructionRequest]:
    return list(
        db.session.scalars(
            select(DestructionRequest)
            .where(DestructionRequest.household_id == household_id)
            .order_by(DestructionRequest.requested_on, DestructionRequest.id)
        )
    )


def open_request(household_id: int, request_id: int) -> DestructionRequest | None:
    row = db.session.get(DestructionRequest, request_id)
    if row is None or row.household_id != household_id or row.decision is not OPEN:
        return None
    return row


def next_destruction_due(household_id: int) -> date | None:
    """The first date by which an open 7.3.9 request must be handled (for the caseload)."""
    return db.session.scalar(
        select(DestructionRequest.due_on)
        .where(
            DestructionRequest.household_id == household_id,
            DestructionRequest.decision.is_(None),
        )
        .order_by(DestructionRequest.due_on)
        .limit(1)
    )


def keep(request: DestructionRequest, reason: str, note: str, *, staff_id: int) -> None:
    """The exception of 7.3.9 lid 3: a substantial interest of another, or a legal duty to
    keep; recorded with the reason."""
    if reason not in KEEP_REASONS:
        raise ValueError(reason)
    request.decision, request.decision_reason = "kept", reason
    request.decision_note, request.decided_on, request.decided_by_id = (
        note.strip(),
        today(),
        staff_id,
    )
    db.session.flush()


def destroyed(request: DestructionRequest, *, staff_id: int) -> None:
    request.decision, request.decided_on, request.decided_by_id = "destroyed", today(), staff_id
    db.session.flush()
