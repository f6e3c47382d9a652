"""What an authorised system may read of a household, and what it never gets.

The API reads like "another person" on the resident pages (portal/residents/mine.py) and the
plan's household copy (portal/residents/plan.py), never like the contact person:

- a **protected** household (households/sensitivity.py: protected by staff, or an intake said
  home is not safe or contacting the resident there is not) is unknown to the API: 404, the
  same as an id that does not exist, and the attempt is audited. Staff read such a file only
  as its contact person or with a reason (break-the-glass); a system has neither;
- a **sensitive** outcome (violence, health, debts, or one that fired on such an answer) is
  left out, as is an outcome whose original evaluation we cannot find (unknown counts as
  sensitive); so are the Jeugdwet outcomes of a member of 16 or older, who decides alone who
  sees their youth-care data (no consent covers a system);
- members come without BSN; intakes without answers or contact details.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from portal.api.problems import Problem
from portal.api.tokens import audit
from portal.caseload.models import HouseholdOutcome
from portal.dutch_time import aware
from portal.extensions import db
from portal.households import sensitivity
from portal.households.models import REFUSED
from portal.models import Household
from portal.residents import mine
from portal.residents import plan as resident_plan


def moment(value: datetime | None) -> str | None:
    """An RFC 3339 timestamp. SQLite returns stored UTC moments without their zone; a
    timestamp without one is not a date-time (schemathesis found this)."""
    if value is None:
        return None
    return aware(value).isoformat()


def household_or_404(household_id: int, what: str) -> Household:
    household = db.session.get(Household, household_id)
    if household is None or sensitivity.protected(household):
        audit(
            REFUSED,
            f"api:{what}:{household_id}",
            household_id=household.id if household is not None else None,
        )
        db.session.commit()
        raise Problem(
            404, "niet-gevonden", _("Er is geen huishouden met dit nummer dat u mag lezen.")
        )
    return household


def household_view(household: Household) -> dict:
    return {
        "id": household.id,
        "created_at": moment(household.created_at),
        "postcode": household.postcode,
        "triage": household.triage,
        "intakes": [
            {
                "reference": intake.reference,
                "submitted_at": moment(intake.submitted_at),
                "channel": intake.channel,
            }
            for intake in household.intakes
        ],
        "members": [
            {
                "id": member.id,
                "role": member.role,
                "given_name": member.given_name,
                "family_name": member.family_name,
                "birth_date": member.birth_date.isoformat() if member.birth_date else None,
                "identity_verified": bool(member.identity_verified),
            }
            for member in household.members
        ],
    }


def outcome_views(household: Household) -> list[dict]:
    youth_own = mine.deciding_alone(household)
    rows = []
    for intake in household.intakes:
        originals = intake.stored_outcomes()
        for row in db.session.scalars(
            select(HouseholdOutcome)
            .where(HouseholdOutcome.intake_id == intake.id)
            .order_by(HouseholdOutcome.id)
        ):
            member = intake.household_member(row.member_id)
            if sensitivity.sensitive(originals.get((row.rule_id, row.member_id)) or {}):
                continue
            if row.regime == mine.YOUTH_REGIME and (
                (member is None and row.member_id is not None)
                or (member is not None and member.id in youth_own)
            ):
                continue
            rows.append(
                {
                    "id": row.id,
                    "intake_reference": intake.reference,
                    "member_id": member.id if member is not None else None,
                    "regime": row.regime,
                    "provision_id": row.provision_id,
                    "provision_name": row.provision_name,
                    "kind": row.kind,
                    "urgency": row.urgency,
                    "status": row.status,
                    "started_on": row.started_on.isoformat(),
                    "due_on": row.due_on.isoformat() if row.due_on else None,
                    "closed_at": moment(row.closed_at),
                }
            )
    return rows


def plan_versions(household: Household) -> list[dict]:
    """The issued versions as the household copy for someone the story is not about."""
    if not resident_plan.available():
        return []
    from portal.plans import service

    hidden = mine.deciding_alone(household)
    return [
        {
            "number": version.number,
            "issued_at": moment(version.issued_at),
            "agreed_at": moment(version.agreed_at),
            "agreed_channel": version.agreed_channel,
            "plan": resident_plan.filtered(version.snapshot or {}, hidden, viewer_id=None),
        }
        for version in service.issued_versions(household.id)
    ]
