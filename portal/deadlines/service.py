"""Deadlines kept: the data of extensions and ingebrekestellingen (this package's tables only;
the outcome's new date, the caseload and the message to the resident follow in
portal/services/deadlines.py, the one place that writes across features)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from portal import clock
from portal.caseload.models import HouseholdOutcome
from portal.caseload.service import RUNNING
from portal.deadlines import awb
from portal.deadlines.models import Ingebrekestelling, TermExtension
from portal.dutch_time import today
from portal.extensions import db


def max_extension_weeks() -> int:
    return int(current_app.config.get("AWB_EXTENSION_MAX_WEEKS") or awb.DEFAULT_MAX_EXTENSION_WEEKS)


def record_extension(
    outcome: HouseholdOutcome, new_due: date, reason: str, *, staff_id: int | None
) -> TermExtension:
    """Check the Awb 4:14 rule (raises `awb.Refused`) and keep the extension; the caller moves
    the outcome's date (caseload) and tells the resident."""
    awb.check_extension(
        outcome.due_on,
        new_due,
        today(),
        running=outcome.status in RUNNING,
        max_weeks=max_extension_weeks(),
    )
    row = TermExtension(
        outcome_id=outcome.id,
        household_id=outcome.household_id,
        previous_due_on=outcome.due_on,
        new_due_on=new_due,
        reason=reason.strip(),
        recorded_at=clock.now(),
        recorded_by_id=staff_id,
    )
    db.session.add(row)
    db.session.flush()
    return row


def register_ingebrekestelling(
    outcome: HouseholdOutcome, received: date, *, staff_id: int | None
) -> Ingebrekestelling:
    """Keep a received ingebrekestelling (raises `awb.Refused`): its dwangsom clock runs from
    two weeks after receipt until the decision."""
    awb.check_ingebrekestelling(
        outcome.due_on, received, today(), running=outcome.status in RUNNING
    )
    if running_clock(outcome.id) is not None:
        raise awb.Refused(awb.DUPLICATE)
    row = Ingebrekestelling(
        outcome_id=outcome.id,
        household_id=outcome.household_id,
        received_on=received,
        term_ended_on=outcome.due_on,
        recorded_at=clock.now(),
        recorded_by_id=staff_id,
    )
    db.session.add(row)
    db.session.flush()
    return row


def running_clock(outcome_id: int) -> Ingebrekestelling | None:
    return db.session.scalars(
        select(Ingebrekestelling).where(
            Ingebrekestelling.outcome_id == outcome_id, Ingebrekestelling.stopped_on.is_(None)
        )
    ).first()


def stop_clocks(outcome: HouseholdOutcome, on: date | None = None) -> list[Ingebrekestelling]:
    """A decision was taken (the outcome left new/in_onderzoek): its dwangsom clock stops."""
    if outcome.status in RUNNING:
        return []
    stopped = []
    for row in db.session.scalars(
        select(Ingebrekestelling).where(
            Ingebrekestelling.outcome_id == outcome.id, Ingebrekestelling.stopped_on.is_(None)
        )
    ):
        row.stopped_on = on or today()
        stopped.append(row)
    db.session.flush()
    return stopped


def dwangsom(row: Ingebrekestelling, on: date | None = None) -> awb.Dwangsom:
    return awb.dwangsom_on(
        on or today(),
        term_end=row.term_ended_on,
        received=row.received_on,
        stopped_on=row.stopped_on,
    )


@dataclass(frozen=True)
class Clock:
    """A dwangsom clock for the pages: the ingebrekestelling, its outcome and what is owed."""

    row: Ingebrekestelling
    outcome: HouseholdOutcome
    owed: awb.Dwangsom


def clocks(
    household_ids: Iterable[int] | None = None, *, running_only: bool = False
) -> list[Clock]:
    """The ingebrekestellingen of these households (all when None), with the dwangsom owed
    today; `running_only`: those whose clock still runs."""
    query = select(Ingebrekestelling, HouseholdOutcome).join(
        HouseholdOutcome, HouseholdOutcome.id == Ingebrekestelling.outcome_id
    )
    if household_ids is not None:
        ids = list(household_ids)
        if not ids:
            return []
        query = query.where(Ingebrekestelling.household_id.in_(ids))
    if running_only:
        query = query.where(Ingebrekestelling.stopped_on.is_(None))
    day = today()
    return [
        Clock(row, outcome, dwangsom(row, day))
        for row, outcome in db.session.execute(query.order_by(Ingebrekestelling.received_on))
    ]


def extensions(household_id: int) -> dict[int, list[TermExtension]]:
    """The household's extensions by outcome id, oldest first."""
    found: dict[int, list[TermExtension]] = {}
    for row in db.session.scalars(
        select(TermExtension)
        .where(TermExtension.household_id == household_id)
        .order_by(TermExtension.recorded_at, TermExtension.id)
    ):
        found.setdefault(row.outcome_id, []).append(row)
    return found
