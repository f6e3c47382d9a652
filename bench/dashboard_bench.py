"""Benchmark the management figures page (issue #18) on PostgreSQL at 1,000 and 1,000,000
households: p50/p95 of the whole page (/medewerkers/beleid/cijfers) and its CSV, the ratio of
the p95s (largest / smallest size), and the time of a full refresh of the figures' rollup (the
page reads only the rollup: portal/insight/figures_rollup.py).

    .venv/bin/python bench/dashboard_bench.py [--database URL] [--sizes 1000,1000000]
                                              [--repeat 20]

What it does, in one run:
1. per size a fresh schema in the PostgreSQL database at URL, migrated with Alembic; filled with
   the caseload benchmark's bulk SQL (bench/caseload_bench.py: staff, teams, households, one
   intake each over 330 days, three outcome rows each, contact assignments; not its
   `household_due` summary, which the figures do not read), then, also in bulk SQL: channels
   (online / front desk / partner API), a decision for a third of the outcomes (half of them
   late), a plan with one priced outcome and a first issued version for half of the
   households, an escalation for one household in a hundred (two thirds decided) with a schot;
   ANALYZE; then one full refresh of the rollup, timed; a CHECKPOINT before timing the pages;
   the schemas are dropped at the end;
2. logs in as a team lead (password + TOTP) and asks the page without filters, with a period of
   three months and with one team, and the CSV, `--repeat` times each; the sizes take turns
   request by request, so load from other work on the machine falls on every size alike;
3. prints p50/p95 per page and size, the ratio of the p95s, the SQL statements per page, and
   the rollup's refresh time and rows per size.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import caseload_bench as caseload  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from portal import database  # noqa: E402
from portal.extensions import db  # noqa: E402

PAGES = {
    "all": "/medewerkers/beleid/cijfers",
    "quarter": "/medewerkers/beleid/cijfers?period_from-day=1&period_from-month=4"
    "&period_from-year=2026&period_to-day=30&period_to-month=6&period_to-year=2026",
    "team": "/medewerkers/beleid/cijfers?team=1",
    "csv": "/medewerkers/beleid/cijfers.csv",
}

EXTRA = """
UPDATE intake SET channel = (ARRAY['online', 'online', 'front_desk', 'api'])[1 + id % 4]
WHERE id BETWEEN CAST(:first AS integer) AND CAST(:last AS integer);

INSERT INTO household_outcome_status_change (outcome_id, from_status, to_status, changed_at)
SELECT o.id, 'in_onderzoek', 'granted',
       o.started_on + CASE WHEN o.id % 2 = 0 THEN 10 ELSE 60 END + time '12:00'
FROM household_outcome o
WHERE o.household_id BETWEEN CAST(:first AS integer) AND CAST(:last AS integer)
  AND o.id % 3 = 0;

UPDATE household_outcome SET status = 'granted'
WHERE household_id BETWEEN CAST(:first AS integer) AND CAST(:last AS integer) AND id % 3 = 0;

INSERT INTO plan (id, household_id, created_at, updated_at, revision, own_words,
                  wants_to_achieve, question_history, network, domains, strengths,
                  own_contribution, agreements, reasoning, costs)
SELECT f.household_id, f.household_id, now(), now(), 1, '', '', '[]', '[]', '{}', '', '', '[]',
       '[]', json_build_object(f.first_id::text,
                               json_build_object('cents', 5000 + (f.household_id % 20) * 1000,
                                                 'note', ''))
FROM (SELECT household_id, min(id) AS first_id FROM household_outcome
      WHERE household_id BETWEEN CAST(:first AS integer) AND CAST(:last AS integer)
        AND household_id % 2 = 0
      GROUP BY household_id) AS f;

INSERT INTO plan_version (plan_id, household_id, number, issued_at, snapshot)
SELECT h, h, 1, timestamptz '2026-01-01 10:00+01' + ((h % 330 + 5 + h % 50) || ' days')::interval,
       '{}'
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS h
WHERE h % 2 = 0;

INSERT INTO escalation (household_id, raised_at, raised_on, target_on, need, tried, status,
                        days_to_breakthrough, version)
SELECT h, timestamptz '2026-01-01 10:00+01' + ((h % 330 + 3) || ' days')::interval,
       date '2026-01-01' + h % 330 + 3, date '2026-01-01' + h % 330 + 24, 'Hulp', 'Gebeld',
       CASE WHEN h % 3 = 0 THEN 'raised' ELSE 'decided' END,
       CASE WHEN h % 3 = 0 THEN NULL ELSE 5 + h % 40 END, 0
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS h
WHERE h % 100 = 7;

