"""Messages to residents, safety first (issue #19, docs/messages.md): e-mail over SMTP and
text messages through a provider hook, sent from the project's task queue through an outbox
with retries, to the person concerned only, and in a protected household only through the safe
channel that person gave.

Entry points, written by services/ inside the caller's transaction: `intake_received(intake)`,
`contact_person(household_id)`, `plan_issued(version)`,
`document_requested(household_id, member_id)`, and (deadlines kept)
`term_extended(intake_id, new_due)`, `evaluation_due(household_id, on)`,
`agreement_due(household_id, on)`, and (the Wmo survey) `survey_invited(household_id,
member_id)` and its one reminder `survey_reminder(household_id, member_id, closes_on)`.
Pages: `views` (the beheer page, nested in the staff blueprint, and the resident page,
nested in /mijn, by `create_app`).
Celery tasks: `tasks` (on the hand-off's Celery app; its worker imports them).
"""

from __future__ import annotations

from portal.messages.outbox import (
    agreement_due,
    contact_person,
    document_requested,
    evaluation_due,
    intake_received,
    plan_issued,
    survey_invited,
    survey_reminder,
    term_extended,
)

__all__ = [
    "agreement_due",
    "contact_person",
    "document_requested",
    "evaluation_due",
    "intake_received",
    "plan_issued",
    "survey_invited",
    "survey_reminder",
    "term_extended",
]
