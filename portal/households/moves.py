"""Moving a member to another household (issue #4): a child turning 18 who gets a file of
their own, a partner who leaves. Done explicitly by staff, with a reason; the member row moves
(household_id changes) and a `household_membership_change` row keeps the history.

Who may do it is decided by the caller (portal.households.access, the same check as notes): the
contact person or team lead of the household the member leaves, and for an existing target
household also of that one. A household is never left empty or without its applicant.

The member's own outcomes go along (docs/households.md, "Members who move"): that is the
caseload's part, and portal/services/members.py does the whole move (this module, then
`portal.caseload.service.move_member_outcomes`, both case logs, the due dates of both).
`outcome_keys` says which of the old household's intake members are this member.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from portal import clock
from portal.extensions import db
from portal.households import assignment, sensitivity
from portal.households.models import HouseholdMembershipChange
from portal.models import Household, HouseholdMember, Intake, StaffMember


class MoveRefused(ValueError):
    """A move that breaks a rule; the argument says which (reason, last_member, same)."""


def name_of(member: HouseholdMember) -> str:
    """The member's name as the case log writes it."""
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
    name = name_of(member)
    assignment.log(source.id, by.id, "member_out", f"{name} → {target.id}: {reason}")
    assignment.log(target.id, by.id, "member_in", f"{name} ← {source.id}: {reason}")
    if created:
        # A new household has no contact person: the usual rules choose one (no continuity).
        assignment.assign_on_intake(target)
    _carry_protection(source, target, name, by)
    db.session.flush()
    return change, target


def _carry_protection(source: Household, target: Household, name: str, by: StaffMember) -> None:
    """Protection is for people, not addresses (issue #12): whoever leaves a protected household
    takes it along, so a partner who fled, or a youth who moves out, is not reachable through
    the new file's ordinary channels. Lifting it again is the staff's own, reasoned step."""
    if target.protected_since is not None or not sensitivity.protected(source):
        return
    target.protected_since = clock.now()
    target.protected_reason = f"Meegenomen: {name} kwam uit afgeschermd huishouden {source.id}"
    target.protected_by_id = by.id
    assignment.log(target.id, by.id, "event", target.protected_reason)


def outcome_keys(member: HouseholdMember, household_id: int) -> set[tuple[int, str]]:
    """(intake id, intake member id) of every intake of the household that describes `member`
    (its intake member id, matched by BSN, or by name and birth date)."""
    intakes = db.session.scalars(select(Intake).where(Intake.household_id == household_id)).all()
    return {
        (intake.id, answered.get("id"))
        for intake in intakes
        for answered in (intake.answers or {}).get("members") or []
        if answered.get("id") and member.is_described_by(answered)
    }


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
