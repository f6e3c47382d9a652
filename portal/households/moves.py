"""Moving a member to another household (issue #4): a child turning 18 who gets a file of
their own, a partner who leaves. Done explicitly by staff, with a reason; the member row moves
(household_id changes) and a `household_membership_change` row keeps the history.

Who may do it is decided by the caller (portal.households.access, the same check as notes): the
contact person or team lead of the household the member leaves, and for an existing target
household also of that one. A household is never left empty or without its applicant.

The member's own outcomes go along (docs/households.md, "Members who move"): every outcome of
an intake in the old household that is about this member (its intake member id, matched by BSN,
or by name and birth date) and not closed yet moves to the new household, so it shows on the
new household's caseload with its own term; `household_due` is refreshed for both. Closed
outcomes and the intakes themselves stay in the old household's file: an intake describes the
household as it was when it was sent. Both case logs name the outcomes that moved.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from portal import clock
from portal.caseload import service as caseload
from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households import assignment
from portal.households.models import HouseholdMembershipChange
from portal.models import Household, HouseholdMember, Intake, StaffMember


class MoveRefused(ValueError):
    """A move that breaks a rule; the argument says which (reason, last_member, same)."""


def _name(member: HouseholdMember) -> str:
    return " ".join(p for p in (member.given_name, member.family_name) if p) or f"#{member.id}"


def move(
    member: HouseholdMember, target: Household | None, *, reason: str, by: StaffMember
) -> tuple[HouseholdMembershipChange, Household]:
    """Move `member` to `target`, or to a new household of their own when `target` is None.
    The caller checks access and commits."""
    reason = (reason or "").strip()
    if not reason:
        raise MoveRefused("reason")
    source = member.household
    others = [m for m in source.members if m.id != member.id]
    if not others:
        raise MoveRefused("last_member")
    if member.role == "applicant" and not any(m.role == "applicant" for m in others):
        raise MoveRefused("last_member")
    if target is not None and target.id == source.id:
        raise MoveRefused("same")
    created = target is None
    if target is None:
        target = Household(postcode=source.postcode, created_at=clock.now())
        db.session.add(target)
        db.session.flush()
        member.role = "applicant"  # alone in their own household
    member.household_id = target.id
    change = HouseholdMembershipChange(
        member_id=member.id,
        from_household_id=source.id,
        to_household_id=target.id,
        reason=reason,
        staff_id=by.id,
        at=clock.now(),
    )
    db.session.add(change)
    db.session.flush()
    db.session.expire(source, ["members"])
    db.session.expire(target, ["members"])
    name = _name(member)
    assignment.log(source.id, by.id, "member_out", f"{name} → {target.id}: {reason}")
    assignment.log(target.id, by.id, "member_in", f"{name} ← {source.id}: {reason}")
    if created:
        # A new household has no contact person: the usual rules choose one (no continuity).
        assignment.assign_on_intake(target)
    moved = _move_outcomes(member, source.id, target.id)
    if moved:
        ids = ", ".join(f"#{o.id}" for o in moved)
        assignment.log(source.id, by.id, "event", f"Uitkomsten van {name} mee → {target.id}: {ids}")
        assignment.log(target.id, by.id, "event", f"Uitkomsten van {name} ← {source.id}: {ids}")
    db.session.flush()
    return change, target


def _move_outcomes(member: HouseholdMember, source_id: int, target_id: int) -> list:
    """Move the member's own outcomes that are not closed to `target_id`; refresh both."""
    intakes = db.session.scalars(select(Intake).where(Intake.household_id == source_id)).all()
    keys = {
        (intake.id, answered.get("id"))
        for intake in intakes
        for answered in (intake.answers or {}).get("members") or []
        if answered.get("id") and member.is_described_by(answered)
    }
    if not keys:
        return []
    candidates = db.session.scalars(
        select(HouseholdOutcome)
        .where(
            HouseholdOutcome.household_id == source_id,
            HouseholdOutcome.intake_id.in_({intake_id for intake_id, _ in keys}),
            HouseholdOutcome.status != caseload.CLOSED,
        )
        .order_by(HouseholdOutcome.id)
    ).all()
    moved = [o for o in candidates if (o.intake_id, o.member_id) in keys]
    for outcome in moved:
        outcome.household_id = target_id
    db.session.flush()
    caseload.refresh_due(source_id)
    caseload.refresh_due(target_id)
    return moved


def history(household_id: int) -> list[HouseholdMembershipChange]:
    """Every member who left or joined this household, oldest first."""
    return list(
        db.session.scalars(
            select(HouseholdMembershipChange)
            .where(
                or_(
                    HouseholdMembershipChange.from_household_id == household_id,
                    HouseholdMembershipChange.to_household_id == household_id,
                )
            )
            .order_by(HouseholdMembershipChange.at, HouseholdMembershipChange.id)
        )
    )
