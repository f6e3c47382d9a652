"""Send one outbox row: claim it, hand it to its channel, record the result (any worker)."""

from __future__ import annotations

from flask import current_app

from portal.extensions import db
from portal.messages import channels, outbox, recipients
from portal.messages.models import EMAIL


def send_one(message_id: int) -> str:
    """sent | retry | failed | skipped (not due, or held by another worker)."""
    row = outbox.claim(message_id)
    if row is None:
        return "skipped"
    refused = recipients.recheck(row)
    if refused:
        outbox.not_sent(row, refused)
        return "not_sent"
    config = current_app.config
    try:
        if row.channel == EMAIL:
            channels.send_email(config, row.address, row.subject, row.body, row.language)
        else:
            channels.send_sms(config, row.address, row.body)
    except channels.Retry as error:
        db.session.rollback()
        outbox.retry_later(row, str(error)[:1000])
        return "retry" if row.state != "failed" else "failed"
    except channels.Refused as error:
        db.session.rollback()
        outbox.failed(row, str(error))
        return "failed"
    except Exception as error:  # a defect of ours or of a provider: retry, tell the admin
        db.session.rollback()
        current_app.logger.exception("message %s failed", message_id)
        outbox.retry_later(row, f"Interne fout: {type(error).__name__}: {error}"[:1000])
        return "retry" if row.state != "failed" else "failed"
    outbox.sent(row)
    return "sent"


def send_due(limit: int = 100) -> dict[str, int]:
    """Every due row once (the sweep)."""
    done: dict[str, int] = {}
    for message_id in outbox.due_ids(limit):
        result = send_one(message_id)
        done[result] = done.get(result, 0) + 1
    return done
