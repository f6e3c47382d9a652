"""The handgeld: the ontschotter's budget per calendar year and its ledger (integer cents).

- An admin sets the year's amount (the limit per year) and the limit per payment.
- A payment is made by an ontschotter with mandate, for the household of an escalation, on the
  app's today (its year is the budget year). Refused: nothing or less, more than the limit per
  payment (the year's, or the ontschotter's own lower one), more than the balance, or a year
  without a budget.
- Pre-financing is paid now and recovered later from a regular regime; what was recovered
  flows back into that year's balance: balance = amount - paid + recovered.

Totals are SQL aggregates; a payment first takes the year's row (UPDATE … version + 1), so of
two payments at the same moment the second waits and then sees the first (PostgreSQL row lock;
SQLite has one writer at a time anyway).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import func, select

from portal import clock
from portal.dutch_time import today
from portal.escalations.models import Escalation, HandgeldBudget, HandgeldPayment
from portal.escalations.service import Refused, has_mandate, mandate_of
from portal.extensions import db
from portal.models import StaffMember

# Far above any handgeld, far below what BIGINT holds: a typing error, not a budget.
MAX_CENTS = 10_000_000_00  # € 10 miljoen


@dataclass(frozen=True)
class Totals:
    year: int
    budget_cents: int | None
    per_payment_limit_cents: int | None
    paid_cents: int
    recovered_cents: int
    payments: int
    prefinanced_open_cents: int  # pre-financing not (fully) recovered yet

    @property
    def balance_cents(self) -> int | None:
        if self.budget_cents is None:
            return None
        return self.budget_cents - self.paid_cents + self.recovered_cents


def totals(year: int) -> Totals:
    budget = db.session.get(HandgeldBudget, year)
    paid, recovered, count, open_prefinanced = db.session.execute(
        select(
            func.coalesce(func.sum(HandgeldPayment.amount_cents), 0),
            func.coalesce(func.sum(HandgeldPayment.recovered_cents), 0),
            func.count(HandgeldPayment.id),
            func.coalesce(
                func.sum(
                    sa.case(
                        (
                            HandgeldPayment.prefinancing.is_(True),
                            HandgeldPayment.amount_cents
                            - func.coalesce(HandgeldPayment.recovered_cents, 0),
                        ),
                        else_=0,
                    )
                ),
                0,
            ),
        ).where(HandgeldPayment.year == year)
    ).one()
    return Totals(
        year=year,
        budget_cents=budget.amount_cents if budget else None,
        per_payment_limit_cents=budget.per_payment_limit_cents if budget else None,
        paid_cents=int(paid),
        recovered_cents=int(recovered),
        payments=int(count),
        prefinanced_open_cents=int(open_prefinanced),
    )


def budgets() -> list[HandgeldBudget]:
    return list(db.session.scalars(select(HandgeldBudget).order_by(HandgeldBudget.year.desc())))


def set_budget(
    year: int, *, amount_cents: int, per_payment_limit_cents: int, by: StaffMember
) -> HandgeldBudget:
    if amount_cents <= 0 or per_payment_limit_cents <= 0:
        raise Refused("not_positive")
    if amount_cents > MAX_CENTS or per_payment_limit_cents > MAX_CENTS:
        raise Refused("too_large")
    if per_payment_limit_cents > amount_cents:
        raise Refused("limit_over_budget")
    spent = totals(year)
    if amount_cents < spent.paid_cents - spent.recovered_cents:
        raise Refused("below_spent")
    budget = db.session.get(HandgeldBudget, year) or HandgeldBudget(year=year)
    budget.amount_cents = amount_cents
    budget.per_payment_limit_cents = per_payment_limit_cents
    budget.set_by_id = by.id
    budget.set_at = clock.now()
    db.session.add(budget)
    db.session.flush()
    return budget


def limit_for(staff: StaffMember, year: int) -> int | None:
    """The most one payment by `staff` may be this year: the year's limit, or the
    ontschotter's own lower one."""
    budget = db.session.get(HandgeldBudget, year)
    if budget is None:
        return None
    own = mandate_of(staff)
    limits = [budget.per_payment_limit_cents]
    if own is not None and own.per_payment_limit_cents:
        limits.append(own.per_payment_limit_cents)
    return min(limits)


def pay(
    escalation: Escalation,
    *,
    by: StaffMember,
    purpose: str,
    amount_cents: int,
    prefinancing: bool,
    recover_from: str | None,
) -> HandgeldPayment:
    if not has_mandate(by):
        raise Refused("mandate")
    if amount_cents <= 0:
        raise Refused("not_positive")
    if amount_cents > MAX_CENTS:
        raise Refused("too_large")
    if prefinancing and not recover_from:
        raise Refused("recover_from")
    paid_on = today()
    year = paid_on.year
    table = HandgeldBudget.__table__
    taken = db.session.execute(
        sa.update(table).where(table.c.year == year).values(version=table.c.version + 1)
    )
    if taken.rowcount != 1:
        raise Refused("no_budget")
    limit = limit_for(by, year)
    if amount_cents > limit:
        raise Refused("per_payment")
    now = totals(year)
    if amount_cents > now.balance_cents:
        raise Refused("balance")
    payment = HandgeldPayment(
        year=year,
        escalation_id=escalation.id,
        household_id=escalation.household_id,
        purpose=purpose,
        amount_cents=amount_cents,
        paid_on=paid_on,
        approved_by_id=by.id,
        created_at=clock.now(),
        prefinancing=prefinancing,
        recover_from=recover_from if prefinancing else None,
    )
    db.session.add(payment)
    db.session.flush()
    return payment


def record_recovered(payment: HandgeldPayment, *, amount_cents: int, by: StaffMember) -> None:
    """How much of a pre-financing came back from the regular regime (the total so far)."""
    if not has_mandate(by):
        raise Refused("mandate")
    if not payment.prefinancing:
        raise Refused("not_prefinancing")
    if amount_cents < 0:
        raise Refused("not_positive")
    if amount_cents > payment.amount_cents:
        raise Refused("recovered_over")
    payment.recovered_cents = amount_cents
    payment.recovered_on = today()
    db.session.flush()


def payments_of(year: int) -> list[HandgeldPayment]:
    return list(
        db.session.scalars(
            select(HandgeldPayment)
            .where(HandgeldPayment.year == year)
            .order_by(HandgeldPayment.paid_on.desc(), HandgeldPayment.id.desc())
        )
    )


def payments_for(escalation_id: int) -> list[HandgeldPayment]:
    return list(
        db.session.scalars(
            select(HandgeldPayment)
            .where(HandgeldPayment.escalation_id == escalation_id)
            .order_by(HandgeldPayment.id)
        )
    )
