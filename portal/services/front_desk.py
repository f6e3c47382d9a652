"""The front desk fills in the resident's form with them: who may open such a draft, and the
facts the front desk records before sending (identity checked, with which document, and that
the resident agreed). No Flask views here; the blueprint is portal/frontdesk/."""

from __future__ import annotations

from datetime import datetime

from flask_login import current_user

from portal.drafts import Draft
from portal.models import Intake

FRONT_DESK = "front_desk"
STATE_KEY = "front_desk"
DOCUMENT_TYPES = ("paspoort", "identiteitskaart", "rijbewijs", "verblijfsdocument", "other")
# documents that show the holder's BSN: only these let the desk vouch for the applicant's BSN
# (issue #12); "other" (a bank card, a letter) shows a face or a name at best, so an intake
# checked with it is filed as unverified and its household matches go to staff
SHOWS_BSN = frozenset({"paspoort", "identiteitskaart", "rijbewijs", "verblijfsdocument"})


def is_front_desk(draft: Draft) -> bool:
    return draft.channel == FRONT_DESK or draft.acting_staff_id is not None


def may_use(draft: Draft) -> bool:
    """Only the staff member filling it in, while logged in with the front-desk role."""
    return bool(
        current_user.is_authenticated
        and current_user.has_role(FRONT_DESK)
        and draft.acting_staff_id == current_user.id
    )


def facts(draft: Draft) -> dict | None:
    """The recorded facts, when complete."""
    found = (draft.state or {}).get(STATE_KEY) or {}
    complete = (
        found.get("identity_document") in DOCUMENT_TYPES
        and found.get("identity_checked_at")
        and found.get("resident_agreed_at")
    )
    return found if complete else None


def record(intake: Intake, draft: Draft) -> None:
    """Store who filled in the form and what they checked with the submitted intake, and audit
    it as the employee's change of that household (issue #14: a walk-in's intake, often with
    safety answers, left no audit row)."""
    from portal.households import access

    found = facts(draft) or {}
    access.audit(
        "change", f"intake:{intake.id}", household_id=intake.household_id, role="front_desk"
    )
    intake.acting_staff_id = draft.acting_staff_id
    intake.identity_document = found.get("identity_document")
    for name in ("identity_checked_at", "resident_agreed_at"):
        value = found.get(name)
        setattr(intake, name, datetime.fromisoformat(value) if value else None)
