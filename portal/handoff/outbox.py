"""The outbox: what must reach the case systems, written in the caller's transaction, delivered
by workers afterwards.

- `record_intake` / `record_plan` add a row in the same transaction as the intake or the plan
  version: both are stored or neither, so nothing is lost when a worker, Redis or the ZGW server
  is down at that moment.
- After the commit the row is handed to a worker (`dispatch`, from a short thread so a slow
  broker never holds up the request): a Celery task when a broker is
  configured, else the app's own delivery thread (development). If handing over fails, the row
  is still pending: the sweep (every 30 s) picks up every due row, whatever happened.
- A worker `claim`s a row with one conditional UPDATE (a lease of `LEASE`): two workers never
  deliver the same row at once, and a row whose worker died is claimed again after the lease.
- Connection errors, timeouts, 5xx and 429 are retried with growing waits (`BACKOFF`, the last
  one repeating); a 4xx marks the row failed, with the server's reason, until an admin retries.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from portal import clock, outbox_rows
from portal.extensions import db
from portal.handoff.models import DELIVERED, FAILED, INTAKE, PENDING, PLAN, STATUS, Handoff

LEASE = timedelta(minutes=5)
BACKOFF = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def _hand_over(ids: list[int]) -> None:
    from portal.handoff import dispatch

    dispatch.hand_over(ids)


_hand_over_after_commit = outbox_rows.hand_over_after_commit("handoff_after_commit", _hand_over)


def _lease() -> timedelta:
    seconds = current_app.config.get("HANDOFF_LEASE_SECONDS")
    return timedelta(seconds=float(seconds)) if seconds else LEASE


def enabled() -> bool:
    return bool(current_app.config.get("ZGW_ZAKEN_API_ROOT"))


def record_intake(intake) -> Handoff | None:
    if not enabled():
        return None
    return _record(Handoff(kind=INTAKE, household_id=intake.household_id, intake_id=intake.id))


def record_plan(version) -> Handoff | None:
    if not enabled():
        return None
    return _record(
        Handoff(kind=PLAN, household_id=version.household_id, plan_version_id=version.id)
    )


def record_status(outcome) -> Handoff | None:
    """A contact person moved an outcome on: the intake's zaken follow (one row per change;
    delivery compares with the zaak, so two rows for the same state set it once)."""
    if not enabled():
        return None
    return _record(
        Handoff(kind=STATUS, household_id=outcome.household_id, intake_id=outcome.intake_id)
    )


def _record(row: Handoff) -> Handoff:
    row.state, row.attempts, row.next_attempt_at = PENDING, 0, clock.now()
    db.session.add(row)
    db.session.flush()  # its id now: after the commit no SQL may run to read it
    _hand_over_after_commit([row.id])
    return row


def due_ids(limit: int = 100) -> list[int]:
    return outbox_rows.due_ids(Handoff, limit)


def claim(handoff_id: int) -> Handoff | None:
    """Take the row for the lease, if it is due and nobody holds it (committed at once)."""
    return outbox_rows.claim(Handoff, handoff_id, _lease())


def delivered(row: Handoff) -> None:
    row.state, row.delivered_at = DELIVERED, clock.now()
    row.claimed_until, row.last_error = None, None
    db.session.commit()


def retry_later(row: Handoff, reason: str) -> None:
    wait = BACKOFF[min(max(row.attempts, 1), len(BACKOFF)) - 1]
    row.next_attempt_at, row.claimed_until, row.last_error = clock.now() + wait, None, reason
    db.session.commit()


def failed(row: Handoff, reason: str) -> None:
    row.state, row.claimed_until, row.last_error = FAILED, None, reason
    db.session.commit()


def retry_now(row: Handoff) -> None:
    """An admin fixed the cause: deliver again as soon as a worker is free."""
    row.state, row.next_attempt_at, row.claimed_until = PENDING, clock.now(), None
    db.session.commit()


def counts() -> dict:
    """Per state: how many, and the oldest still pending (for the admin page and the health
    endpoint)."""
    rows = db.session.execute(
        select(Handoff.state, func.count(Handoff.id), func.min(Handoff.created_at)).group_by(
            Handoff.state
        )
    ).all()
    found = {state: {"count": count, "oldest": oldest} for state, count, oldest in rows}
    for state in (PENDING, FAILED, DELIVERED):
        found.setdefault(state, {"count": 0, "oldest": None})
    return found
