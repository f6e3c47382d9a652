"""The management figures' rollup (issue #18): every figure of the *Cijfers* page pre-counted
per day, team and the figure's own keys, so the page reads a few hundred summary rows however
many households the municipality has (docs/insight.md, "Rollup").

One table, `figures_rollup`; a row is (figure, team_key, day, keys) with its counts:

- intake: day = submission day, key1 = channel, key2 = triage, ref_day = the household's
  previous intake day, ref_day2 = its previous multi-domain intake day; n.
- regime: day, key1 = regime; n = intakes with an outcome in it.
- deadline: day of the outcome's intake, key1 = regime, ref_day = due day (open ones only);
  met, missed (decided late), open_n.
- plan: intake's day, key1 = bucket (0-14, 15-42, 43+ days, '' below 0), ref_day = previous
  intake day; n, days_sum (days from that intake to the first plan version).
- cost: intake's day, key1 = regime, ref_day = the household's previous priced day in the
  regime; n, cents.
- workload: ref_id = staff id; n = households (active assignments).
- workload_spread: key1 = range of households per contact person (1-25, …, 201+); n =
  contact persons in it (so the page never reads thousands of contact persons' rows).
- escalation: day = raised, key1 = open / decided, ref_id = days to breakthrough; n.
- schot: day = raised, key1 = side of a schot, key2 = open / decided; n.

`team_key` 0 holds the whole municipality, a team's id the households whose active contact
person is in that team (the page's team filter). Counts of *distinct households* over a period
are not sums of days; they become sums with the household's previous day: a household counts in
[a, b] once, on its first day in the period, the one row whose previous day is before a (or
none). Deadlines that are still open keep their due day, so "missed" and "still running" are
decided against today when the page is read, not when the rollup was made.

`refresh()` recomputes the whole rollup with set-based SQL (INSERT … SELECT … GROUP BY, window
functions for the previous days) in one transaction: readers see the old figures until it
commits. Run by the Celery beat task `insight.figures_refresh`, by `flask figures-refresh`, and
without a broker by a thread of the app (at most every `EMBEDDED_EVERY` seconds).
"""

from __future__ import annotations

import time as _time
from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, Float, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from portal import clock
from portal.extensions import db

DECIDED = ("granted", "refused", "referred")
RUNNING = ("new", "in_onderzoek")
CHANNELS = ("online", "front_desk", "api")
TRIAGES = ("single_question", "multi_domain", "urgent")


