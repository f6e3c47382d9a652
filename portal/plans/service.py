"""The plan's service API: create or update the plan from an intake, save the draft, issue a
frozen version, record the resident's agreement. Runs inside the caller's transaction
(flushes, never commits)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from portal import clock
from portal.caseload.models import HouseholdOutcome
from portal.dutch_time import dutch_date, iso
from portal.extensions import db
from portal.households import assignment
from portal.models import Intake, StaffMember
from portal.plans import snapshot
from portal.plans.models import CHANNELS, Plan, PlanVersion

LOG_KIND = "plan"


class AgreementRefused(ValueError):
    """The version was already agreed to, or the channel is unknown."""


def plan_for(household_id: int) -> Plan | None:
    return db.session.scalars(select(Plan).where(Plan.household_id == household_id)).first()


def issued_versions(household_id: int) -> list[PlanVersion]:
    """The household's issued versions, newest first."""
    return list(
        db.session.scalars(
            select(PlanVersion)
            .where(PlanVersion.household_id == household_id)
            .order_by(PlanVersion.number.desc())
        )
    )


def version_of(household_id: int, number: int) -> PlanVersion | None:
    return db.session.scalars(
        select(PlanVersion).where(
            PlanVersion.household_id == household_id, PlanVersion.number == number
        )
    ).first()


def _now() -> datetime:
    return clock.now()


def _reasoning_row(outcome: dict) -> dict:
    """A first Omgekeerde Toets row for a need, with the purpose of the law from the verordening
    (the contact person writes the effect, the weighing and any deviation)."""
    toets = outcome.get("omgekeerde_toets") or {}
    name = ((outcome.get("provision") or {}).get("name") or {}).get("nl") or ""
    article = (outcome.get("article") or {}).get("number")
    basis = "; ".join(
        p
        for p in (f"artikel {article} verordening" if article else "", outcome.get("law_article"))
        if p
    )
    return {
        "provision_id": (outcome.get("provision") or {}).get("id"),
        "need": name,
        "effect": "",
        "purpose_of_law": (toets.get("law_purpose") or {}).get("nl") or "",
        "weighing": "",
        "route": f"{name} ({basis})" if basis else name,
        "deviation": False,
        "deviation_motivation": "",
    }


def on_intake(intake: Intake) -> Plan:
    """Create the draft plan from the household's first intake, or update it from a later one:
    the question joins the history, new needs get a reasoning row, nothing typed is lost.
    (New provisions appear by themselves: they are the household's outcome rows.)"""
    household_id = intake.household_id
    plan = plan_for(household_id)
    story = (intake.answers or {}).get("story") or {}
    entry = {
        "reference": intake.reference,
        "submitted_at": iso(intake.submitted_at),
        "question": intake.question or "",
    }
    evaluation = intake.evaluation or {}
    outcomes = list((evaluation.get("household") or {}).get("outcomes") or [])
    for member in evaluation.get("members") or []:
        outcomes.extend(member.get("outcomes") or [])
    if plan is None:
        contribution = "\n".join(
            t for t in (story.get("own_efforts"), story.get("network_efforts")) if t
        )
        plan = Plan(
            household_id=household_id,
            created_at=_now(),
            updated_at=_now(),
            revision=0,
            own_words=intake.question or "",
            wants_to_achieve=story.get("goals") or "",
            melding_date=dutch_date(intake.submitted_at),
            question_history=[entry],
            network=[],
            domains={},
            strengths="",
            own_contribution=contribution,
            agreements=[],
            reasoning=[],
            costs={},
        )
        if story.get("professionals_involved"):
            plan.network = [
                {
                    "name": story["professionals_involved"],
                    "relation": "",
                    "kind": "professional",
                    "contact": "",
                    "role": "",
                }
            ]
        db.session.add(plan)
        body = None  # a new plan is part of filing the intake: no case-log entry of its own
    else:
        if any(h.get("reference") == intake.reference for h in plan.question_history or []):
            return plan
        plan.question_history = [*(plan.question_history or []), entry]
        if not plan.own_words:
            plan.own_words = intake.question or ""
        if not plan.wants_to_achieve:
            plan.wants_to_achieve = story.get("goals") or ""
        plan.updated_at = _now()
        plan.revision = (plan.revision or 0) + 1
        body = f"Plan bijgewerkt na aanvraag {intake.reference}"
    known = {row.get("provision_id") for row in plan.reasoning or []}
    added = []
    for outcome in outcomes:
        row = _reasoning_row(outcome)
        if row["provision_id"] in known:
            continue
        known.add(row["provision_id"])
        added.append(row)
    if added:
        plan.reasoning = [*(plan.reasoning or []), *added]
    if body:
        assignment.log(household_id, None, LOG_KIND, body)
    db.session.flush()
    return plan


def save(plan: Plan, **changes) -> None:
    """Save sections of the draft (whole values: lists and dicts are replaced, not mutated).
    A changed evaluation date moves the caseload's due date: portal/services/plans.py."""
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.revision = (plan.revision or 0) + 1
    plan.updated_at = _now()
    db.session.flush()


def outcome_ids(household_id: int) -> set[int]:
    return set(
        db.session.scalars(
            select(HouseholdOutcome.id).where(HouseholdOutcome.household_id == household_id)
        )
    )


class VersionExists(ValueError):
    """The version number asked for was issued already (a double click, two tabs)."""


def issue(plan: Plan, staff: StaffMember, *, number: int | None = None) -> PlanVersion:
    """Freeze the draft as the next numbered version (the hand-off to the case systems follows
    in portal/services/plans.py). The plan row is locked first, so two
    requests at once get numbers one after the other (and the unique (household, number)
    constraint refuses a duplicate on any database). With `number`, only that number: the
    second of two requests for it (a double click, two tabs) raises VersionExists."""
    db.session.execute(select(Plan.id).where(Plan.id == plan.id).with_for_update())
    next_number = (
        db.session.scalar(
            select(func.max(PlanVersion.number)).where(
                PlanVersion.household_id == plan.household_id
            )
        )
        or 0
    ) + 1
    if number is not None and next_number != number:
        raise VersionExists(number)
    number = next_number
    moment = _now()
    version = PlanVersion(
        plan_id=plan.id,
        household_id=plan.household_id,
        number=number,
        issued_at=moment,
        issued_by_staff_id=staff.id,
        snapshot=snapshot.build(
            plan, draft=False, version=number, issued_at=moment, issued_by=staff.display_name
        ),
    )
    db.session.add(version)
    db.session.flush()
    assignment.log(
        plan.household_id, staff.id, LOG_KIND, f"Versie {number} van het plan uitgegeven"
    )
    return version


def record_agreement(version: PlanVersion, *, channel: str, staff_id: int | None = None) -> None:
    """The resident agrees with this version (once). Writes a case-log entry."""
    if channel not in CHANNELS:
        raise AgreementRefused(channel)
    db.session.flush()
    # One conditional UPDATE: of two agreements at once, only the first finds agreed_at empty.
    done = db.session.execute(
        update(PlanVersion)
        .where(PlanVersion.id == version.id, PlanVersion.agreed_at.is_(None))
        .values(agreed_at=_now(), agreed_channel=channel, agreed_by_staff_id=staff_id)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(version)
    if done.rowcount != 1:
        raise AgreementRefused("already agreed")
    how = {
        "online": "online",
        "front_desk": "aan de balie",
        "contact_person": "bij de contactpersoon",
    }
    assignment.log(
        version.household_id,
        staff_id,
        LOG_KIND,
        f"Inwoner akkoord met versie {version.number} van het plan ({how[channel]})",
    )
