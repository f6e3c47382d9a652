"""Issue #14, fault test: the app process is killed (SIGKILL, by its PID) while a resident's
intake is being submitted, and started again on the same database. The intake is stored exactly
once, and the resident's answers are not lost: after the restart they send again from the same
browser and get one intake, with their answers.

Two moments: mid-transaction (the intake written but not committed) and between the commit and
the answer (stored, but the browser never heard). A real server process (werkzeug's threaded
server, tests/faults/server.py) and a real browser's view (cookies, CSRF tokens from the pages,
bench/submission_load.py's Browser)."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.models import Intake

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench" / "submission_load.py"
# how long a submit may be "in progress" before it counts as crashed (INTAKE_SUBMIT_STALE_SECONDS,
# 120 s in production): short here, so the test does not wait two minutes
STALE_SECONDS = 2


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("submission_load_faults", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


class Server:
    """tests/faults/server.py in a subprocess; `kill()` sends SIGKILL to its PID."""

    def __init__(self, settings: dict, pause: str = ""):
        command = [sys.executable, "-m", "tests.faults.server", json.dumps(settings)]
        self.process = subprocess.Popen(  # noqa: S603  (our own server, fixed arguments)
            [*command, pause] if pause else command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        assert line.startswith("PORT "), f"the server did not start: {line!r}"
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"

    def wait_for(self, marker: str, timeout: float = 30) -> None:
        found: list[str] = []
        reader = threading.Thread(target=lambda: found.append(self.process.stdout.readline()))
        reader.start()
        reader.join(timeout)
        assert found and found[0].startswith(marker), f"no {marker!r} from the server: {found}"

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        assert self.process.returncode == -signal.SIGKILL

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


def fill_in_until_the_check_page(bench, browser, household):
    """The resident's journey up to the check page (the load benchmark's walk, without the
    submit): the same pages a real resident goes through."""
    return bench.walk_to_check(browser, household, random.Random(14))


def submit_in_the_background(bench, browser, page) -> threading.Thread:
    """Press 'versturen' on the check page; the answer may never come (the server dies)."""
    token = bench.SUBMIT_TOKEN.search(page.body).group(1)
    data = {"submit_token": token, **bench._csrf(page)}

    def press():
        # the connection dies with the server, as a browser would see it
        with contextlib.suppress(OSError):
            browser.post("/aanvraag/versturen", data, kind="submit")

    thread = threading.Thread(target=press, daemon=True)
    thread.start()
    return thread


def intakes(app) -> list[Intake]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Intake)).all()
        db.session.expunge_all()
        return rows


@pytest.mark.parametrize("moment", ["before_commit", "after_commit"])
def test_killed_mid_submit_the_intake_is_stored_once_and_nothing_is_lost(
    bench, app, migrated, moment
):
    # `app` empties the tables afterwards; the server processes share its database
    settings = {
        "ENV_MODE": "test",
        "SECRET_KEY": "fault-test-secret-key-that-is-long-enough-0123",  # one key: cookies survive
        "WTF_CSRF_ENABLED": True,
        "HANDOFF_EMBEDDED_WORKER": False,
        "INTAKE_SUBMIT_STALE_SECONDS": STALE_SECONDS,
        **migrated,
    }
    household = bench.HOUSEHOLDS[1]  # the family: four people, several pages each
    first = Server(settings, pause=moment)
    second = None
    try:
        browser = bench.Browser(first.url, timeout=60)
        check, people = fill_in_until_the_check_page(bench, browser, household)
        pressed = submit_in_the_background(bench, browser, check)
        first.wait_for(f"PAUSED {moment}")
        first.kill()  # SIGKILL by PID: no clean-up, no rollback by the app
        pressed.join(30)
        stored = intakes(app)
        assert len(stored) == (0 if moment == "before_commit" else 1)

        second = Server(settings)  # the same database, the same secret key
        browser.close()
        browser.base_url = second.url
        browser.host, browser.port = "127.0.0.1", int(second.url.rsplit(":", 1)[1])
        if moment == "before_commit":
            # the crashed submit counts as crashed once it is older than any real one can be
            time.sleep(STALE_SECONDS + 0.5)
        # the resident opens the confirmation (the page the submit leads to) from the same browser
        answer = browser.get("/aanvraag/bevestiging")
        if moment == "before_commit":
            # nothing was stored: back to the check page, with their answers and a message
            assert answer.status == 303 and answer.location.endswith("/aanvraag/controleren")
            again = bench._expect(browser.get(answer.location), 200, "check page after restart")
            assert people[0]["given_name"] in again.body  # the answers are all still there
            assert "niet aangekomen" in again.body
            token = bench.SUBMIT_TOKEN.search(again.body).group(1)
            sent = browser.post(
                "/aanvraag/versturen", {"submit_token": token, **bench._csrf(again)}
            )
            assert sent.status == 303 and sent.location.endswith("/aanvraag/bevestiging")
            answer = browser.get("/aanvraag/bevestiging")
        assert answer.status == 200
        reference = bench.REFERENCE.search(answer.body).group(0)
        # pressing 'versturen' again (the old page, still open) stores nothing new
        token = bench.SUBMIT_TOKEN.search(check.body).group(1)
        repeat = browser.post("/aanvraag/versturen", {"submit_token": token, **bench._csrf(check)})
        assert repeat.status == 303 and repeat.location.endswith("/aanvraag/bevestiging")
        stored = intakes(app)
        assert [i.reference for i in stored] == [reference]  # exactly once
        names = [m["given_name"] for m in stored[0].answers["members"]]
        assert names == [p["given_name"] for p in people]  # nothing lost
    finally:
        first.stop()
        if second is not None:
            second.stop()
