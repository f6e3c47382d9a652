"""A member moves to another household (issue #4, docs/households.md "Members who move"): the
member row and its history (households), the member's own open outcomes (caseload), both case
logs and both households' due dates."""

from __future__ import annotations

from portal.caseload import service as caseload
from portal.extensions import db
from portal.households import assignment, moves
from portal.households.models import HouseholdMembershipChange
from portal.models import Household, HouseholdMember, StaffMember
from portal.services import due_dates


def move(
    member: HouseholdMember, target: Household | None, *, reason: str, by: StaffMember
) -> tuple[HouseholdMembershipChange, Household]:
    """Move `member` to `target`, or to a new household of their own when `target` is None;
    raises `moves.MoveRefused`. The caller checks access and commits."""
    source_id = member.household_id
    keys = moves.outcome_keys(member, source_id)
    change, target = moves.move(member, target, reason=reason, by=by)
    if keys:  # the member is in the household's intakes: their open outcomes go along
        moved = caseload.move_member_outcomes(keys, source_id, target.id)
        due_dates.refresh(source_id)
        due_dates.refresh(target.id)
        if moved:
            name = moves.name_of(member)
            ids = ", ".join(f"#{o.id}" for o in moved)
            went, came = f"mee → {target.id}: {ids}", f"← {source_id}: {ids}"
            assignment.log(source_id, by.id, "event", f"Uitkomsten van {name} {went}")
            assignment.log(target.id, by.id, "event", f"Uitkomsten van {name} {came}")
    db.session.flush()
    return change, target
