"""Who is a household's one contact person: the assignment rules and the handover.

Rules on every submitted intake (`assign_on_intake`):
1. continuity: a household that has an active contact person keeps them;
2. else the team whose postcode range covers the household's postcode, else the fallback team;
3. within the team, the contact person (role contact_person, account active) with the lowest
   caseload (number of active assignments; ties: the lowest id);
4. an urgent household (triage urgent) only goes to someone marked available.

The database holds the rule "at most one active contact person per household" itself (a partial
unique index); `_start` ends the old assignment and starts the new one in one transaction.
"""

from __future__ import annotations

from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.households.models import (
    CaseLogEntry,
    ContactAssignment,
    Team,
    TeamMembership,
    TeamPostcodeRange,
)
from portal.models import Household, StaffMember


class HandoverRefused(ValueError):
    """A handover that breaks a rule (no note, not a contact person of the team, ...)."""


def active_assignment(household_id: int) -> ContactAssignment | None:
    return db.session.scalars(
        select(ContactAssignment).where(
            ContactAssignment.household_id == household_id, ContactAssignment.ended_at.is_(None)
        )
    ).first()


def contact_person_for(household_id: int) -> StaffMember | None:
    """The resident's "who is my contact person" (for the resident pages)."""
    assignment = active_assignment(household_id)
    return assignment.staff if assignment else None


def history(household_id: int) -> list[ContactAssignment]:
    return list(
        db.session.scalars(
            select(ContactAssignment)
            .where(ContactAssignment.household_id == household_id)
            .order_by(ContactAssignment.started_at, ContactAssignment.id)
        )
    )


def postcode_number(postcode: str | None) -> int | None:
    digits = (postcode or "").strip()[:4]
    return int(digits) if len(digits) == 4 and digits.isdigit() else None


def team_for_postcode(postcode: str | None) -> Team | None:
    number = postcode_number(postcode)
    if number is not None:
        team = db.session.scalars(
            select(Team)
            .join(TeamPostcodeRange)
            .where(TeamPostcodeRange.start <= number, TeamPostcodeRange.end >= number)
            .order_by(Team.id)
        ).first()
        if team is not None:
            return team
    return db.session.scalars(select(Team).where(Team.is_fallback).order_by(Team.id)).first()


def caseload(staff_id: int) -> int:
    return db.session.scalar(
        select(func.count(ContactAssignment.id)).where(
            ContactAssignment.staff_id == staff_id, ContactAssignment.ended_at.is_(None)
        )
    )


def candidates(team: Team, *, urgent: bool) -> list[StaffMember]:
    """The team's contact persons who can take this household, lightest caseload first."""
    rows = db.session.execute(
        select(StaffMember, TeamMembership.available)
        .join(TeamMembership, TeamMembership.staff_id == StaffMember.id)
        .where(TeamMembership.team_id == team.id, StaffMember.active)
    ).all()
    people = [
        person
        for person, available in rows
        if person.has_role("contact_person") and (available or not urgent)
    ]
    return sorted(people, key=lambda person: (caseload(person.id), person.id))


def team_of(staff_id: int) -> Team | None:
    membership = db.session.get(TeamMembership, staff_id)
    return membership.team if membership else None


def assign_on_intake(household: Household) -> ContactAssignment | None:
    """Apply the rules; the caller commits. None when nobody can be assigned (logged)."""
    current = active_assignment(household.id)
    if current is not None:
        return current
    team = team_for_postcode(household.postcode)
    people = candidates(team, urgent=household.triage == "urgent") if team else []
    if not people:
        log(household.id, None, "unassigned", "")
        return None
    return _start(household.id, people[0], team, by=None, note=None, kind="assigned")


def household_team(household: Household) -> Team | None:
    """The team of the active assignment; without one, the team of the household's area."""
    current = active_assignment(household.id)
    if current is not None:
        return current.team
    return team_for_postcode(household.postcode)


def hand_over(
    household_id: int, to: StaffMember, *, by: StaffMember, note: str, commit: bool = True
) -> ContactAssignment:
    """A team lead gives the household to another contact person of the household's team
    (or, without one yet, to a first contact person), with a note for them. With
    `commit=False` the caller commits (portal/services/assignments.py: the residents' message
    in the same transaction)."""
    note = (note or "").strip()
    if not note:
        raise HandoverRefused("note")
    current = active_assignment(household_id)
    team = household_team(db.session.get(Household, household_id))
    if team is None or not to.active or not to.has_role("contact_person") or team_of(to.id) != team:
        raise HandoverRefused("not_in_team")
    if current is not None and current.staff_id == to.id:
        raise HandoverRefused("same")
    assignment = _start(household_id, to, team, by=by, note=note, kind="handover")
    if commit:
        db.session.commit()
    return assignment


def _start(
    household_id: int,
    person: StaffMember,
    team: Team | None,
    *,
    by: StaffMember | None,
    note: str | None,
    kind: str,
) -> ContactAssignment:
    moment = clock.now()
    current = active_assignment(household_id)
    if current is not None:
        current.ended_at = moment
        db.session.flush()  # the old one ends before the new one starts (the unique index)
    assignment = ContactAssignment(
        household_id=household_id,
        staff_id=person.id,
        team_id=team.id if team else None,
        started_at=moment,
        note=note,
        assigned_by_id=by.id if by else None,
    )
    db.session.add(assignment)
    before = f"{current.staff.display_name} → " if current is not None else ""
    log(household_id, by.id if by else None, kind, f"{before}{person.display_name}")
    db.session.flush()
    return assignment


def log(household_id: int, staff_id: int | None, kind: str, body: str) -> CaseLogEntry:
    entry = CaseLogEntry(
        household_id=household_id, staff_id=staff_id, kind=kind, body=body, at=clock.now()
    )
    db.session.add(entry)
    return entry
