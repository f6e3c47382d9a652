"""The ontschotter (issue #17, docs/escalations.md): a stuck household escalated by its contact
person or team lead, the casusplatform with its actions in the owners' caseloads, the
breakthrough decision with mandate and its Omgekeerde Toets motivation, the handgeld ledger,
the evaluation and the report.

Entry points for other features: `of_household(household_id)` and `timer(escalation)` (the
household file's section), `open_actions_for(staff_id)` (the caseload's list of actions) and
`next_action_due(household_id)` (the caseload's due date, through services/due_dates.py).
Writes that touch other features go through portal/services/escalations.py. Pages: `views`
(nested in the staff blueprint by create_app).
"""

from __future__ import annotations

from portal.escalations.service import (
    escalation_of_action,
    next_action_due,
    of_household,
    open_actions_for,
    timer,
)

__all__ = [
    "escalation_of_action",
    "next_action_due",
    "of_household",
    "open_actions_for",
    "timer",
]
