"""Hand committed message rows to a worker, as the hand-off does (portal/handoff/dispatch.py):
a Celery task on the project's queue when `CELERY_BROKER_URL` is set, else a thread in the app
(`make run`). Handing over never fails the request: a row that could not be handed over is
still pending and the next sweep sends it."""

from __future__ import annotations

import threading

from flask import current_app

from portal import handoff

_lock = threading.Lock()
_thread: threading.Thread | None = None
_wake = threading.Event()
SWEEP_SECONDS = 30


def hand_over(ids: list[int]) -> None:
    config = current_app.config
    if config.get("CELERY_BROKER_URL"):
        settings = {k: config.get(k) for k in ("CELERY_BROKER_URL", "HANDOFF_QUEUE")}
        logger = current_app.logger
        threading.Thread(target=_send, args=(ids, settings, logger), daemon=True).start()
        return
    if config.get("HANDOFF_EMBEDDED_WORKER", True):
        _start_embedded(current_app._get_current_object())
        _wake.set()


def _send(ids: list[int], settings: dict, logger) -> None:
    try:
        for message_id in ids:
            handoff.send_task("messages.send", (message_id,), settings)
    except Exception:  # Redis down: the rows wait for the sweep
        logger.warning("messages: broker unreachable, %s rows wait for the sweep", len(ids))


def _start_embedded(app) -> None:
    global _thread
    with _lock:
        if _thread is not None and _thread.is_alive():
            return
        _thread = threading.Thread(target=_loop, args=(app,), name="messages", daemon=True)
        _thread.start()


def _loop(app) -> None:
    from portal.messages.process import send_due

    while True:
        _wake.wait(SWEEP_SECONDS)
        _wake.clear()
        if not app.config.get("HANDOFF_EMBEDDED_WORKER", True):
            return  # switched off (tests): the next hand-over starts a thread again
        with app.app_context():
            try:
                send_due()
            except Exception:
                app.logger.exception("messages: the embedded sending failed")
