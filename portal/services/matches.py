"""Staff decide a possible match (issue #12, portal/households/matching.py): merge, keep apart or
ask. A merge moves the new household's intake, outcomes (caseload), consents and members into the
existing household, forgets the resident visits of the one that is gone, and refreshes the due
dates; it is refused for a household with more than one intake or an issued plan."""

from __future__ import annotations

from sqlalchemy import select

from portal import clock
from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households import assignment, matching
from portal.households.models import Consent, HouseholdMatch
from portal.models import Household, HouseholdMember, Intake, StaffMember
from portal.plans.models import PlanVersion
from portal.residents.models import ResidentVisit
from portal.services import due_dates


def decide(match: HouseholdMatch, decision: str, by: StaffMember) -> None:
    """Record the decision (the caller audits and commits); `merge` moves the new household's
    intake, outcomes, consents and members into the existing household."""
    if decision not in matching.DECISIONS:
        raise ValueError(decision)
    if match.decision in ("merge", "keep_apart"):
        raise matching.MergeRefused("decided")
    if decision == "merge":
        if match.reason == matching.BIRTH_DATE_DIFFERS:
            raise matching.MergeRefused("birth_date")
        _merge(match, by)
    match.decision = decision
    match.decided_at = clock.now()
    match.decided_by_id = by.id
    text = {
        "merge": "samengevoegd",
        "keep_apart": "apart gehouden",
        "ask": "eerst navragen bij de inwoner",
    }[decision]
    for household_id in (match.existing_household_id, match.new_household_id):
        if household_id is not None and db.session.get(Household, household_id) is not None:
            assignment.log(household_id, by.id, "event", f"Mogelijke match #{match.id}: {text}")


def _merge(match: HouseholdMatch, by: StaffMember) -> None:
    source = db.session.get(Household, match.new_household_id) if match.new_household_id else None
    target = db.session.get(Household, match.existing_household_id)
    if source is None or target is None:
        raise matching.MergeRefused("decided")
    intakes = db.session.scalars(select(Intake).where(Intake.household_id == source.id)).all()
    if len(intakes) != 1 or _has_issued_plan(source.id):
        # more than one intake or an issued plan: staff move members one by one instead
        raise matching.MergeRefused("not_simple")
    (intake,) = intakes
    intake.household_id = target.id
    for outcome in db.session.scalars(
        select(HouseholdOutcome).where(HouseholdOutcome.household_id == source.id)
    ):
        outcome.household_id = target.id
    for consent in db.session.scalars(select(Consent).where(Consent.household_id == source.id)):
        consent.household_id = target.id
    for member in list(source.members):
        same = next((m for m in target.members if _same_person(m, member)), None)
        if same is None:
            member.household_id = target.id
        elif member.identity_verified and not same.identity_verified:
            # staff confirmed that the verified applicant is this listed member
            same.identity_verified, same.verified_via = True, "staff"
    db.session.flush()
    for visit in db.session.scalars(
        select(ResidentVisit).where(ResidentVisit.household_id == source.id)
    ):
        db.session.delete(visit)
    for other in db.session.scalars(
        select(HouseholdMatch).where(
            HouseholdMatch.new_household_id == source.id, HouseholdMatch.id != match.id
        )
    ):
        # the same intake's other matches are settled by this merge (a merge of the same
        # households; a match with another household stays open)
        other.new_household_id = None
        if other.existing_household_id == target.id and other.decision is None:
            other.decision, other.decided_at, other.decided_by_id = "merge", clock.now(), by.id
    match.new_household_id = None
    db.session.flush()
    # the moved members and the intake must not be deleted with the empty household
    db.session.expire(source)
    db.session.expire(target, ["members", "intakes"])
    db.session.delete(source)
    db.session.flush()
    due_dates.refresh(target.id)
    assignment.log(
        target.id,
        by.id,
        "event",
        f"Aanvraag {intake.reference} toegevoegd na controle (#{match.id})",
    )


def _same_person(a: HouseholdMember, b: HouseholdMember) -> bool:
    if a.bsn and b.bsn:
        return a.bsn == b.bsn
    return (
        a.birth_date is not None and a.birth_date == b.birth_date and a.given_name == b.given_name
    )


def _has_issued_plan(household_id: int) -> bool:
    return (
        db.session.scalars(
            select(PlanVersion.id).where(PlanVersion.household_id == household_id).limit(1)
        ).first()
        is not None
    )
