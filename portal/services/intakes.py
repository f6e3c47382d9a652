"""Submitting an intake: validate against the contract, evaluate with the verordening, and file
it under the right household: the applicant's verified identity decides, never a typed BSN
(portal/households/matching.py). Then the steps after filing run in the order of
`AFTER_FILING`, one visible list (as Open Formulieren's post-submission chain), all in the
caller's transaction: each step is one feature's part and says what it does."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from forms.contract import Issue, normalise_intake, validate_intake
from portal import dutch_time, handoff, messages, rulebook
from portal.caseload import service as caseload
from portal.extensions import db
from portal.households import assignment, consents, matching
from portal.households.models import IntakeFiledBy
from portal.models import Household, Intake, IntakeResumeCode
from portal.plans import service as plans
from portal.services import due_dates

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


@dataclass(frozen=True)
class FiledIntake:
    """What the steps after filing work with: the stored intake, its household, the normalised
    answers and the draft's resume code hash (if any)."""

    intake: Intake
    household: Household
    answers: dict
    resume_code_hash: str | None


def record_matches(filed: FiledIntake) -> None:
    """Households: a BSN another household has becomes a match for staff to decide."""
    matching.record_matches(filed.household, filed.intake, filed.answers["members"])


def record_consents(filed: FiledIntake) -> None:
    """Households: the consents given in the form."""
    answered = filed.answers.get("consents") or []
    consents.record_from_intake(filed.household, answered, filed.intake.submitted_at)


def assign_contact_person(filed: FiledIntake) -> None:
    """Households: one contact person per household (continuity, team by postcode, caseload)."""
    assignment.assign_on_intake(filed.household)


def record_outcomes(filed: FiledIntake) -> None:
    """Caseload: one row per outcome, with its term."""
    caseload.record_outcomes(filed.intake)


def refresh_due_dates(filed: FiledIntake) -> None:
    """Caseload: the household's summary (what is due first, triage, latest reference)."""
    due_dates.refresh(filed.household.id, filed.intake)


def keep_resume_code(filed: FiledIntake) -> None:
    """The draft's resume code, so the resident can attach this intake to their DigiD log-in
    later (portal/residents/attach.py)."""
    if filed.resume_code_hash:
        db.session.add(
            IntakeResumeCode(intake_id=filed.intake.id, code_hash=filed.resume_code_hash)
        )


def update_plan(filed: FiledIntake) -> None:
    """Plans: the household's one plan, created or updated (issue #5)."""
    plans.on_intake(filed.intake)


def hand_off(filed: FiledIntake) -> None:
    """Hand-off: to the case systems through the outbox, in this transaction (issue #15)."""
    handoff.record_intake(filed.intake)


def tell_the_resident(filed: FiledIntake) -> None:
    """Messages: "we received your application", with the reference and the statutory dates,
    to the person who sent it and only through a channel that is safe for them (issue #19)."""
    messages.intake_received(filed.intake)


AFTER_FILING: tuple[Callable[[FiledIntake], None], ...] = (
    record_matches,
    record_consents,
    assign_contact_person,
    record_outcomes,
    refresh_due_dates,
    keep_resume_code,
    update_plan,
    hand_off,
    tell_the_resident,
)


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
    verified_bsn: str | None = None,
    verified_via: str = "digid",
    filed_by: int | None = None,
) -> SubmittedIntake:
    """Validate, evaluate on `as_of` (the peildatum; today by default) and store the intake.

    Validation judges dates against the real today, not the peildatum: a birth date or consent
    date is "in the future" relative to when the resident filled in the form.

    With `commit=False` the caller commits, so the intake and whatever the caller changes with
    it (e.g. marking the draft as submitted) are one transaction: both or neither.

    `resume_code_hash`: the draft's resume code hash (the draft forgets it at submission), kept
    so the resident can attach this intake to their DigiD log-in later (portal/residents/).

    `verified_bsn`: the applicant's BSN as checked (the DigiD log-in, or an ID document at the
    desk: `verified_via` "digid" or "desk"). Without it the intake never joins an existing
    household; a BSN another household has becomes a match for staff to decide.

    `filed_by`: the representation (issue #19) under which someone filed it for the resident
    ("ingediend door X namens Y"), kept in `intake_filed_by`.
    """
    today = dutch_time.today()
    as_of = as_of or today
    answers = normalise_intake(answers)
    errors = [issue for issue in validate_intake(answers, today=today) if issue.is_error]
    if errors:
        raise IntakeRejected(errors)
    evaluation = rulebook.registry().evaluate(answers, as_of)
    result = evaluation.to_dict()

    members = answers["members"]
    household = matching.verified_household(members, verified_bsn)
    joined = household is not None
    if household is None:
        household = Household(postcode=(answers.get("address") or {}).get("postcode"))
        db.session.add(household)
    matching.add_members(household, members, verified_bsn, verified_via)
    household.triage = result["triage"]
    if joined:
        # members may have been added: staff forms opened before this are stale (issue #14)
        household.version = (household.version or 0) + 1

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
    if filed_by is not None:
        db.session.add(IntakeFiledBy(intake_id=intake.id, representation_id=filed_by))
    filed = FiledIntake(intake, household, answers, resume_code_hash)
    for step in AFTER_FILING:
        step(filed)
    if commit:
        db.session.commit()
    return SubmittedIntake(intake=intake, household=household, joined_existing_household=joined)
