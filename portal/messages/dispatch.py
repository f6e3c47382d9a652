"""Hand committed message rows to a worker, as the hand-off does (portal/handoff/dispatch.py):
a Celery task on the project's queue when `CELERY_BROKER_URL` is set, else a thread in the app
(`make run`). Handing over never fails the request: a row that could not be handed over is
still pending and the next sweep sends it."""

from __future__ import annotations

from portal import handoff, outbox_rows
from portal.outbox_rows import EmbeddedWorker


def _send_due() -> None:
    from portal.messages.process import send_due

    send_due()


_worker = EmbeddedWorker(
    "messages", _send_due, lambda app: app.config.get("HANDOFF_EMBEDDED_WORKER", True)
)
_wake = _worker.wake_event  # tests wake the thread to let it see it is switched off


def hand_over(ids: list[int]) -> None:
    outbox_rows.hand_over(ids, _send, _worker)


def _send(ids: list[int], settings: dict, logger) -> None:
    try:
        for message_id in ids:
            handoff.send_task("messages.send", (message_id,), settings)
    except Exception:  # Redis down: the rows wait for the sweep
        logger.warning("messages: broker unreachable, %s rows wait for the sweep", len(ids))
