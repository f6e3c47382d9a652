"""Submitting an intake: validate against the contract, evaluate with the verordening, and file
it under the right household (found by a member's BSN, never duplicated)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select

from forms.contract import Issue, normalise_intake, validate_intake
from portal.caseload import service as caseload
from portal.extensions import db
from portal.households import assignment
from portal.models import Household, HouseholdMember, Intake
from portal.plans import service as plans
from portal.residents.models import IntakeResumeCode
from portal.services import rules

# No 0/O, 1/I/L: a reference number is read aloud over the phone and typed from paper.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class IntakeRejected(ValueError):
    """The intake breaks the contract; `issues` says where, in words a resident understands."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(issue.message for issue in issues))


@dataclass(frozen=True)
class SubmittedIntake:
    intake: Intake
    household: Household
    joined_existing_household: bool


def new_reference(today: date) -> str:
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"SD-{today.year}-{suffix}"


def submit(
    answers: dict,
    *,
    as_of: date | None = None,
    channel: str = "online",
    commit: bool = True,
    resume_code_hash: str | None = None,
) -> SubmittedIntake:
    """Validate, evaluate on `as_of` (the peildatum; today by default) and store the intake.

    Validation judges dates against the real today, not the peildatum: a birth date or consent
    date is "in the future" relative to when the resident filled in the form.

    With `commit=False` the caller commits, so the intake and whatever the caller changes with
    it (e.g. marking the draft as submitted) are one transaction: both or neither.

    `resume_code_hash`: the draft's resume code hash (the draft forgets it at submission), kept
    so the resident can attach this intake to their DigiD log-in later (portal/residents/).
    """
    today = date.today()
    as_of = as_of or today
    answers = normalise_intake(answers)
    errors = [issue for issue in validate_intake(answers, today=today) if issue.is_error]
    if errors:
        raise IntakeRejected(errors)
    evaluation = rules.registry().evaluate(answers, as_of)
    result = evaluation.to_dict()

    household = _known_household(answers["members"])
    joined = household is not None
    if household is None:
        household = Household(postcode=(answers.get("address") or {}).get("postcode"))
        db.session.add(household)
    _add_new_members(household, answers["members"])
    household.triage = result["triage"]

    intake = Intake(
        reference=new_reference(as_of),
        household=household,
        submitted_at=datetime.now(UTC),
        channel=answers.get("channel") or channel,
        schema_version=answers["schema_version"],
        answers=answers,
        verordening_id=result["verordening"]["id"],
        verordening_hash=result["verordening"]["content_hash"],
        evaluation=result,
        triage=result["triage"],
        question=answers["story"]["question"],
    )
    db.session.add(intake)
    db.session.flush()  # gives the intake its id, inside the caller's transaction
    # One contact person per household: continuity, team by postcode, caseload (same transaction).
    assignment.assign_on_intake(household)
    caseload.record_outcomes(intake)
    if resume_code_hash:
        db.session.add(IntakeResumeCode(intake_id=intake.id, code_hash=resume_code_hash))
    plans.on_intake(intake)  # the household's one plan: created, or updated (issue #5)
    if commit:
        db.session.commit()
    return SubmittedIntake(intake=intake, household=household, joined_existing_household=joined)


def _known_household(members: list[dict]) -> Household | None:
    numbers = [member["bsn"] for member in members if member.get("bsn")]
    if not numbers:
        return None
    found = db.session.scalars(
        select(HouseholdMember).where(HouseholdMember.bsn.in_(numbers)).limit(1)
    ).first()
    return found.household if found else None


def _add_new_members(household: Household, members: list[dict]) -> None:
    """Add members the household file does not have yet; a known member is matched by BSN, or
    (without BSN, e.g. a young child) by name and birth date."""
    for member in members:
        if any(existing.is_described_by(member) for existing in household.members):
            continue
        household.members.append(
            HouseholdMember(
                role=member["role"],
                given_name=member.get("given_name"),
                family_name=member.get("family_name"),
                birth_date=_parse_date(member.get("birth_date")),
                bsn=member.get("bsn"),
            )
        )


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
