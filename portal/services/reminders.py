"""Plan dates coming due (issue #19): the evaluation date of the plan and each agreement's
"klaar op" date. A scheduled job (Celery beat `deadlines.reminders`, or the app's own thread
without a broker: portal/services/scheduled.py) tells each person who applied, once per
date, `REMINDER_DAYS_BEFORE` days ahead (default 7). Only households whose plan was issued
(the resident has seen it). The message says there is a date coming and where to read what it
is: never the agreement's words.

Idempotent: a `due_reminder` row per (household, kind, item, date) with a unique key is
written in the same transaction as the messages; a second run, or a second worker at the same
moment, finds it and sends nothing."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import clock, messages
from portal.deadlines.models import DueReminder
from portal.dutch_time import parse_date, today
from portal.extensions import db
from portal.plans.models import Plan, PlanVersion

EVALUATION, AGREEMENT = "evaluation", "agreement"


def days_before() -> int:
    return int(current_app.config.get("REMINDER_DAYS_BEFORE") or 7)


def _agreement_key(row: dict) -> str:
    """Which agreement, without its words: a hash of who and what."""
    text = f"{row.get('who') or ''}\n{row.get('what') or ''}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def due_items(on: date) -> list[tuple[int, str, str, date]]:
    """(household, kind, item, date) of every plan date within the reminder window."""
    horizon = on + timedelta(days=days_before())
    issued = select(PlanVersion.plan_id).distinct()
    found = []
    for plan in db.session.scalars(select(Plan).where(Plan.id.in_(issued)).order_by(Plan.id)):
        if plan.evaluation_date and on <= plan.evaluation_date <= horizon:
            found.append((plan.household_id, EVALUATION, "plan", plan.evaluation_date))
        for row in plan.agreements or []:
            by = parse_date(row.get("by"))
            if by and not row.get("done") and on <= by <= horizon:
                found.append((plan.household_id, AGREEMENT, _agreement_key(row), by))
    return found


def _already(household_id: int, kind: str, item: str, due_on: date) -> bool:
    return (
        db.session.scalar(
            select(DueReminder.id).where(
                DueReminder.household_id == household_id,
                DueReminder.kind == kind,
                DueReminder.item == item,
                DueReminder.due_on == due_on,
            )
        )
        is not None
    )


def send_due(on: date | None = None) -> int:
    """Write the reminders that are due and not sent yet; commits each one. Returns how many
    plan dates got a reminder."""
    on = on or today()
    done = 0
    for household_id, kind, item, due_on in due_items(on):
        if _already(household_id, kind, item, due_on):
            continue
        try:
            db.session.add(
                DueReminder(
                    household_id=household_id,
                    kind=kind,
                    item=item,
                    due_on=due_on,
                    sent_at=clock.now(),
                )
            )
            db.session.flush()  # the unique key: a second worker stops here
            if kind == EVALUATION:
                messages.evaluation_due(household_id, due_on)
            else:
                messages.agreement_due(household_id, due_on)
            db.session.commit()
            done += 1
        except IntegrityError:
            db.session.rollback()
    return done
