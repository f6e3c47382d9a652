"""Management figures for team leads and policy officers (issue #18). The page reads the rollup
(`compute`: a few summary rows per day and team, portal/insight/figures_rollup.py), so its cost
does not grow with the number of households. `compute_live` gives the same figures straight from
the live tables (every figure one SQL aggregate, GROUP BY in the database; no household row is
loaded into Python): the reference the rollup is tested against.

Filters: a period (the intake's submission moment, days in the Netherlands, both ends included)
and a team (households whose active contact person belongs to it).

Small numbers are suppressed where they are shown or exported (`cell`): a count from 1 to 4 is
"<5", so a figure never points at a resident; a share, average or cost over fewer than 5
households is not shown. A 0 is shown as 0: nobody can be recognised in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Date as SqlDate
from sqlalchemy import (
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
)

from portal import dutch_time
from portal.caseload.models import HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.escalations.models import TARGET_DAYS, Barrier, Escalation
from portal.extensions import db
from portal.households.models import ContactAssignment
from portal.insight.figures_rollup import FiguresRollup, dutch_day_sql, last_refresh
from portal.insight.whatif import _moment as day_start
from portal.insight.whatif import period_filter
from portal.models import Intake, StaffMember
from portal.plans.models import PlanVersion

SMALL = 5
CHANNELS = ("online", "front_desk", "api")
TRIAGES = ("single_question", "multi_domain", "urgent")
DECIDED = ("granted", "refused", "referred")
RUNNING = ("new", "in_onderzoek")


def cell(n: int | None) -> str:
    """A count as shown and exported: 1 to 4 suppressed."""
    if n is None:
        return "—"
    return f"<{SMALL}" if 0 < n < SMALL else str(n)


def shown(n: int | None) -> int | None:
    """The count a chart may draw (None: suppressed, no bar)."""
    return None if n is None or 0 < n < SMALL else n


@dataclass
class Filters:
    period_from: date | None = None
    period_to: date | None = None
    team_id: int | None = None


@dataclass
class Figures:
    filters: Filters
    months: list[str] = field(default_factory=list)
    by_month: dict[str, dict[str, int]] = field(default_factory=dict)  # month -> channel -> n
    by_regime: list[tuple[str, int]] = field(default_factory=list)
    by_triage: dict[str, int] = field(default_factory=dict)
    households: int = 0
    multi_domain: int = 0
    deadlines: list[dict] = field(default_factory=list)  # regime, met, missed, running
    to_plan: dict = field(default_factory=dict)  # n, average_days, buckets
    workload: list[tuple[str, int]] = field(default_factory=list)  # contact person, households
    costs: list[dict] = field(default_factory=list)  # regime, cents, households
    # workload when there are more than WORKLOAD_LIST contact persons: (range, persons)
    workload_spread: list[tuple[str, int]] = field(default_factory=list)
    # escalations to the ontschotter (issue #17) raised in the period
    escalations_by_month: dict[str, dict[str, int]] = field(default_factory=dict)  # open/decided
    escalation_days: dict[int, int] = field(default_factory=dict)  # days to breakthrough -> n
    escalation_sides: list[tuple[str, int, int]] = field(default_factory=list)  # side, all, decided
    refreshed_at: object = None  # when the rollup was made (None: live figures, or no rollup)

    @property
    def escalations(self) -> dict:
        """Totals: raised, open, decided, within three weeks, median days (None under 5)."""
        decided = sum(self.escalation_days.values())
        raised = sum(sum(m.values()) for m in self.escalations_by_month.values())
        return {
            "raised": raised,
            "decided": decided,
            "open": raised - decided,
            "within": sum(n for d, n in self.escalation_days.items() if d <= TARGET_DAYS),
            "median": median(self.escalation_days) if decided >= SMALL else None,
        }


WORKLOAD_LIST = 50  # more contact persons than this: the page shows how the load is spread
WORKLOAD_SPREAD = (("1-25", 1, 25), ("26-50", 26, 50), ("51-100", 51, 100), ("101-200", 101, 200))


def median(histogram: dict[int, int]) -> float | None:
    """The median of a histogram {value: count}: the middle value, or the mean of the two."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(histogram):
        count = histogram[value]
        found += [value for w in wanted if seen <= w < seen + count]
        seen += count
    return sum(found) / 2


def _dialect() -> str:
    return db.engine.dialect.name


