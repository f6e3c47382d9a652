"""Management figures for team leads and policy officers (issue #18): every figure is one SQL
aggregate (GROUP BY in the database); no household row is loaded into Python.

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
from sqlalchemy import and_, case, cast, distinct, exists, func, literal_column, select, text

from portal import dutch_time
from portal.caseload.models import HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.extensions import db
from portal.households.models import ContactAssignment
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


def _dialect() -> str:
    return db.engine.dialect.name


def _month(column):
    if _dialect() == "postgresql":
        return func.to_char(func.timezone("Europe/Amsterdam", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)  # SQLite (development): the month in UTC


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


def compute(filters: Filters) -> Figures:
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
    return figures


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
