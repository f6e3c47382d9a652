"""The report for the policy officer and the team lead (issue #17): per calendar year, the
escalations, the median time to a breakthrough, the share within three weeks, the money spent
and recovered, the most frequent schotten and the deviations to be reported to the council.

Every figure is an SQL aggregate (COUNT, SUM, GROUP BY; the median as the middle row(s) of an
ordered query), so the report costs the same few queries however many escalations there are.
No names and no resident data: escalation numbers, dates, counts and the decision text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from sqlalchemy import func, select

from portal.escalations import ledger
from portal.escalations.models import (
    COUNCIL,
    TARGET_DAYS,
    Barrier,
    CasePlatform,
    Escalation,
)
from portal.extensions import db


@dataclass(frozen=True)
class Deviation:
    escalation_id: int
    decided_on: date
    decision: str
    effect: str | None
    purpose_of_law: str | None
    weighing: str | None
    route: str | None


@dataclass(frozen=True)
class Report:
    year: int
    raised: int
    decided: int
    evaluated: int
    open: int
    median_days: Decimal | None
    within_target: int
    evaluations: dict[str, int]
    schotten: list[tuple[str, str, int]]
    deviations: list[Deviation]
    money: ledger.Totals

    @property
    def share_within_target(self) -> Decimal | None:
        """Percentage of the decided escalations decided within three weeks (one decimal)."""
        if not self.decided:
            return None
        share = Decimal(self.within_target * 100) / Decimal(self.decided)
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _in_year(column, year: int):
    return column.between(date(year, 1, 1), date(year, 12, 31))


def median_days(year: int) -> Decimal | None:
    """The median of days_to_breakthrough of the escalations raised in `year`: the middle row
    (odd count) or the mean of the two middle rows (even count), read with LIMIT/OFFSET."""
    decided = sa.and_(
        _in_year(Escalation.raised_on, year), Escalation.days_to_breakthrough.is_not(None)
    )
    count = db.session.scalar(select(func.count(Escalation.id)).where(decided))
    if not count:
        return None
    middle = (
        select(Escalation.days_to_breakthrough.label("days"))
        .where(decided)
        .order_by(Escalation.days_to_breakthrough)
        .limit(2 - count % 2)
        .offset((count - 1) // 2)
        .subquery()
    )
    total, rows = db.session.execute(select(func.sum(middle.c.days), func.count())).one()
    return (Decimal(int(total)) / Decimal(int(rows))).quantize(Decimal("0.1"))


def build(year: int) -> Report:
    in_year = _in_year(Escalation.raised_on, year)
    raised, decided, within, evaluated = db.session.execute(
        select(
            func.count(Escalation.id),
            func.count(Escalation.days_to_breakthrough),
            func.coalesce(
                func.sum(sa.case((Escalation.days_to_breakthrough <= TARGET_DAYS, 1), else_=0)),
                0,
            ),
            func.count(CasePlatform.evaluated_at),
        )
        .outerjoin(CasePlatform, CasePlatform.escalation_id == Escalation.id)
        .where(in_year)
    ).one()
    evaluations = dict(
        db.session.execute(
            select(CasePlatform.evaluation, func.count(CasePlatform.id))
            .join(Escalation, Escalation.id == CasePlatform.escalation_id)
            .where(in_year, CasePlatform.evaluation.is_not(None))
            .group_by(CasePlatform.evaluation)
        )
        .tuples()
        .all()
    )
    times = func.count(Barrier.id).label("times")
    schotten = [
        (a, b, int(n))
        for a, b, n in db.session.execute(
            select(Barrier.side_a, Barrier.side_b, times)
            .join(Escalation, Escalation.id == Barrier.escalation_id)
            .where(in_year)
            .group_by(Barrier.side_a, Barrier.side_b)
            .order_by(times.desc(), Barrier.side_a, Barrier.side_b)
            .limit(5)
        )
    ]
    deviations = [
        Deviation(*row)
        for row in db.session.execute(
            select(
                CasePlatform.escalation_id,
                CasePlatform.decided_on,
                CasePlatform.decision,
                CasePlatform.effect,
                CasePlatform.purpose_of_law,
                CasePlatform.weighing,
                CasePlatform.route,
            )
            .where(CasePlatform.authority == COUNCIL, _in_year(CasePlatform.decided_on, year))
            .order_by(CasePlatform.decided_on, CasePlatform.escalation_id)
        )
    ]
    return Report(
        year=year,
        raised=int(raised),
        decided=int(decided),
        evaluated=int(evaluated),
        open=int(raised) - int(decided),
        median_days=median_days(year),
        within_target=int(within),
        evaluations=evaluations,
        schotten=schotten,
        deviations=deviations,
        money=ledger.totals(year),
    )
