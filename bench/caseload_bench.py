"""Benchmark the caseload pages on PostgreSQL at 1,000 and 1,000,000 households: a contact
person's own caseload and a team lead's caseload of the whole team.

    .venv/bin/python bench/caseload_bench.py [--database URL] [--sizes 1000,1000000]
                                             [--repeat 40] [--caseload 200] [--team-size 5]

What it does, in one run:
1. makes a fresh schema per size in the PostgreSQL database at URL (default
   postgresql+psycopg://postgres@127.0.0.1:5432/test) and migrates it with Alembic exactly as
   production is; the schemas are dropped at the end (also after an error);
2. per size, fills the tables with bulk SQL (generate_series, never the ORM): staff members
   (one contact person per `--caseload` households), households, one intake each, three
   outcome rows per household (regimes, urgency, terms and statuses varied; due dates are
   started_on + 2/4/6 weeks, i.e. not Atw-corrected: the bench measures reading, not counting),
   one active contact assignment per household and the `household_due` summary computed from
   the outcome rows in SQL; teams of `--team-size` contact persons (a team's caseload is
   team size times caseload households at every database size: teams, not the municipality, grow
   with the data); then ANALYZE, and a CHECKPOINT before timing;
3. logs in as contact person 1, who also leads team 1 (password + TOTP, as a person does), and
   asks both pages through the Flask test client (`own`: /medewerkers/caseload, `team`:
   /medewerkers/caseload/team): the first page and a later page (the 5th, reached by its
   "next" link) for each filter (the team page also by contact person), `--repeat` times each.
   Each size has its own schema and app, and the sizes take turns request by request, so load
   from other work on the machine falls on every size alike;
4. prints p50/p95 per page and size, the ratio of the p95s (largest/smallest size; goal ≤ 1.3),
   the number of SQL queries per page (counted with a `before_cursor_execute` event; goal: a
   small constant) and the PostgreSQL plan of the first page at the largest size.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyotp  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from portal import create_app, database  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.staff import passwords  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PASSWORD = "een lange zin als wachtwoord voor de bench"  # noqa: S105  (a throwaway schema)
FILTERS = {
    "none": "",
    "urgent": "spoed=1",
    "overdue": "te_laat=1",
    "triage": "triage=multi_domain",
    "regime": "regeling=jeugdwet",
}
VIEWS = {"own": "/medewerkers/caseload", "team": "/medewerkers/caseload/team"}
TEAM_ONLY = {"contact": "contactpersoon=2"}  # the team page filtered by one contact person

FILL = """
INSERT INTO staff_member (id, email, display_name, roles, active, created_at, totp_confirmed,
                          session_generation)
SELECT s, 'contact' || s || '@bench.example', 'Contact ' || s,
       CASE WHEN s = 1 THEN 'contact_person,team_lead' ELSE 'contact_person' END, true, now(),
       true, 0
FROM generate_series(CAST(:first_staff AS integer), CAST(:last_staff AS integer)) AS s;

INSERT INTO team (id, name, is_fallback)
SELECT t, 'Team ' || t, false
FROM generate_series(1, 1 + (CAST(:last_staff AS integer) - 1) / CAST(:team_size AS integer))
     AS t;

INSERT INTO team_membership (staff_id, team_id, leads, available)
SELECT s, 1 + (s - 1) / CAST(:team_size AS integer), s = 1, true
FROM generate_series(CAST(:first_staff AS integer), CAST(:last_staff AS integer)) AS s;

INSERT INTO household (id, created_at, postcode, triage)
SELECT h, now(), lpad(((h::bigint * 7919) % 9000 + 1000)::text, 4, '0') || 'AB',
       (ARRAY['single_question', 'multi_domain', 'urgent', 'incomplete'])[1 + h % 4]
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS h;

INSERT INTO intake (id, reference, household_id, submitted_at, channel, schema_version, answers,
                    verordening_id, verordening_hash, evaluation, triage, question)
SELECT h, 'SD-2026-' || lpad(h::text, 7, '0'), h,
       timestamptz '2026-01-01 10:00+01' + ((h % 330) || ' days')::interval, 'online', '1',
       '{}', 'bench', repeat('0', 64), '{}',
       (ARRAY['single_question', 'multi_domain', 'urgent', 'incomplete'])[1 + h % 4], 'Vraag'
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS h;