def _month(column):
    """The month in the Netherlands of a moment (SQLite: through the written-out summer-time
    rule, so both databases count the same months as the rollup's days)."""
    if _dialect() == "postgresql":
        return func.to_char(func.timezone("Europe/Amsterdam", column), "YYYY-MM")
    return func.strftime("%Y-%m", literal_column(dutch_day_sql("intake.submitted_at")))


def _day_month(column):
    if _dialect() == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _days_between(later, earlier):
    if _dialect() == "postgresql":
        return func.extract("epoch", later - earlier) / 86400.0
    return func.julianday(later) - func.julianday(earlier)


def _intake_where(filters: Filters) -> list:
    where = period_filter(filters.period_from, filters.period_to)
    if filters.team_id is not None:
        where.append(
            exists().where(
                ContactAssignment.household_id == Intake.household_id,
                ContactAssignment.ended_at.is_(None),
                ContactAssignment.team_id == filters.team_id,
            )
        )
    return where


def compute_live(filters: Filters) -> Figures:
    """The figures straight from the live tables (the rollup's reference; slow at scale)."""
    figures = Figures(filters)
    where = _intake_where(filters)
    s = db.session

    # intakes per month and channel
    month = _month(Intake.submitted_at).label("month")
    channel = case(
        (Intake.channel.in_(CHANNELS), Intake.channel), else_=literal_column("'other'")
    ).label("channel")
    for m, ch, n in s.execute(
        select(month, channel, func.count()).where(*where).group_by(month, channel)
    ):
        figures.by_month.setdefault(m, {})[ch] = n
    figures.months = sorted(figures.by_month)

    # intakes per triage class
    triage = case(
        (Intake.triage.in_(TRIAGES), Intake.triage), else_=literal_column("'other'")
    ).label("triage")
    figures.by_triage = dict(
        s.execute(select(triage, func.count()).where(*where).group_by(triage)).all()
    )

    # households with an intake in the period, and how many of them are multi-domain
    total, multi = s.execute(
        select(
            func.count(distinct(Intake.household_id)),
            func.count(distinct(case((Intake.triage == "multi_domain", Intake.household_id)))),
        ).where(*where)
    ).one()
    figures.households, figures.multi_domain = total or 0, multi or 0

    # intakes per regime (an intake counts once per regime it has an outcome in)
    figures.by_regime = [
        (regime, n)
        for regime, n in s.execute(
            _outcomes_of(
                select(HouseholdOutcome.regime, func.count(distinct(HouseholdOutcome.intake_id))),
                where,
            )
            .group_by(HouseholdOutcome.regime)
            .order_by(HouseholdOutcome.regime)
        )
    ]

    figures.deadlines = _deadlines(where)
    figures.to_plan = _to_plan(filters)
    figures.workload = _workload(filters)
    figures.costs = _costs(filters)
    figures.workload, figures.workload_spread = _spread(figures.workload)
    _escalations_live(figures, filters)
    return figures


def _spread(workload: list[tuple[str, int]]):
    """More than WORKLOAD_LIST contact persons: how many carry how many households."""
    if len(workload) <= WORKLOAD_LIST:
        return workload, []
    spread = []
    for name, low, high in (*WORKLOAD_SPREAD, ("201+", 201, None)):
        spread.append((name, sum(1 for _p, n in workload if low <= n <= (high or n))))
    return [], spread


def _escalation_where(filters: Filters) -> list:
    where = []
    if filters.period_from:
        where.append(Escalation.raised_on >= filters.period_from)
    if filters.period_to:
        where.append(Escalation.raised_on <= filters.period_to)
    if filters.team_id is not None:
        where.append(
            exists().where(
                ContactAssignment.household_id == Escalation.household_id,
                ContactAssignment.ended_at.is_(None),
                ContactAssignment.team_id == filters.team_id,
            )
        )
    return where


