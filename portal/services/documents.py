"""Documents across features (docs/documents.md): a contact person asks a resident for a
document (documents) and the resident hears there is news (messages, issue #19); a letter in
the household's post register with an action (documents) lands in the caseload (due_dates)."""

from __future__ import annotations

from datetime import date

from portal import messages
from portal.documents import service as documents
from portal.documents.models import DocumentRequest, PostItem
from portal.services import due_dates


def ask(
    household_id: int,
    *,
    member_id: int | None,
    purpose: str,
    what: str,
    why: str,
    due_on: date,
    staff_id: int,
) -> DocumentRequest:
    """Record the request and write the message (no content: "the municipality asks you for a
    document"; safe channel only). The caller commits."""
    asked = documents.ask(
        household_id,
        member_id=member_id,
        purpose=purpose,
        what=what,
        why=why,
        due_on=due_on,
        staff_id=staff_id,
    )
    messages.document_requested(household_id, member_id)
    return asked


def register_post(household_id: int, **entry) -> tuple[PostItem | None, documents.Result]:
    """A letter in the register; its action's due date on the caseload. The caller commits."""
    item, result = documents.register_post(household_id, **entry)
    if item is not None:
        due_dates.refresh(household_id)
    return item, result


def post_action_done(item: PostItem) -> None:
    documents.action_done(item)
    due_dates.refresh(item.household_id)
