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

from flask import current_app

from portal.outbox_rows import EmbeddedWorker

_send_lock = threading.Lock()


def _deliver_due() -> None:
    from portal.handoff.process import deliver_due

    deliver_due()


_worker = EmbeddedWorker(
    "handoff", _deliver_due, lambda app: app.config.get("HANDOFF_EMBEDDED_WORKER", True)
)


def hand_over(ids: list[int]) -> None:
    config = current_app.config
    if config.get("CELERY_BROKER_URL"):
        # Sent from a short thread: a slow or unreachable Redis must not hold up the resident's
        # request. Nothing is lost if the send fails: the rows are pending in the outbox.
        settings = {k: config.get(k) for k in ("CELERY_BROKER_URL", "HANDOFF_QUEUE")}
        logger = current_app.logger
        threading.Thread(target=_send, args=(ids, settings, logger), daemon=True).start()
        return
    if config.get("HANDOFF_EMBEDDED_WORKER", True):
        _worker.wake(current_app._get_current_object())


def _send(ids: list[int], settings: dict, logger) -> None:
    from portal.handoff import tasks

    try:
        with _send_lock:  # one Celery configuration at a time in this process
            tasks.send(ids, settings)
    except Exception:  # Redis down: the rows wait for the sweep
        logger.warning("hand-off: broker unreachable, %s rows wait for the sweep", len(ids))