class FiguresRollup(db.Model):
    __tablename__ = "figures_rollup"
    __table_args__ = (Index("ix_figures_rollup_figure_team_day", "figure", "team_key", "day"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    figure: Mapped[str] = mapped_column(String(20))
    team_key: Mapped[int] = mapped_column(Integer)
    day: Mapped[date | None] = mapped_column(Date)
    key1: Mapped[str] = mapped_column(String(60), default="")
    key2: Mapped[str] = mapped_column(String(60), default="")
    ref_day: Mapped[date | None] = mapped_column(Date)
    ref_day2: Mapped[date | None] = mapped_column(Date)
    ref_id: Mapped[int | None] = mapped_column(Integer)
    n: Mapped[int] = mapped_column(BigInteger, default=0)
    met: Mapped[int] = mapped_column(BigInteger, default=0)
    missed: Mapped[int] = mapped_column(BigInteger, default=0)
    open_n: Mapped[int] = mapped_column(BigInteger, default=0)
    cents: Mapped[int] = mapped_column(BigInteger, default=0)
    days_sum: Mapped[float] = mapped_column(Float, default=0.0)


class FiguresRefresh(db.Model):
    """One row (id 1): when the rollup was last brought up to date, and how long it took."""

    __tablename__ = "figures_refresh"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    refreshed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seconds: Mapped[float] = mapped_column(Float)


def _postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def dutch_day_sql(column: str) -> str:
    """SQL for the day in the Netherlands of a stored moment (the period filter's days).
    SQLite has no time zones: the EU summer-time rule (last Sunday of March 01:00 UTC to the
    last Sunday of October 01:00 UTC: +2 hours, else +1) written out in its date functions."""
    if _postgres():
        return f"CAST(timezone('Europe/Amsterdam', {column}) AS date)"
    year = f"strftime('%Y', {column})"
    start = f"(date({year} || '-03-25', 'weekday 0') || ' 01:00:00')"
    end = f"(date({year} || '-10-25', 'weekday 0') || ' 01:00:00')"
    return (
        f"date({column}, CASE WHEN {column} >= {start} AND {column} < {end} "
        f"THEN '+2 hours' ELSE '+1 hours' END)"
    )


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _statements() -> list[str]:
    pg = _postgres()
    day = dutch_day_sql("i.submitted_at")
    # every intake with its Dutch day and its household's team now; tk doubles each row into
    # the municipality (team_key 0) and its team (when it has one)
    intakes = f"""
        it AS (
            SELECT i.id, i.household_id, i.submitted_at, i.channel, i.triage, {day} AS day,
                   a.team_id
            FROM intake i
            LEFT JOIN contact_assignment a
              ON a.household_id = i.household_id AND a.ended_at IS NULL
        ),
        x AS (
            SELECT it.*,
                   LAG(day) OVER (PARTITION BY household_id ORDER BY submitted_at, id)
                       AS prev_day,
                   CASE WHEN triage = 'multi_domain' THEN
                       LAG(day) OVER (
                           PARTITION BY household_id,
                                        CASE WHEN triage = 'multi_domain' THEN 1 ELSE 0 END
                           ORDER BY submitted_at, id)
                   END AS prev_multi
            FROM it
        ),
        tk (k) AS (SELECT 0 UNION ALL SELECT 1)
    """  # noqa: S608  (fixed SQL; nothing from a user)
    team_key = "CASE WHEN tk.k = 0 THEN 0 ELSE x.team_id END"
    team_join = "JOIN tk ON tk.k = 0 OR x.team_id IS NOT NULL"
    if pg:
        decided_on, due = "CAST(d.decided_at AS date)", "o.due_on"
        days = "extract(epoch FROM pv.issued_at - x.submitted_at) / 86400.0"
        costs = """
            SELECT p.household_id, o.id AS outcome_id, o.regime, o.intake_id,
                   CAST(c.value ->> 'cents' AS bigint) AS cents
            FROM plan p
            CROSS JOIN LATERAL json_each(p.costs) AS c
            JOIN household_outcome o ON o.id = CAST(c.key AS integer)
            WHERE json_typeof(c.value -> 'cents') = 'number'
        """
    else:
        decided_on, due = "date(d.decided_at)", "date(o.due_on)"
        days = "julianday(pv.issued_at) - julianday(x.submitted_at)"
        costs = """
            SELECT p.household_id, o.id AS outcome_id, o.regime, o.intake_id,
                   json_extract(c.value, '$.cents') AS cents
            FROM plan p, json_each(p.costs) AS c
            JOIN household_outcome o ON o.id = CAST(c.key AS integer)
            WHERE json_type(c.value, '$.cents') = 'integer'
        """
    channel = f"CASE WHEN x.channel IN {_in(CHANNELS)} THEN x.channel ELSE 'other' END"
    triage = f"CASE WHEN x.triage IN {_in(TRIAGES)} THEN x.triage ELSE 'other' END"
    insert = (
        "INSERT INTO figures_rollup (figure, team_key, day, key1, key2, ref_day, ref_day2, "
        "ref_id, n, met, missed, open_n, cents, days_sum)"
    )
    escalation_team = """
        e AS (
            SELECT e.id, e.raised_on AS day, e.days_to_breakthrough, a.team_id AS team_id
            FROM escalation e
            LEFT JOIN contact_assignment a
              ON a.household_id = e.household_id AND a.ended_at IS NULL
        ),
        tk (k) AS (SELECT 0 UNION ALL SELECT 1)
    """
    e_team_key = "CASE WHEN tk.k = 0 THEN 0 ELSE e.team_id END"
    e_team_join = "JOIN tk ON tk.k = 0 OR e.team_id IS NOT NULL"
    decided = "CASE WHEN e.days_to_breakthrough IS NULL THEN 'open' ELSE 'decided' END"
    return [
        "DELETE FROM figures_rollup",
        # intakes per day, channel and triage; households through their previous intake day
        f"""{insert}
        WITH {intakes}
        SELECT 'intake', {team_key}, x.day, {channel}, {triage}, x.prev_day, x.prev_multi,
               NULL, count(*), 0, 0, 0, 0, 0
        FROM x {team_join}
        GROUP BY {team_key}, x.day, {channel}, {triage}, x.prev_day, x.prev_multi""",  # noqa: S608
        # intakes per regime: an intake counts once per regime it has an outcome in
        f"""{insert}
        WITH {intakes},
        r AS (SELECT DISTINCT intake_id, regime FROM household_outcome)
        SELECT 'regime', {team_key}, x.day, r.regime, '', NULL, NULL, NULL, count(*),
               0, 0, 0, 0, 0
        FROM r JOIN x ON x.id = r.intake_id {team_join}
        GROUP BY {team_key}, x.day, r.regime""",  # noqa: S608
        # statutory deadlines: met / missed (decided late) fixed; open ones by their due day
        f"""{insert}
        WITH {intakes},
        d AS (
            SELECT outcome_id, min(changed_at) AS decided_at
            FROM household_outcome_status_change
            WHERE to_status IN {_in(DECIDED)}
            GROUP BY outcome_id
        ),
        o2 AS (
            SELECT o.intake_id, o.regime,
                   CASE WHEN o.status IN {_in(RUNNING)} THEN o.due_on END AS open_due,
                   CASE WHEN o.status NOT IN {_in(RUNNING)} AND d.decided_at IS NOT NULL
                             AND {decided_on} <= {due} THEN 1 ELSE 0 END AS met,
                   CASE WHEN o.status NOT IN {_in(RUNNING)} AND d.decided_at IS NOT NULL
                             AND {decided_on} > {due} THEN 1 ELSE 0 END AS late,
                   CASE WHEN o.status IN {_in(RUNNING)} THEN 1 ELSE 0 END AS still_open
            FROM household_outcome o
            LEFT JOIN d ON d.outcome_id = o.id
            WHERE o.due_on IS NOT NULL
        )
        SELECT 'deadline', {team_key}, x.day, o2.regime, '', o2.open_due, NULL, NULL, count(*),
               sum(o2.met), sum(o2.late), sum(o2.still_open), 0, 0
        FROM o2 JOIN x ON x.id = o2.intake_id {team_join}
        GROUP BY {team_key}, x.day, o2.regime, o2.open_due""",  # noqa: S608
        # time from intake to the first plan version, from every intake (the first one in
        # the chosen period is the one whose previous intake day lies before it)
        f"""{insert}
        WITH {intakes},
        s AS (
            SELECT x.*, {days} AS days
            FROM x JOIN plan_version pv ON pv.household_id = x.household_id AND pv.number = 1
        )
        SELECT 'plan', CASE WHEN tk.k = 0 THEN 0 ELSE s.team_id END, s.day,
               CASE WHEN s.days >= 0 AND s.days < 15 THEN '0-14'
                    WHEN s.days >= 15 AND s.days < 43 THEN '15-42'
                    WHEN s.days >= 43 THEN '43+' ELSE '' END,
               '', s.prev_day, NULL, NULL, count(*), 0, 0, 0, 0, sum(s.days)
        FROM s JOIN tk ON tk.k = 0 OR s.team_id IS NOT NULL
        GROUP BY CASE WHEN tk.k = 0 THEN 0 ELSE s.team_id END, s.day,
                 CASE WHEN s.days >= 0 AND s.days < 15 THEN '0-14'
                      WHEN s.days >= 15 AND s.days < 43 THEN '15-42'
                      WHEN s.days >= 43 THEN '43+' ELSE '' END,
                 s.prev_day""",  # noqa: S608
        # costs per regime; a household counts once per regime (its previous priced day)
        f"""{insert}
        WITH {intakes},
        c AS ({costs}),
        cx AS (
            SELECT c.regime, c.cents, x.day, x.team_id,
                   LAG(x.day) OVER (PARTITION BY c.household_id, c.regime
                                    ORDER BY x.day, c.outcome_id) AS prev_day
            FROM c JOIN x ON x.id = c.intake_id
        )
        SELECT 'cost', CASE WHEN tk.k = 0 THEN 0 ELSE cx.team_id END, cx.day, cx.regime, '',
               cx.prev_day, NULL, NULL, count(*), 0, 0, 0, sum(cx.cents), 0
        FROM cx JOIN tk ON tk.k = 0 OR cx.team_id IS NOT NULL
        GROUP BY CASE WHEN tk.k = 0 THEN 0 ELSE cx.team_id END, cx.day, cx.regime,
                 cx.prev_day""",  # noqa: S608
        # households per contact person (active assignments)
        f"""{insert}
        WITH a AS (SELECT staff_id, team_id FROM contact_assignment WHERE ended_at IS NULL),
        tk (k) AS (SELECT 0 UNION ALL SELECT 1)
        SELECT 'workload', CASE WHEN tk.k = 0 THEN 0 ELSE a.team_id END, NULL, '', '', NULL,
               NULL, a.staff_id, count(*), 0, 0, 0, 0, 0
        FROM a JOIN tk ON tk.k = 0 OR a.team_id IS NOT NULL
        GROUP BY CASE WHEN tk.k = 0 THEN 0 ELSE a.team_id END, a.staff_id""",  # noqa: S608
        # how many contact persons carry how many households
        f"""{insert}
        WITH a AS (SELECT staff_id, team_id FROM contact_assignment WHERE ended_at IS NULL),
        tk (k) AS (SELECT 0 UNION ALL SELECT 1),
        p AS (
            SELECT CASE WHEN tk.k = 0 THEN 0 ELSE a.team_id END AS team_key, a.staff_id,
                   count(*) AS n
            FROM a JOIN tk ON tk.k = 0 OR a.team_id IS NOT NULL
            GROUP BY CASE WHEN tk.k = 0 THEN 0 ELSE a.team_id END, a.staff_id
        ),
        b AS (
            SELECT team_key, CASE WHEN n <= 25 THEN '1-25' WHEN n <= 50 THEN '26-50'
                                  WHEN n <= 100 THEN '51-100' WHEN n <= 200 THEN '101-200'
                                  ELSE '201+' END AS bucket
            FROM p
        )
        SELECT 'workload_spread', team_key, NULL, bucket, '', NULL, NULL, NULL, count(*),
               0, 0, 0, 0, 0
        FROM b GROUP BY team_key, bucket""",  # noqa: S608
        # escalations to the ontschotter by the day raised: open or decided, days to the
        # breakthrough (a histogram, so the median is exact)
        f"""{insert}
        WITH {escalation_team}
        SELECT 'escalation', {e_team_key}, e.day, {decided}, '', NULL, NULL,
               e.days_to_breakthrough, count(*), 0, 0, 0, 0, 0
        FROM e {e_team_join}
        GROUP BY {e_team_key}, e.day, {decided}, e.days_to_breakthrough""",  # noqa: S608
        # escalations per side of a schot (an escalation counts once per side)
        f"""{insert}
        WITH {escalation_team},
        s AS (
            SELECT escalation_id, side_a AS side FROM escalation_barrier
            UNION
            SELECT escalation_id, side_b FROM escalation_barrier
        )
        SELECT 'schot', {e_team_key}, e.day, s.side, {decided}, NULL, NULL, NULL, count(*),
               0, 0, 0, 0, 0
        FROM s JOIN e ON e.id = s.escalation_id {e_team_join}
        GROUP BY {e_team_key}, e.day, s.side, {decided}""",  # noqa: S608
    ]


def refresh() -> float:
    """Recompute the whole rollup in one transaction; returns the seconds it took."""
    started = _time.perf_counter()
    session = db.session
    if _postgres():  # one refresh at a time; readers keep reading the old rows meanwhile
        session.execute(text("LOCK TABLE figures_refresh IN SHARE ROW EXCLUSIVE MODE"))
        session.execute(text("SET LOCAL work_mem = '128MB'"))
    for statement in _statements():
        # only our own fixed SQL: no value from a request or a user is pasted into it
        session.execute(text(statement))
    seconds = _time.perf_counter() - started
    row = session.get(FiguresRefresh, 1)
    if row is None:
        row = FiguresRefresh(id=1)
        session.add(row)
    row.refreshed_at, row.seconds = clock.now(), seconds
    session.commit()
    if _postgres():
        with db.engine.connect() as connection:  # fresh statistics for the page's plans
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("ANALYZE figures_rollup")
            )
    return seconds


def last_refresh() -> FiguresRefresh | None:
    return db.session.get(FiguresRefresh, 1)


EMBEDDED_EVERY = 300.0
_embedded = {"at": 0.0}


def refresh_if_stale() -> None:
    """Without a broker (`make run`): the app's thread refreshes at most every 5 minutes."""
    if _embedded["at"] and _time.monotonic() - _embedded["at"] < EMBEDDED_EVERY:
        return
    _embedded["at"] = _time.monotonic()
    refresh()
