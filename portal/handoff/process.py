"""Deliver one outbox row: claim it, call the ZGW APIs, record the result (any worker kind)."""

from __future__ import annotations

from flask import current_app

from portal.extensions import db
from portal.handoff import deliver, outbox, zgw


def deliver_one(handoff_id: int) -> str:
    """Returns what happened: delivered | retry | failed | skipped (not due or held by another
    worker)."""
    row = outbox.claim(handoff_id)
    if row is None:
        return "skipped"
    apis = zgw.from_config(current_app.config)
    try:
        if apis is None:
            raise zgw.Refused("De overdracht naar het zaaksysteem is niet ingesteld")
        deliver.run(apis, row)
    except zgw.Retry as error:
        db.session.rollback()
        outbox.retry_later(row, str(error))
        return "retry"
    except zgw.Refused as error:
        db.session.rollback()
        outbox.failed(row, str(error))
        return "failed"
    except Exception as error:  # a defect of ours: keep the row, retry later, tell the admin
        db.session.rollback()
        current_app.logger.exception("hand-off %s failed", handoff_id)
        outbox.retry_later(row, f"Interne fout: {type(error).__name__}: {error}"[:1000])
        return "retry"
    outbox.delivered(row)
    return "delivered"


def deliver_due(limit: int = 100) -> dict[str, int]:
    """Every due row once (the sweep): what a worker or the embedded thread runs regularly."""
    done: dict[str, int] = {}
    for handoff_id in outbox.due_ids(limit):
        result = deliver_one(handoff_id)
        done[result] = done.get(result, 0) + 1
    return done
