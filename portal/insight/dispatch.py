"""Hand a what-if to a worker, as the outboxes do (portal/outbox_rows.py): a Celery task on the
project's queue when `CELERY_BROKER_URL` is set (sent from a short thread: a slow Redis never
holds up the officer's request), else a thread in the app (`make run`). Handing over never fails
the request: a run that was not handed over is still queued and the next sweep runs it."""

from __future__ import annotations

from flask import current_app

from portal import handoff, outbox_rows
from portal.outbox_rows import EmbeddedWorker


def _run_due() -> None:
    from portal.insight.whatif import run_due

    run_due()


_worker = EmbeddedWorker(
    "insight-whatif", _run_due, lambda app: app.config.get("INSIGHT_EMBEDDED_WORKER", True)
)


def hand_over(run_id: int) -> None:
    """Call after the run was committed."""
    if current_app.config.get("CELERY_BROKER_URL"):
        outbox_rows.hand_over([run_id], _send, _worker)
    elif current_app.config.get("INSIGHT_EMBEDDED_WORKER", True):
        _worker.wake(current_app._get_current_object())


def _send(ids: list[int], settings: dict, logger) -> None:
    try:
        for run_id in ids:
            handoff.send_task("insight.whatif", (run_id,), settings)
    except Exception:  # Redis down: the run waits for the sweep
        logger.warning("insight: broker unreachable, what-if %s waits for the sweep", ids)