def _escalations_live(figures: Figures, filters: Filters) -> None:
    where = _escalation_where(filters)
    s = db.session
    month = _day_month(Escalation.raised_on).label("month")
    state = case((Escalation.days_to_breakthrough.is_(None), "open"), else_="decided")
    for m, st, n in s.execute(
        select(month, state, func.count()).where(*where).group_by(month, state)
    ):
        figures.escalations_by_month.setdefault(m, {})[st] = n
    figures.escalation_days = dict(
        s.execute(
            select(Escalation.days_to_breakthrough, func.count())
            .where(*where, Escalation.days_to_breakthrough.isnot(None))
            .group_by(Escalation.days_to_breakthrough)
        ).all()
    )
    sides = select(Barrier.escalation_id, Barrier.side_a.label("side")).union(
        select(Barrier.escalation_id, Barrier.side_b)
    )
    sides = sides.subquery()
    figures.escalation_sides = [
        (side, int(n), int(d or 0))
        for side, n, d in s.execute(
            select(
                sides.c.side,
                func.count(),
                func.sum(case((Escalation.days_to_breakthrough.isnot(None), 1), else_=0)),
            )
            .join(Escalation, Escalation.id == sides.c.escalation_id)
            .where(*where)
            .group_by(sides.c.side)
            .order_by(sides.c.side)
        )
    ]


# --- the page: the same figures from the rollup --------------------------------------------


def compute(filters: Filters) -> Figures:
    """The figures from the rollup: a few hundred summary rows, whatever the number of
    households. Deadlines still open are judged against today now. `refreshed_at` None: no
    rollup has been made yet (the figures are then empty)."""
    figures = Figures(filters)
    refreshed = last_refresh()
    if refreshed is None:
        return figures
    figures.refreshed_at = refreshed.refreshed_at
    R = FiguresRollup
    s = db.session
    start = filters.period_from

    def where(figure: str) -> list:
        clauses = [R.figure == figure, R.team_key == (filters.team_id or 0)]
        if figure.startswith("workload"):  # now, whatever the period
            return clauses
        if filters.period_from:
            clauses.append(R.day >= filters.period_from)
        if filters.period_to:
            clauses.append(R.day <= filters.period_to)
        return clauses

    def first(column):
        """The row is a household's first in the period (its previous day lies before it)."""
        return column.is_(None) if start is None else or_(column.is_(None), column < start)

    month = _day_month(R.day).label("month")
    for m, ch, n in s.execute(
        select(month, R.key1, func.sum(R.n)).where(*where("intake")).group_by(month, R.key1)
    ):
        figures.by_month.setdefault(m, {})[ch] = int(n)
    figures.months = sorted(figures.by_month)
    figures.by_triage = {
        t: int(n)
        for t, n in s.execute(
            select(R.key2, func.sum(R.n)).where(*where("intake")).group_by(R.key2)
        )
    }
    total, multi = s.execute(
        select(
            func.sum(case((first(R.ref_day), R.n), else_=0)),
            func.sum(case((and_(R.key2 == "multi_domain", first(R.ref_day2)), R.n), else_=0)),
        ).where(*where("intake"))
    ).one()
    figures.households, figures.multi_domain = int(total or 0), int(multi or 0)
    figures.by_regime = [
        (regime, int(n))
        for regime, n in s.execute(
            select(R.key1, func.sum(R.n)).where(*where("regime")).group_by(R.key1).order_by(R.key1)
        )
    ]
    today = dutch_time.today()
    figures.deadlines = [
        {"regime": r, "met": int(a or 0), "missed": int(b or 0), "running": int(c or 0)}
        for r, a, b, c in s.execute(
            select(
                R.key1,
                func.sum(R.met),
                func.sum(R.missed) + func.sum(case((R.ref_day < today, R.open_n), else_=0)),
                func.sum(case((R.ref_day >= today, R.open_n), else_=0)),
            )
            .where(*where("deadline"))
            .group_by(R.key1)
            .order_by(R.key1)
        )
    ]
    spans = dict.fromkeys((name for name, _l, _h in BUCKETS), 0)
    n_plan, days = 0, 0.0
    for bucket, n, d in s.execute(
        select(R.key1, func.sum(R.n), func.sum(R.days_sum))
        .where(*where("plan"), first(R.ref_day))
        .group_by(R.key1)
    ):
        n_plan, days = n_plan + int(n), days + float(d or 0)
        if bucket in spans:
            spans[bucket] = int(n)
    figures.to_plan = {
        "n": n_plan,
        "average_days": None if n_plan < SMALL else round(days / n_plan, 1),
        "buckets": list(spans.items()),
    }
    figures.costs = [
        {"regime": r, "cents": int(c or 0), "households": int(h or 0)}
        for r, c, h in s.execute(
            select(R.key1, func.sum(R.cents), func.sum(case((first(R.ref_day), R.n), else_=0)))
            .where(*where("cost"))
            .group_by(R.key1)
            .order_by(R.key1)
        )
    ]
    _workload_rollup(figures, where("workload"), where("workload_spread"))
    state_month = _day_month(R.day).label("month")
    for m, st, n in s.execute(
        select(state_month, R.key1, func.sum(R.n))
        .where(*where("escalation"))
        .group_by(state_month, R.key1)
    ):
        figures.escalations_by_month.setdefault(m, {})[st] = int(n)
    figures.escalation_days = {
        int(d): int(n)
        for d, n in s.execute(
            select(R.ref_id, func.sum(R.n))
            .where(*where("escalation"), R.key1 == "decided")
            .group_by(R.ref_id)
        )
    }
    figures.escalation_sides = [
        (side, int(n), int(d or 0))
        for side, n, d in s.execute(
            select(R.key1, func.sum(R.n), func.sum(case((R.key2 == "decided", R.n), else_=0)))
            .where(*where("schot"))
            .group_by(R.key1)
            .order_by(R.key1)
        )
    ]
    return figures