INSERT INTO household_outcome (household_id, intake_id, member_id, rule_id, regime,
                               provision_id, provision_name, kind, urgency, deadline_id, status,
                               started_on, due_on, created_at)
SELECT h, h, 'm' || (k + 1), r.regime || '_' || k, r.regime, r.regime || '_voorziening',
       json_build_object('nl', 'Voorziening ' || r.regime, 'en', 'Provision ' || r.regime),
       'melding', CASE WHEN (h * 7 + k) % 23 = 0 THEN 'urgent' ELSE 'normal' END,
       CASE WHEN k = 2 AND h % 4 = 0 THEN NULL ELSE 'termijn_' || k END,
       CASE WHEN k = 0 AND h % 6 = 0 THEN 'granted'
            WHEN k = 1 AND h % 5 = 0 THEN 'in_onderzoek' ELSE 'new' END,
       date '2026-01-01' + h % 330,
       CASE WHEN k = 2 AND h % 4 = 0 THEN NULL ELSE date '2026-01-01' + h % 330 + 14 * (k + 1) END,
       now()
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS h
CROSS JOIN generate_series(0, 2) AS k
CROSS JOIN LATERAL (SELECT (ARRAY['wmo', 'jeugdwet', 'participatiewet', 'schuldhulp',
                                  'leerplicht'])[1 + (h + k * 2) % 5] AS regime) AS r;

INSERT INTO contact_assignment (household_id, staff_id, team_id, started_at)
SELECT h, 1 + (h - 1) / CAST(:caseload AS integer),
       1 + (h - 1) / CAST(:caseload AS integer) / CAST(:team_size AS integer), now()
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS h;

INSERT INTO household_due (household_id, next_due_on, due_sort, next_due_outcome_id, urgent,
                           postcode, triage, regimes, open_outcomes, latest_intake_id,
                           latest_reference, updated_at)
WITH firsts AS (
    SELECT DISTINCT ON (household_id) household_id, id, due_on
    FROM household_outcome
    WHERE household_id BETWEEN CAST(:first AS integer) AND CAST(:last AS integer)
      AND status IN ('new', 'in_onderzoek') AND due_on IS NOT NULL
    ORDER BY household_id, due_on, id
), totals AS (
    SELECT household_id,
           coalesce(bool_or(urgency = 'urgent' AND status IN ('new', 'in_onderzoek')), false)
               AS urgent,
           ',' || string_agg(DISTINCT regime, ',') FILTER (WHERE status <> 'closed') || ','
               AS regimes,
           count(*) FILTER (WHERE status IN ('new', 'in_onderzoek')) AS open_outcomes
    FROM household_outcome
    WHERE household_id BETWEEN CAST(:first AS integer) AND CAST(:last AS integer)
    GROUP BY household_id
)
SELECT t.household_id, f.due_on, coalesce(f.due_on, date '9999-12-31'), f.id, t.urgent,
       h.postcode, i.triage, t.regimes, t.open_outcomes, i.id, i.reference, now()
