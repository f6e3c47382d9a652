"""The load benchmark (bench/submission_load.py) still walks the whole form: two residents,
through a real threaded server with CSRF on, each stored exactly once. No timing is asserted;
speed is measured by the benchmark itself."""

from __future__ import annotations

import importlib.util
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from portal.extensions import db
from portal.models import Intake

BENCH = Path(__file__).resolve().parents[2] / "bench" / "submission_load.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("submission_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_two_residents_walk_the_form_and_are_stored_once(bench, app, migrated):
    # `app` empties the tables afterwards; this app shares its database, with CSRF on.
    served = bench.build_app(
        {
            "ENV_MODE": "test",
            "TESTING": True,
            "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
            "WTF_CSRF_ENABLED": True,
            **migrated,
        }
    )
    server = make_server("127.0.0.1", 0, served, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        run = bench.run_journeys(f"http://127.0.0.1:{server.server_port}", 2, hello=1)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

    assert run.errors == []
    assert all(run.references) and len(set(run.references)) == 2
    assert {t.kind for t in run.timings} >= {"hello", "page", "submit", "confirmation"}
    with app.app_context():
        stored = db.session.scalars(sa.select(Intake.reference)).all()
    assert sorted(stored) == sorted(run.references)
