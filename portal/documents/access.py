"""Who may open a document, decided on the server for every request (docs/documents.md).

- **Staff**: only the household's own contact person (the one actively assigned), and only for
  a purpose they work on: a regime of the household's outcomes, or the household's post.
  A team lead distributes work and does not read documents; an admin manages the system and
  does not read them either (not even with a reason of access); the front desk hands documents
  in at the desk and cannot open them afterwards. The rules of a protected household
  (`households/access.py`) then hold automatically: only its contact person reads it.
- **Residents**: the person who gave the document (on Mijn aanvraag, or at the desk for them)
  opens it; nobody else of the household. A member of a protected household or one whose
  matters are private (`households/sensitivity.py`) is thereby never exposed to another
  member through a document. Post register documents are the contact person's working file
  and are not on Mijn aanvraag.

Every open by staff is an audit row (`export`, `document:<id>`), which the resident reads in
"Wie heeft mijn gegevens bekeken?". A refused attempt is an audit row too (`refused`).
"""

from __future__ import annotations

from flask_login import current_user

from portal.documents import service
from portal.documents.models import POST, Document
from portal.households import access as household_access
from portal.households.assignment import active_assignment
from portal.models import HouseholdMember

CONTACT_PERSON = "contact_person"


def is_contact_person(household_id: int) -> bool:
    assignment = active_assignment(household_id)
    return (
        assignment is not None
        and current_user.has_role(CONTACT_PERSON)
        and assignment.staff_id == current_user.id
    )


def staff_may_open(document: Document) -> bool:
    return is_contact_person(document.household_id) and document.purpose in (
        service.staff_purposes(document.household_id)
    )


def resident_may_open(document: Document, members: list[HouseholdMember]) -> bool:
    """`members`: the logged-in resident's own member rows in the households they may see."""
    return document.source != POST and any(
        document.member_id == m.id and document.household_id == m.household_id for m in members
    )


def audit_open(document: Document) -> None:
    household_access.audit(
        "export",
        f"document:{document.id}",
        household_id=document.household_id,
        role=CONTACT_PERSON,
    )


def audit_refused(document_id: int, household_id: int | None) -> None:
    household_access.audit(
        "refused", f"document:{document_id}:read", household_id=household_id, role=None
    )
