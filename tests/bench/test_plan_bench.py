"""The plan benchmark (bench/plan_docx_bench.py) still runs: it renders the largest household
with docx_bytes and the same text with bare python-docx, and both documents read back the same.
No timing is asserted; speed is measured by the benchmark itself."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "plan_docx_bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("plan_docx_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_both_sides_write_the_same_largest_plan(bench):
    result = bench.run(n=2, warmup=0)

    assert result["same_content"] is True
    assert result["tables"] == 13  # members, network, scores, goals, agreements, 6 regimes, …
    assert result["table_rows"] >= 1 + 9 + 1 + 40 + 6 + 1 + 20
    assert result["paragraphs"] > 100
    assert result["ours_median"] > 0 and result["bare_median"] > 0


def test_prints_both_timings_and_the_ratio(bench, capsys):
    assert bench.main(["--n", "2", "--warmup", "0"]) == 0
    out = capsys.readouterr().out
    assert "docx_bytes" in out and "bare python-docx" in out
    assert "ratio" in out and "median" in out and "p95" in out
