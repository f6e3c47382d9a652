"""Messages to residents, safety first (issue #19, docs/messages.md): e-mail over SMTP and
text messages through a provider hook, sent from the project's task queue through an outbox
with retries, to the person concerned only, and in a protected household only through the safe
channel that person gave.

Entry points, written by services/ inside the caller's transaction: `intake_received(intake)`,
`contact_person(household_id)`, `plan_issued(version)` and
`document_requested(household_id, member_id)`. Pages: `views` (the beheer page,
nested in the staff blueprint, and the resident page, nested in /mijn, by `create_app`).
Celery tasks: `tasks` (on the hand-off's Celery app; its worker imports them).
"""

from __future__ import annotations

from portal.messages.outbox import (
    contact_person,
    document_requested,
    intake_received,
    plan_issued,
)

__all__ = ["contact_person", "document_requested", "intake_received", "plan_issued"]
