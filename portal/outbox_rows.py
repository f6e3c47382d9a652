"""What the project's outboxes (the hand-off to the case systems, messages to residents) share:
rows taken by one worker at a time for a lease, and a thread in the app that works them off
when no broker is configured (`make run`).

An outbox table has `id`, `state`, `next_attempt_at`, `claimed_until` and `attempts`. A worker
takes a due row with one conditional UPDATE (due, pending, and nobody's lease running), so two
workers — Celery processes or threads — never send the same row at once; a worker that dies
leaves a lease that runs out, and the sweep takes the row again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from portal import clock
from portal.extensions import db

PENDING = "pending"
SWEEP_SECONDS = 30


def _free(model, now: datetime):
    return or_(model.claimed_until.is_(None), model.claimed_until < now)


def due_ids(model, limit: int = 100) -> list[int]:
    """The pending rows whose time has come and that nobody holds, oldest first."""
    now = clock.now()
    return list(
        db.session.scalars(
            select(model.id)
            .where(model.state == PENDING, model.next_attempt_at <= now, _free(model, now))
            .order_by(model.next_attempt_at, model.id)
            .limit(limit)
        )
    )


def claim(model, row_id: int, lease: timedelta):
    """Take the row for `lease`, if it is due and nobody holds it (committed at once)."""
    now = clock.now()
    taken = db.session.execute(
        update(model)
        .where(
            model.id == row_id,
            model.state == PENDING,
            model.next_attempt_at <= now,
            _free(model, now),
        )
        .values(claimed_until=now + lease, attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if taken.rowcount != 1:
        return None
    row = db.session.get(model, row_id)
    db.session.refresh(row)
    return row


def hand_over_after_commit(key: str, hand_over: Callable[[list[int]], None]):
    """Returns `remember(ids)`: rows written in the current transaction are handed to a worker
    once it commits (a worker must never look for a row that is not there yet), and forgotten
    if it rolls back. `key` names this outbox in the session's info."""

    @event.listens_for(Session, "after_commit")
    def _after_commit(session) -> None:
        ids = session.info.pop(key, None)
        if ids:
            hand_over(ids)

    @event.listens_for(Session, "after_rollback")
    def _after_rollback(session) -> None:
        session.info.pop(key, None)

    def remember(ids: list[int]) -> None:
        db.session.info.setdefault(key, []).extend(ids)

    return remember


def hand_over(ids: list[int], send_to_broker: Callable, worker: EmbeddedWorker) -> None:
    """Hand committed rows to a worker: with `CELERY_BROKER_URL`, `send_to_broker(ids,
    settings, logger)` in a short thread (a slow or unreachable Redis must not hold up the
    resident's request; nothing is lost if it fails: the rows are pending and the sweep finds
    them); without a broker (`make run`), the embedded worker."""
    config = current_app.config
    if config.get("CELERY_BROKER_URL"):
        settings = {k: config.get(k) for k in ("CELERY_BROKER_URL", "HANDOFF_QUEUE")}
        logger = current_app.logger
        threading.Thread(target=send_to_broker, args=(ids, settings, logger), daemon=True).start()
        return
    if config.get("HANDOFF_EMBEDDED_WORKER", True):
        worker.wake(current_app._get_current_object())


class EmbeddedWorker:
    """A daemon thread in the app process that runs `work()` (in an app context) when woken and
    at least every `SWEEP_SECONDS`; started on the first wake. `enabled(app)` False (tests
    that deliver explicitly) stops it; the next wake starts it again."""

    def __init__(self, name: str, work: Callable[[], object], enabled: Callable[[object], bool]):
        self.name, self.work, self.enabled = name, work, enabled
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._app = None
        self.wake_event = threading.Event()

    def wake(self, app) -> None:
        with self._lock:
            # the thread works for the app that woke it last: one app per process in
            # production, but a test process makes many, and a thread still serving an
            # earlier one would send with that app's database and settings
            self._app = app
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
                self._thread.start()
        self.wake_event.set()

    def _loop(self) -> None:
        while True:
            self.wake_event.wait(SWEEP_SECONDS)
            self.wake_event.clear()
            app = self._app
            if not self.enabled(app):
                return
            with app.app_context():
                try:
                    self.work()
                except Exception:
                    app.logger.exception("%s: the embedded worker failed", self.name)