FROM totals t
JOIN intake i ON i.id = t.household_id
JOIN household h ON h.id = t.household_id
LEFT JOIN firsts f ON f.household_id = t.household_id;
"""


def fill(
    connection,
    first: int,
    last: int,
    caseload: int,
    staff_so_far: int,
    team_size: int,
    skip: tuple[str, ...] = (),
) -> int:
    """The rows in bulk SQL; `skip`: tables not to fill (the figures' bench needs no
    household_due, the slowest step at 1,000,000 households)."""
    last_staff = 1 + (last - 1) // caseload
    params = {
        "first": first,
        "last": last,
        "caseload": caseload,
        "team_size": team_size,
        "first_staff": staff_so_far + 1,
        "last_staff": last_staff,
    }
    connection.exec_driver_sql("SET LOCAL work_mem = '256MB'")
    try:  # skip foreign-key checks (the rows are consistent by construction); superuser only
        with connection.begin_nested():
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
    except sa.exc.DBAPIError:
        print("  (foreign keys checked per row: not a superuser)")
    for statement in FILL.split(";\n"):
        table = statement.split("INSERT INTO ")[1].split()[0] if statement.strip() else None
        if table and table not in skip:
            started = time.perf_counter()
            connection.execute(sa.text(statement), params)
            print(f"  {table:<20} {time.perf_counter() - started:6.1f} s", flush=True)
    for table in ("staff_member", "team", "household", "intake", "household_outcome"):
        # Table names from the tuple above, never from input.
        sql = (
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608
        )
        connection.exec_driver_sql(sql)
    return last_staff


def log_in(app, client) -> None:
    secret = pyotp.random_base32()
    with app.app_context():
        db.session.execute(
            sa.text("UPDATE staff_member SET password_hash = :h, totp_secret = :s WHERE id = 1"),
            {"h": passwords.hash_password(PASSWORD), "s": secret},
        )
        db.session.commit()
    response = client.post(
        "/medewerkers/inloggen", data={"email": "contact1@bench.example", "password": PASSWORD}
    )
    assert response.status_code == 303, response.status_code
    response = client.post("/medewerkers/code", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 303, response.get_data(as_text=True)[:300]


def next_link(html: str) -> str | None:
    found = re.search(r'href="([^"]*na=[^"]*)" rel="next"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def later_page(client, view: str, query: str, steps: int = 4) -> str | None:
    path = VIEWS[view] + (f"?{query}" if query else "")
    for _ in range(steps):
        link = next_link(client.get(path).get_data(as_text=True))
        if link is None:
            return None
        path = link
    return path


class Site:
    """One size: its own schema, app, logged-in client and SQL counters."""

    def __init__(self, database_url: str, size: int):
        self.size = size
        self.schema = f"bench_{secrets.token_hex(4)}"
        self.app = create_app(
            {
                "ENV_MODE": "test",
                "TESTING": True,
                "SECRET_KEY": secrets.token_hex(32),
                "WTF_CSRF_ENABLED": False,
                "SQLALCHEMY_DATABASE_URI": database_url,
                "SQLALCHEMY_ENGINE_OPTIONS": {
                    "connect_args": {"options": f"-csearch_path={self.schema}"}
                },
            }
        )
        with self.app.app_context():
            self.engine = db.engine
        self.client = self.app.test_client()
        self.statements: list[str] = []
        self.query_ms: list[float] = []
        sa.event.listen(self.engine, "before_cursor_execute", self._before)
        sa.event.listen(self.engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, *args):
        self.statements.append(statement)
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, cursor, statement, *args):
        if "household_due" in statement:
            self.query_ms.append((time.perf_counter() - conn.info.pop("bench_started")) * 1000)

    def timed_get(self, path: str) -> tuple[float, int, str]:
        """(ms, SQL statements, html) of one page."""
        self.statements.clear()
        started = time.perf_counter()
        response = self.client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        return elapsed, len(self.statements), response.get_data(as_text=True)


def measure(sites: list[Site], repeat: int) -> dict:
    """{size: {(view, filter, page): (p50, p95 ms, queries, rows, p95 ms of the page query)}}.

    The sizes take turns request by request, so a moment of load on the shared machine hits
    every size alike (measuring one size after the other mostly measures the machine)."""
    results: dict[int, dict] = {site.size: {} for site in sites}
    combinations = [(view, name, query) for view in VIEWS for name, query in FILTERS.items()]
    combinations += [("team", name, query) for name, query in TEAM_ONLY.items()]
    for view, name, query in combinations:
        first = VIEWS[view] + (f"?{query}" if query else "")
        for page in ("first", "5th"):
            paths = {
                site.size: first if page == "first" else later_page(site.client, view, query)
                for site in sites
            }
            if any(path is None for path in paths.values()):
                for site in sites:
                    results[site.size][(view, name, page)] = None
                continue
            for _ in range(max(3, repeat // 4)):  # warm: templates, caches, connections
                for site in sites:
                    site.client.get(paths[site.size])
            times: dict[int, list[float]] = {site.size: [] for site in sites}
            counts: dict[int, set[int]] = {site.size: set() for site in sites}
            for site in sites:
                site.query_ms.clear()
            html = {}
            for _ in range(repeat):
                for site in sites:
                    elapsed, statements, html[site.size] = site.timed_get(paths[site.size])
                    times[site.size].append(elapsed)
                    counts[site.size].add(statements)
            for site in sites:
                results[site.size][(view, name, page)] = (
                    statistics.median(times[site.size]),
                    statistics.quantiles(times[site.size], n=20)[18],
                    max(counts[site.size]),
                    html[site.size].count('href="/medewerkers/huishoudens/'),
                    statistics.quantiles(site.query_ms, n=20)[18],
                )
    return results


def explain(app, client, path: str) -> str:
    captured = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        if "household_due" in statement:
            captured.append((statement, parameters))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", grab)
    client.get(path)
    sa.event.remove(engine, "before_cursor_execute", grab)
    statement, parameters = captured[-1]
    with app.app_context(), db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            return "\n".join(row[0] for row in cursor.fetchall())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default=DEFAULT_URL)
    parser.add_argument("--sizes", default="1000,1000000")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--caseload", type=int, default=200)
    parser.add_argument("--team-size", type=int, default=5)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    admin = sa.create_engine(args.database)
    sites = [Site(args.database, size) for size in sizes]
    try:
        for site in sites:
            with admin.begin() as connection:
                connection.exec_driver_sql(f'CREATE SCHEMA "{site.schema}"')
            database.upgrade(site.app)
            started = time.perf_counter()
            with site.app.app_context(), db.engine.begin() as connection:
                fill(connection, 1, site.size, args.caseload, 0, args.team_size)
                connection.exec_driver_sql("ANALYZE")
            print(
                f"{site.size:>9,} households: generated in {time.perf_counter() - started:.1f} s "
                f"(load average {os.getloadavg()[0]:.2f})",
                flush=True,
            )
            log_in(site.app, site.client)
        with contextlib.suppress(sa.exc.DBAPIError), admin.begin() as connection:
            connection.exec_driver_sql("CHECKPOINT")  # the bulk writes are on disk before timing
        by_size = measure(sites, args.repeat)
        report(by_size, sizes)
        print(f"load average at the end: {os.getloadavg()[0]:.2f} (2 vCPU shared with other work)")
        for view, path in VIEWS.items():
            print(f"\nPlan of the first {view} page at {sizes[-1]:,} households:")
            print(explain(sites[-1].app, sites[-1].client, path))
    finally:
        with admin.begin() as connection:
            for site in sites:
                connection.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{site.schema}" CASCADE')
        admin.dispose()


def report(by_size: dict, sizes: list[int]) -> None:
    small, large = sizes[0], sizes[-1]
    print(
        f"\n{'view':<5} {'filter':<8} {'page':<6} "
        + " ".join(f"{f'p50/p95 ms @{s:,}':>22}" for s in sizes)
        + f" {'p95 ratio':>10} {'queries':>8} {'rows':>5}"
        + "".join(f" {f'SQL p95 @{s:,}':>18}" for s in sizes)
        + f" {'SQL ratio':>10}"
    )
    ratios, sql_ratios = [], []
    for key in by_size[small]:
        cells, figures = [], []
        for size in sizes:
            figure = by_size[size][key]
            figures.append(figure)
            cells.append(f"{figure[0]:8.1f} / {figure[1]:6.1f}" if figure else "—")
        if not all(figures):
            continue
        ratio = figures[-1][1] / figures[0][1]
        ratios.append(ratio)
        sql_ratio = figures[-1][4] / figures[0][4]
        sql_ratios.append(sql_ratio)
        queries = {f[2] for f in figures}
        print(
            f"{key[0]:<5} {key[1]:<8} {key[2]:<6} "
            + " ".join(f"{c:>22}" for c in cells)
            + f" {ratio:>10.2f} {'/'.join(map(str, sorted(queries))):>8} {figures[-1][3]:>5}"
            + "".join(f" {f[4]:>15.2f} ms" for f in figures)
            + f" {sql_ratio:>10.2f}"
        )
    print(
        f"\nratio of p95 {large:,}/{small:,}: max {max(ratios):.2f}, "
        f"median {statistics.median(ratios):.2f} (goal ≤ 1.3)"
    )
    print(
        f"ratio of the page query's p95 {large:,}/{small:,}: max {max(sql_ratios):.2f}, "
        f"median {statistics.median(sql_ratios):.2f}"
    )


if __name__ == "__main__":
    main()
