"""Attach an intake made without logging in: its reference number plus the resume code.

The draft forgets its resume code at submission, so `portal.services.intakes.submit` keeps the
code's keyed hash on `intake_resume_code`. Limits, as on the resume page: 5 wrong codes for one
intake lock it for 30 minutes; 5 unknown reference numbers in 30 minutes (per browser session)
stop further tries for a while. A code attaches once (the row is deleted), so a code found
later on paper cannot attach the intake to someone else.
"""

from __future__ import annotations

import hmac
import time
from datetime import UTC, timedelta

from flask import session
from sqlalchemy import func, select

from portal import clock
from portal.extensions import db
from portal.intake import store
from portal.models import Intake, IntakeResumeCode
from portal.residents.models import ResidentIntakeLink

MAX_ATTEMPTS = 5
LOCK = timedelta(minutes=30)
MAX_UNKNOWN, UNKNOWN_WINDOW = 5, 30 * 60
MISSES = "resident_attach_misses"


class AttachRefused(Exception):
    def __init__(self, reason: str):
        self.reason = reason  # unknown | locked | too_many
        super().__init__(reason)


def _recent_misses() -> list[float]:
    return [t for t in session.get(MISSES, []) if t > time.time() - UNKNOWN_WINDOW]


def _miss() -> None:
    session[MISSES] = [*_recent_misses(), time.time()]


def attach(bsn: str, reference: str, code: str) -> Intake:
    if len(_recent_misses()) >= MAX_UNKNOWN:
        raise AttachRefused("too_many")
    wanted = "".join(reference.split()).upper()
    intake = db.session.scalars(
        select(Intake).where(func.upper(Intake.reference) == wanted)
    ).first()
    row = db.session.get(IntakeResumeCode, intake.id) if intake else None
    if row is None:
        _miss()
        raise AttachRefused("unknown")
    moment = clock.now()
    locked = row.locked_until
    if locked is not None and (locked if locked.tzinfo else locked.replace(tzinfo=UTC)) > moment:
        raise AttachRefused("locked")
    if not store.normalise_code(code) or not hmac.compare_digest(row.code_hash, store._hash(code)):
        row.failed_attempts = (row.failed_attempts or 0) + 1
        if row.failed_attempts >= MAX_ATTEMPTS:
            row.failed_attempts = 0
            row.locked_until = moment + LOCK
            db.session.commit()
            raise AttachRefused("locked")
        db.session.commit()
        _miss()
        raise AttachRefused("unknown")
    exists = db.session.scalars(
        select(ResidentIntakeLink).where(
            ResidentIntakeLink.bsn == bsn, ResidentIntakeLink.intake_id == intake.id
        )
    ).first()
    if exists is None:
        db.session.add(ResidentIntakeLink(bsn=bsn, intake_id=intake.id, linked_at=moment))
    db.session.delete(row)
    db.session.commit()
    return intake
