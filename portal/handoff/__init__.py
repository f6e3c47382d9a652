"""The hand-off: each submitted intake becomes zaken in the municipality's case systems (the
ZGW APIs), through an outbox and workers on a real task queue (issue #15, docs/handoff.md).

Entry points: `record_intake(intake)`, `record_plan(version)` and `record_status(outcome)` (write
to the outbox inside the caller's transaction); `zaken_of(household_id)` and `waiting(...)`
(the zaken with their last read status, and what is not delivered yet). Pages: `views` (the
beheer page, nested in the staff blueprint by `create_app`, and the health endpoint). The
project's task queue, shared with other features (portal/messages): `celery` (the Celery app),
`send_task` and `worker_app`.
"""

from __future__ import annotations

from portal.handoff.outbox import record_intake, record_plan, record_status
from portal.handoff.statuses import for_household as zaken_of
from portal.handoff.statuses import waiting
from portal.handoff.tasks import celery, send_task, worker_app

__all__ = [
    "celery",
    "record_intake",
    "record_plan",
    "record_status",
    "send_task",
    "waiting",
    "worker_app",
    "zaken_of",
]
