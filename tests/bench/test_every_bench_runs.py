"""Every benchmark still runs, in a quick mode (issue #16): small sizes, no ratio asserted.

`make bench-plan` once crashed on a fresh clone while the suite stayed green, because nothing ran
the benchmark scripts the way a person does. These run them as scripts, in a fresh interpreter,
and check that they print their figures. Speed itself is for the full `make bench*` runs.
(The plan and load benchmarks have their own quick tests beside this file.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")


def run_script(*args: str) -> str:
    result = subprocess.run(  # noqa: S603 (our own interpreter and files)
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def test_the_verordening_benchmark_runs_and_prints_evaluations_per_second():
    out = run_script("bench/verordening_bench.py", "--n", "40", "--before", "")
    assert "household evaluations/s" in out
    assert "intakes: 40" in out


def test_the_plan_benchmark_runs_as_a_script():
    out = run_script("bench/plan_docx_bench.py", "--n", "1", "--warmup", "0")
    assert "ratio" in out and "docx_bytes" in out


@pytest.mark.skipif(
    not TEST_DATABASE_URL.startswith("postgresql"),
    reason="the caseload benchmark measures PostgreSQL; the PostgreSQL run of the suite covers it",
)
def test_the_caseload_benchmark_runs_on_postgresql():
    out = run_script(
        "bench/caseload_bench.py",
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
    assert "p95" in out


def test_the_handoff_benchmark_runs_as_a_script():
    args = ["bench/handoff_bench.py", "--n", "3", "--workers", "1"]
    if TEST_DATABASE_URL.startswith("postgresql"):
        args += ["--database", TEST_DATABASE_URL]
    out = run_script(*args)
    assert "submit p95 ratio" in out and "hand-offs/s" in out
    assert "requests that broke the ZGW contract: 0" in out and "duplicate zaken: 0" in out