INSERT INTO escalation_barrier (escalation_id, side_a, side_b)
SELECT id, 'wmo', (ARRAY['zvw', 'wlz', 'schuldhulp'])[1 + id % 3]
FROM escalation
WHERE household_id BETWEEN CAST(:first AS integer) AND CAST(:last AS integer);
"""


def fill_caseload(connection, first: int, last: int, caseload_size: int) -> None:
    """The caseload benchmark's fill without its `household_due` summary (the figures never
    read it, and at 1,000,000 households it is the slowest step)."""
    caseload.fill(connection, first, last, caseload_size, 0, 5, skip=("household_due",))


def fill_extra(connection, first: int, last: int) -> None:
    for statement in EXTRA.split(";\n"):
        if statement.strip():
            started = time.perf_counter()
            connection.execute(sa.text(statement), {"first": first, "last": last})
            words = statement.split()
            what = words[2] if words[0] == "INSERT" else f"{words[1]} (update)"
            print(f"  {what:<20} {time.perf_counter() - started:6.1f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=caseload.DEFAULT_URL)
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--caseload", type=int, default=200)
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))

    admin = sa.create_engine(args.database)
    sites = [caseload.Site(args.database, size) for size in sizes]
    refreshes: dict[int, tuple[float, int]] = {}
    try:
        for site in sites:
            with admin.begin() as connection:
                connection.exec_driver_sql(f'CREATE SCHEMA "{site.schema}"')
            database.upgrade(site.app)
            started = time.perf_counter()
            with site.app.app_context(), db.engine.begin() as connection:
                fill_caseload(connection, 1, site.size, args.caseload)
                fill_extra(connection, 1, site.size)
                connection.exec_driver_sql(
                    "SELECT setval(pg_get_serial_sequence('plan', 'id'), "
                    "(SELECT coalesce(max(id), 1) FROM plan))"
                )
                connection.exec_driver_sql("ANALYZE")
            print(
                f"{site.size:>9,} households: generated in {time.perf_counter() - started:.1f} s "
                f"(load average {os.getloadavg()[0]:.2f})",
                flush=True,
            )
            refreshes[site.size] = refresh(site)
            caseload.log_in(site.app, site.client)
        with contextlib.suppress(sa.exc.DBAPIError), admin.begin() as connection:
            connection.exec_driver_sql("CHECKPOINT")
        results = measure(sites, args.repeat)
        report(results, sizes)
        print("\nfull refresh of the rollup (set-based SQL, one transaction):")
        for size, (seconds, rows) in refreshes.items():
            print(f"  {size:>9,} households: {seconds:8.1f} s, {rows:,} rollup rows")
        slowest(sites[-1])
        print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 vCPU shared with other work)")
    finally:
        with admin.begin() as connection:
            for site in sites:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{site.schema}" CASCADE')
        admin.dispose()
    return 0


def refresh(site) -> tuple[float, int]:
    """One full refresh of the figures' rollup: (seconds, rows)."""
    from portal.insight import figures_rollup

    with site.app.app_context():
        started = time.perf_counter()
        figures_rollup.refresh()
        seconds = time.perf_counter() - started
        rows = db.session.scalar(sa.text("SELECT count(*) FROM figures_rollup"))
        db.session.commit()
    print(f"  rollup refresh       {seconds:6.1f} s ({rows:,} rows)", flush=True)
    return seconds, rows


def measure(sites, repeat: int) -> dict:
    results: dict[int, dict] = {site.size: {} for site in sites}
    for name, path in PAGES.items():
        for site in sites:  # warm: templates, caches, connections
            site.client.get(path)
        times: dict[int, list[float]] = {site.size: [] for site in sites}
        statements: dict[int, int] = {}
        for _ in range(repeat):
            for site in sites:
                elapsed, count, _html = site.timed_get(path)
                times[site.size].append(elapsed)
                statements[site.size] = count
        for site in sites:
            series = times[site.size]
            p95 = statistics.quantiles(series, n=20)[18] if len(series) > 1 else series[0]
            results[site.size][name] = (statistics.median(series), p95, statements[site.size])
    return results


def slowest(site) -> None:
    """Where the time of one page goes at the largest size: each SQL statement's time."""
    timings: list[tuple[float, str]] = []

    def before(conn, cursor, statement, *args):
        conn.info["insight_started"] = time.perf_counter()

    def after(conn, cursor, statement, *args):
        started = conn.info.pop("insight_started", None)
        if started is not None:
            timings.append((1000 * (time.perf_counter() - started), " ".join(statement.split())))

    sa.event.listen(site.engine, "before_cursor_execute", before)
    sa.event.listen(site.engine, "after_cursor_execute", after)
    site.client.get(PAGES["all"])
    sa.event.remove(site.engine, "before_cursor_execute", before)
    sa.event.remove(site.engine, "after_cursor_execute", after)
    print(f"\nSQL of one figures page at {site.size:,} households (ms, statement):")
    for ms, statement in sorted(timings, reverse=True)[:8]:
        print(f"  {ms:8.1f}  {statement[:110]}")


def report(results: dict, sizes: list[int]) -> None:
    small, large = sizes[0], sizes[-1]
    print(
        f"\n{'page':<8} "
        + " ".join(f"{f'p50/p95 ms @{s:,}':>24}" for s in sizes)
        + f" {'p95 ratio':>10} {'SQL/page':>9}"
    )
    ratios = []
    for name in PAGES:
        cells = [f"{results[s][name][0]:9.1f} / {results[s][name][1]:8.1f}" for s in sizes]
        ratio = results[large][name][1] / results[small][name][1]
        ratios.append(ratio)
        print(
            f"{name:<8} " + " ".join(f"{c:>24}" for c in cells) + f" {ratio:10.1f} "
            f"{results[large][name][2]:9d}"
        )
    print(f"\nfigures page p95 ratio {large:,} / {small:,} households: max {max(ratios):.1f}")


if __name__ == "__main__":
    sys.exit(main())
