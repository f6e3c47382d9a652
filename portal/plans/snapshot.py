"""Build the plan snapshot (docs/plan-document.md) from the database.

Everything that shows a plan renders from this dict. Fixed labels are stored in Dutch (built
under the Dutch locale) next to their keys, so a renderer can translate them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from portal import dutch_time
from portal.budget import service as budget
from portal.caseload import service as caseload
from portal.caseload.forms import status_labels
from portal.caseload.models import HouseholdOutcome
from portal.dutch_time import age_on, dutch_date, iso
from portal.extensions import db
from portal.households import sensitivity
from portal.households.assignment import active_assignment
from portal.households.models import Consent
from portal.models import Household, HouseholdMember, Intake
from portal.network import data as network
from portal.plans import labels
from portal.plans.models import Plan, PlanVersion

FORMAT = 1


def member_name(member: HouseholdMember) -> str:
    return " ".join(p for p in (member.given_name, member.family_name) if p) or str(member.id)


def build(
    plan: Plan,
    *,
    draft: bool,
    version: int | None = None,
    issued_at: datetime | None = None,
    issued_by: str | None = None,
) -> dict[str, Any]:
    """The snapshot of `plan` as it is now. A draft has no version, issue moment or issuer."""
    with force_locale("nl"):
        return _build(plan, draft, version, issued_at, issued_by)


def _build(plan, draft, version, issued_at, issued_by) -> dict[str, Any]:
    household = db.session.get(Household, plan.household_id)
    today = dutch_time.today()
    intakes = list(
        db.session.scalars(
            select(Intake).where(Intake.household_id == household.id).order_by(Intake.id)
        )
    )
    provisions = provision_rows(plan, household, intakes)
    by_regime: dict[str, dict] = {}
    for p in provisions:
        if p["expected_cost_cents"] is None:
            continue
        entry = by_regime.setdefault(
            p["regime"], {"regime": p["regime"], "regime_label": p["regime_label"], "cents": 0}
        )
        entry["cents"] += p["expected_cost_cents"]
    return {
        "format": FORMAT,
        "household_id": household.id,
        "version": None if draft else version,
        "issued_at": None if draft else iso(issued_at),
        "issued_by": None if draft else issued_by,
        "municipality": current_app.config.get("MUNICIPALITY_NAME"),
        "language": resident_language(intakes),
        "members": [
            {
                "id": m.id,
                "name": member_name(m),
                "role": m.role,
                "role_label": str(labels.MEMBER_ROLES.get(m.role, m.role)),
                "birth_date": iso(m.birth_date),
                "age": age_on(m.birth_date, today),
            }
            for m in sorted(household.members, key=lambda m: m.id)
        ],
        "network": [
            {
                "name": row.get("name") or "",
                "relation": row.get("relation") or None,
                "kind": row.get("kind"),
                "kind_label": str(labels.NETWORK_KINDS.get(row.get("kind"), "")) or None,
                "contact": row.get("contact") or None,
                "role": row.get("role") or None,
            }
            for row in plan.network or []
        ],
        # who told what, so the copy another adult sees can leave out what is not theirs
        # (issue #12): the household is protected; the drafted question is the first
        # intake's applicant's own words; each provision says whether it is sensitive
        "protected": sensitivity.protected(household),
        "told_by_member_id": _applicant_member_id(intakes[0], household) if intakes else None,
        "question": {
            "own_words": plan.own_words or None,
            "wants_to_achieve": plan.wants_to_achieve or None,
            "melding_date": iso(plan.melding_date),
            "personal_plan_date": iso(plan.personal_plan_date),
        },
        "intakes": [
            {"reference": i.reference, "submitted_at": iso(i.submitted_at)} for i in intakes
        ],
        "domains": domain_rows(plan),
        "strengths": plan.strengths or None,
        "own_contribution": plan.own_contribution or None,
        "agreements": [
            {
                "who": row.get("who") or None,
                "what": row.get("what") or "",
                "by": row.get("by") or None,
                "done": bool(row.get("done")),
            }
            for row in plan.agreements or []
        ],
        "provisions": [{k: v for k, v in p.items() if k != "outcome_id"} for p in provisions],
        "reasoning": [
            {
                # which provision the row weighs, so a copy without it drops the row too
                "provision_id": row.get("provision_id"),
                "need": row.get("need") or "",
                "effect": row.get("effect") or None,
                "purpose_of_law": row.get("purpose_of_law") or None,
                "weighing": row.get("weighing") or None,
                "route": row.get("route") or None,
                "deviation": bool(row.get("deviation")),
                "deviation_motivation": (row.get("deviation_motivation") or None)
                if row.get("deviation")
                else None,
            }
            for row in plan.reasoning or []
        ],
        "costs": {
            "total_cents": sum(e["cents"] for e in by_regime.values()),
            "by_regime": sorted(by_regime.values(), key=lambda e: e["regime"]),
        },
        "contact_person": contact_person(household.id),
        "evaluation_date": iso(plan.evaluation_date),
        "consents": [
            {
                "organisation": c.organisation,
                "purpose": c.purpose,
                "given_at": iso(c.given_at),
                "withdrawn_at": iso(c.withdrawn_at),
            }
            for c in db.session.scalars(
                select(Consent).where(Consent.household_id == household.id).order_by(Consent.id)
            )
        ],
        **budget_and_network(household, plan),
    }


def budget_and_network(household: Household, plan: Plan) -> dict:
    """The household budget and the network picture (issue #17), as the household may read
    them: the picture leaves out sensitive help and, in a protected household, the people
    around it (portal/network/data.py)."""
    return {
        "household_budget": budget.for_document(household.id, dutch_time.today()),
        "network_picture": network.gather(
            household, plan_network=plan.network or [], for_document=True
        ),
    }


def resident_language(intakes: list[Intake]) -> str:
    for intake in reversed(intakes):
        preferred = ((intake.answers or {}).get("language") or {}).get("preferred")
        if preferred:
            return str(preferred)
    return "nl"


def previous_scores(household_id: int) -> dict[str, int]:
    """The scores in the latest issued version: the baseline a re-scoring is compared with."""
    latest = db.session.scalars(
        select(PlanVersion)
        .where(PlanVersion.household_id == household_id)
        .order_by(PlanVersion.number.desc())
        .limit(1)
    ).first()
    if latest is None:
        return {}
    return {
        d["key"]: d["score"]
        for d in latest.snapshot.get("domains") or []
        if d.get("score") is not None
    }


def domain_rows(plan: Plan) -> list[dict]:
    previous = previous_scores(plan.household_id)
    rows = []
    for key, label in labels.DOMAIN_LABELS.items():
        entry = (plan.domains or {}).get(key) or {}
        score = entry.get("score")
        empty = score is None and not entry.get("situation") and not entry.get("goal")
        if empty and key not in previous:
            continue
        rows.append(
            {
                "key": key,
                "label": str(label),
                "score": score,
                "previous_score": previous.get(key),
                "situation": entry.get("situation") or None,
                "goal": entry.get("goal") or None,
            }
        )
    return rows


def contact_person(household_id: int) -> dict | None:
    current = active_assignment(household_id)
    if current is None:
        return None
    return {
        "name": current.staff.display_name,
        "phone": current_app.config.get("CONTACT_PHONE"),
        "email": current.staff.email,
        "since": iso(dutch_date(current.started_at)),
    }


def _members_by_intake_id(intake: Intake, household: Household) -> dict[str, HouseholdMember]:
    """The intake's member ids ("m1") → the household's member rows (BSN, else name and
    birth date)."""
    found = {}
    for answer in (intake.answers or {}).get("members") or []:
        for member in household.members:
            if answer.get("bsn") and member.bsn == answer.get("bsn"):
                found[answer.get("id")] = member
                break
            if (
                not answer.get("bsn")
                and member.given_name == answer.get("given_name")
                and iso(member.birth_date) == answer.get("birth_date")
            ):
                found[answer.get("id")] = member
                break
    return found


def outcome_rows(household_id: int) -> list[HouseholdOutcome]:
    return caseload.outcomes_of(household_id)


def provision_rows(plan: Plan, household: Household, intakes: list[Intake]) -> list[dict]:
    by_id = {i.id: i for i in intakes}
    members: dict[int, dict] = {}
    evaluated: dict[int, dict] = {}
    statuses = status_labels()
    rows = []
    for outcome in outcome_rows(household.id):
        intake = by_id.get(outcome.intake_id)
        if intake is None:
            continue
        if intake.id not in members:
            members[intake.id] = _members_by_intake_id(intake, household)
            evaluated[intake.id] = intake.stored_outcomes()
        source = evaluated[intake.id].get((outcome.rule_id, outcome.member_id)) or {}
        member = members[intake.id].get(outcome.member_id) if outcome.member_id else None
        article = (source.get("article") or {}).get("number")
        regime = source.get("regime") or {}
        cost = (plan.costs or {}).get(str(outcome.id)) or {}
        rows.append(
            {
                "outcome_id": outcome.id,
                "member_id": member.id if member else None,
                "member_name": member_name(member) if member else None,
                "regime": outcome.regime,
                "regime_label": (regime.get("name") or {}).get("nl") or outcome.regime,
                "provision": (outcome.provision_name or {}).get("nl") or outcome.provision_id,
                "provision_id": outcome.provision_id,
                "kind": outcome.kind,
                "kind_label": str(labels.PROVISION_KINDS.get(outcome.kind, outcome.kind)),
                "verordening_article": f"Artikel {article}" if article else None,
                "law_article": source.get("law_article"),
                "status": outcome.status,
                "status_label": str(statuses.get(outcome.status, outcome.status)),
                "deadline": iso(outcome.due_on),
                "expected_cost_cents": cost.get("cents"),
                "cost_note": cost.get("note") or None,
                "sensitive": sensitivity.sensitive(source) if source else True,
                # which domains, so the teller can share one with the household (issue #12)
                "sensitive_domains": sorted(
                    sensitivity.sensitive_domains(source)
                    if source
                    else {sensitivity.SENSITIVE_FALLBACK}
                ),
                "told_by_member_id": _applicant_member_id(intake, household),
            }
        )
    return rows


def _applicant_member_id(intake: Intake, household: Household) -> int | None:
    answers = (intake.answers or {}).get("members") or []
    applicant = next((m for m in answers if m.get("role") == "applicant"), None)
    if applicant is None:
        return None
    member = _members_by_intake_id(intake, household).get(applicant.get("id"))
    return member.id if member else None
