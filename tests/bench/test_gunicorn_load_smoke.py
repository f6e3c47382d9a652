"""The production-shape load run (issue #14) still works, in CI size: gunicorn with gthread
workers in a subprocess, 20 residents walking the whole form again and again for 5 seconds,
with CSRF on; no error, and every confirmed journey stored exactly once. Speed is not asserted
(the full run is `make bench-load-production`: 200 residents, 60 s, PostgreSQL)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import TEST_DATABASE_URL

BENCH = Path(__file__).resolve().parents[2] / "bench" / "submission_load.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("submission_load_gunicorn", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_twenty_residents_for_five_seconds_on_gunicorn_are_each_stored_once(bench, capsys):
    pytest.importorskip("gunicorn")
    arguments = ["--server", "gunicorn", "--residents", "20", "--duration", "5"]
    arguments += ["--hello", "2", "--warmup", "0", "--database", TEST_DATABASE_URL or "sqlite"]
    assert bench.main(arguments) == 0  # 0: no resident failed and each intake stored once
    out = capsys.readouterr().out
    assert "gunicorn, 2 gthread workers" in out
    assert "exactly one intake per resident (none lost, none twice): yes" in out
    assert "residents failed" not in out
