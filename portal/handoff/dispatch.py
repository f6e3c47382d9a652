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

_lock = threading.Lock()
_thread: threading.Thread | None = None
_wake = threading.Event()
SWEEP_SECONDS = 30


def hand_over(ids: list[int]) -> None:
    config = current_app.config
    if config.get("CELERY_BROKER_URL"):
        try:
            from portal.handoff import tasks

            tasks.send(ids, config)
        except Exception:  # Redis down: the rows wait for the sweep
            current_app.logger.warning("hand-off: broker unreachable, %s rows wait", len(ids))
        return
    if config.get("HANDOFF_EMBEDDED_WORKER", True):
        _start_embedded(current_app._get_current_object())
        _wake.set()


def _start_embedded(app) -> None:
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(target=_embedded_loop, args=(app,), name="handoff", daemon=True)
        _thread.start()


def _embedded_loop(app) -> None:
    from portal.handoff.process import deliver_due

    while True:
        _wake.wait(SWEEP_SECONDS)
        _wake.clear()
        with app.app_context():
            try:
                deliver_due()
            except Exception:
                app.logger.exception("hand-off: the embedded delivery failed")
