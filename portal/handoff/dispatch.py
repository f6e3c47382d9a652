"""Hand committed outbox rows to a worker.

With `CELERY_BROKER_URL` set (production, CI): a Celery task per row on Redis; separate worker
processes deliver (`celery -A portal.handoff.worker worker --beat`). Without it (`make run`): a
thread in the app process delivers, so the portal runs with no other service and still goes
through the outbox. Tests switch the thread off (`HANDOFF_EMBEDDED_WORKER`) and deliver
explicitly. Handing over never fails the request: a row that could not be handed over is
still pending and the next sweep delivers it.
"""

from __future__ import annotations

import threading

from portal import outbox_rows
from portal.outbox_rows import EmbeddedWorker

_send_lock = threading.Lock()


def _deliver_due() -> None:
    from portal.handoff.process import deliver_due

    deliver_due()


_worker = EmbeddedWorker(
    "handoff", _deliver_due, lambda app: app.config.get("HANDOFF_EMBEDDED_WORKER", True)
)


def hand_over(ids: list[int]) -> None:
    outbox_rows.hand_over(ids, _send, _worker)


def _send(ids: list[int], settings: dict, logger) -> None:
    from portal.handoff import tasks

    try:
        with _send_lock:  # one Celery configuration at a time in this process
            tasks.send(ids, settings)
    except Exception:  # Redis down: the rows wait for the sweep
        logger.warning("hand-off: broker unreachable, %s rows wait for the sweep", len(ids))
