"""What the resident pages may show about their own household file (to be wired into those
pages): who their contact person is, and who looked at or changed their file.

Both return only names, roles and times: never another household's anything, never the reason
text an admin gave (that may name a complaint or a third person)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from portal.extensions import db
from portal.households.assignment import contact_person_for
from portal.households.models import LOOKUP, REFUSED, AuditEvent
from portal.models import StaffMember


@dataclass(frozen=True)
class Look:
    at: datetime
    who: str
    role: str | None
    action: str  # read | change | export
    what: str  # the route or object id the audit row names, e.g. "plan_version:3:docx"
    acting_for: str | None = None  # "representation:<id>": someone acting for a resident


def contact_person(household_id: int) -> str | None:
    """The display name of the household's one contact person, if there is one."""
    person = contact_person_for(household_id)
    return person.display_name if person else None


def who_looked(household_id: int) -> list[Look]:
    """Every staff read and change of this household's file, and every read and change by
    someone acting for one of its residents (issue #19), newest first."""
    rows = db.session.execute(
        select(
            AuditEvent.at,
            StaffMember.display_name,
            AuditEvent.role,
            AuditEvent.action,
            AuditEvent.what,
            AuditEvent.acting_for,
        )
        .outerjoin(StaffMember, StaffMember.id == AuditEvent.staff_id)
        .where(AuditEvent.household_id == household_id)
        # a refused attempt saw nothing: it is for the audit, not a look at the resident's data;
        # a front-desk lookup saw only whom to call, and listing it on a page every adult of
        # the household reads would tell them that she went to the desk (issue #12)
        .where(AuditEvent.action.not_in((REFUSED, LOOKUP)))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return [Look(at, who or "", *rest) for at, who, *rest in rows]
