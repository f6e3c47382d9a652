"""The insight benchmarks (issue #18) run in a quick mode: the what-if over ~200 stored intakes
(SQLite, or the suite's PostgreSQL), and the figures page at two tiny sizes on PostgreSQL. No
ratio is asserted here: speed is for the full `make bench-whatif` / `make bench-dashboard`."""

from __future__ import annotations

import pytest

from tests.bench.test_every_bench_runs import TEST_DATABASE_URL, run_script


def test_the_whatif_benchmark_runs_in_quick_mode():
    database = TEST_DATABASE_URL if TEST_DATABASE_URL.startswith("postgresql") else "sqlite"
    out = run_script(
        "bench/whatif_bench.py", "--database", database, "--intakes", "200", "--distinct", "50"
    )
    assert "intakes: 200 stored" in out
    assert "what-if: done, 200 intakes" in out
    assert "ratio what-if / engine:" in out


@pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"),
    reason="the figures benchmark measures PostgreSQL; the PostgreSQL run of the suite covers it",
)
def test_the_dashboard_benchmark_runs_on_postgresql():
    out = run_script(
        "bench/dashboard_bench.py",
        "--database",
        TEST_DATABASE_URL,
        "--sizes",
        "30,60",
        "--repeat",
        "2",
        "--caseload",
        "10",
    )
    assert "households: generated" in out
    assert "figures page p95 ratio" in out
    assert "full refresh of the rollup" in out