def _workload_rollup(figures: Figures, where: list, spread_where: list) -> None:
    """At most WORKLOAD_LIST contact persons by name, else how the load is spread: never
    thousands of rows, however large the municipality."""
    R = FiguresRollup
    spread = dict(
        db.session.execute(select(R.key1, func.sum(R.n)).where(*spread_where).group_by(R.key1))
        .tuples()
        .all()
    )
    if sum(spread.values()) > WORKLOAD_LIST:
        names = [name for name, _l, _h in WORKLOAD_SPREAD] + ["201+"]
        figures.workload_spread = [(name, int(spread.get(name, 0))) for name in names]
        return
    figures.workload = [
        (name, int(n))
        for name, n in db.session.execute(
            select(StaffMember.display_name, R.n)
            .join(StaffMember, StaffMember.id == R.ref_id)
            .where(*where)
            .order_by(StaffMember.display_name)
        )
    ]


def _outcomes_of(query, where: list):
    """Outcome rows, joined to their intake only when a filter needs it (without a filter the
    join would read every intake for nothing)."""
    if not where:
        return query
    return query.join(Intake, HouseholdOutcome.intake_id == Intake.id).where(*where)


def _deadlines(where: list) -> list[dict]:
    """Statutory deadlines per regime: met (decided on or before the due date), missed (decided
    later, or still open after it) and running (open, not due yet). The decision's moment is the
    first status change to granted, refused or referred."""
    decided = (
        select(
            HouseholdOutcomeStatusChange.outcome_id.label("outcome_id"),
            func.min(HouseholdOutcomeStatusChange.changed_at).label("decided_at"),
        )
        .where(HouseholdOutcomeStatusChange.to_status.in_(DECIDED))
        .group_by(HouseholdOutcomeStatusChange.outcome_id)
        .subquery()
    )
    today = dutch_time.today()
    decided_on = (
        cast(decided.c.decided_at, SqlDate)
        if _dialect() == "postgresql"
        else func.date(decided.c.decided_at)
    )
    due = HouseholdOutcome.due_on
    if _dialect() != "postgresql":
        due = func.date(HouseholdOutcome.due_on)
    is_decided = HouseholdOutcome.status.notin_(RUNNING)
    met = func.sum(case((and_(is_decided, decided_on.isnot(None), decided_on <= due), 1), else_=0))
    missed = func.sum(
        case(
            (and_(is_decided, decided_on.isnot(None), decided_on > due), 1),
            (and_(HouseholdOutcome.status.in_(RUNNING), HouseholdOutcome.due_on < today), 1),
            else_=0,
        )
    )
    running = func.sum(
        case(
            (and_(HouseholdOutcome.status.in_(RUNNING), HouseholdOutcome.due_on >= today), 1),
            else_=0,
        )
    )
    rows = db.session.execute(
        _outcomes_of(select(HouseholdOutcome.regime, met, missed, running), where)
        .outerjoin(decided, decided.c.outcome_id == HouseholdOutcome.id)
        .where(HouseholdOutcome.due_on.isnot(None))
        .group_by(HouseholdOutcome.regime)
        .order_by(HouseholdOutcome.regime)
    )
    return [
        {"regime": r, "met": int(a or 0), "missed": int(b or 0), "running": int(c or 0)}
        for r, a, b, c in rows
    ]


BUCKETS = (("0-14", 0, 14), ("15-42", 15, 42), ("43+", 43, None))


def _to_plan(filters: Filters) -> dict:
    """Days from a household's first intake to its first issued plan version."""
    first = (
        select(
            Intake.household_id.label("household_id"),
            func.min(Intake.submitted_at).label("first_at"),
        )
        .where(*_intake_where(filters))
        .group_by(Intake.household_id)
        .subquery()
    )
    days = _days_between(PlanVersion.issued_at, first.c.first_at)
    spans = (
        select(days.label("days"))
        .join(first, first.c.household_id == PlanVersion.household_id)
        .where(PlanVersion.number == 1)
        .subquery()
    )
    bucket_columns = [
        func.sum(
            case(
                (
                    and_(
                        spans.c.days >= low,
                        spans.c.days < (high + 1 if high is not None else 10**9),
                    ),
                    1,
                ),
                else_=0,
            )
        )
        for _name, low, high in BUCKETS
    ]
    n, average, *buckets = db.session.execute(
        select(func.count(), func.avg(spans.c.days), *bucket_columns)
    ).one()
    return {
        "n": n or 0,
        "average_days": None if not n or n < SMALL else round(float(average), 1),
        "buckets": [
            (name, int(b or 0)) for (name, _l, _h), b in zip(BUCKETS, buckets, strict=True)
        ],
    }


def _workload(filters: Filters) -> list[tuple[str, int]]:
    """Households per contact person (active assignments)."""
    query = (
        select(StaffMember.display_name, func.count(ContactAssignment.id))
        .join(StaffMember, StaffMember.id == ContactAssignment.staff_id)
        .where(ContactAssignment.ended_at.is_(None))
        .group_by(StaffMember.id, StaffMember.display_name)
        .order_by(StaffMember.display_name)
    )
    if filters.team_id is not None:
        query = query.where(ContactAssignment.team_id == filters.team_id)
    return [(name, n) for name, n in db.session.execute(query)]


def _costs(filters: Filters) -> list[dict]:
    """The expected costs staff entered in the plans, per regime of the provision they price
    (plan.costs: {household_outcome id: {cents, note}}), unpacked with the database's own JSON
    functions. Only outcomes of intakes in the period (and team)."""
    where_sql, params = _where_sql(filters)
    join_intake = "JOIN intake i ON i.id = o.intake_id" if where_sql else ""
    if _dialect() == "postgresql":
        sql = f"""
            SELECT o.regime, sum(CAST(c.value ->> 'cents' AS bigint)),
                   count(DISTINCT p.household_id)
            FROM plan p
            CROSS JOIN LATERAL json_each(p.costs) AS c
            JOIN household_outcome o ON o.id = CAST(c.key AS integer)
            {join_intake}
            WHERE json_typeof(c.value -> 'cents') = 'number' {where_sql}
            GROUP BY o.regime ORDER BY o.regime
        """  # noqa: S608  (fixed SQL; the filters are bound parameters)
    else:
        sql = f"""
            SELECT o.regime, sum(json_extract(c.value, '$.cents')),
                   count(DISTINCT p.household_id)
            FROM plan p, json_each(p.costs) AS c
            JOIN household_outcome o ON o.id = CAST(c.key AS integer)
            {join_intake}
            WHERE json_type(c.value, '$.cents') = 'integer' {where_sql}
            GROUP BY o.regime ORDER BY o.regime
        """  # noqa: S608  (fixed SQL; the filters are bound parameters)
    return [
        {"regime": regime, "cents": int(cents or 0), "households": households}
        # only our own fixed SQL with bound parameters (the filters are never pasted in)
        for regime, cents, households in db.session.execute(text(sql), params)
    ]


def _where_sql(filters: Filters) -> tuple[str, dict]:
    parts, params = [], {}
    if filters.period_from:
        parts.append("i.submitted_at >= :period_start")
        params["period_start"] = _bound(filters.period_from)
    if filters.period_to:
        parts.append("i.submitted_at < :period_end")
        params["period_end"] = _bound(filters.period_to + timedelta(days=1))
    if filters.team_id is not None:
        parts.append(
            "EXISTS (SELECT 1 FROM contact_assignment a WHERE a.household_id = i.household_id"
            " AND a.ended_at IS NULL AND a.team_id = :team_id)"
        )
        params["team_id"] = filters.team_id
    return "".join(f" AND {p}" for p in parts), params


def _bound(day: date):
    moment = day_start(day)
    if _dialect() != "postgresql":  # SQLite keeps moments as naive UTC text
        return moment.replace(tzinfo=None)
    return moment
