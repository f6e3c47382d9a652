"""Issue #15: real Celery workers on the Redis at 127.0.0.1:6379 deliver the outbox, and a
worker killed after the ZGW server made a zaak, before it was recorded, leaves no duplicate:
the next worker finds the zaak by its identificatie and goes on."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from sqlalchemy import select

from portal.extensions import db
from portal.handoff.models import DELIVERED, Handoff
from tests.celery_worker import start_worker
from tests.conftest import TEST_DATABASE_URL
from tests.residents.conftest import family, submit

REDIS_URL = "redis://127.0.0.1:6379/0"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broker():
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("EENLOKET_REQUIRE_SERVICES"):
            pytest.fail("Redis on 127.0.0.1:6379 is needed for the worker tests")
        pytest.skip("no Redis on 127.0.0.1:6379")
    queue = f"handoff-test-{secrets.token_hex(4)}"
    yield {"CELERY_BROKER_URL": REDIS_URL, "HANDOFF_QUEUE": queue}
    redis.Redis.from_url(REDIS_URL).delete(queue)


def _database_url(app) -> str:
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if TEST_DATABASE_URL:
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"]
        return f"{url}?options={quote(options)}"
    return url


class Worker:
    def __init__(self, app, broker: dict, zgw, log: Path, **extra_env: str):
        env = {
            **os.environ,
            **extra_env,
            "DATABASE_URL": _database_url(app),
            "CELERY_BROKER_URL": broker["CELERY_BROKER_URL"],
            "HANDOFF_QUEUE": broker["HANDOFF_QUEUE"],
            "HANDOFF_LEASE_SECONDS": "2",
            "ZGW_ZAKEN_API_ROOT": zgw.roots["zaken"],
            "ZGW_CATALOGI_API_ROOT": zgw.roots["catalogi"],
            "ZGW_DOCUMENTEN_API_ROOT": zgw.roots["documenten"],
            "ZGW_RSIN": zgw.config()["ZGW_RSIN"],
            "ZGW_TIMEOUT_SECONDS": "5",
        }
        for api, client in zgw.config()["ZGW_CLIENTS"].items():
            env[f"ZGW_{api.upper()}_CLIENT_ID"] = client["client_id"]
            env[f"ZGW_{api.upper()}_SECRET"] = client["secret"]
        self.log = log
        self.process = start_worker(env, broker["HANDOFF_QUEUE"], log)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _wait_delivered(app, count: int = 1) -> list[Handoff]:
    for _ in range(300):
        with app.app_context():
            rows = db.session.scalars(select(Handoff)).all()
            db.session.expunge_all()
        if len(rows) == count and all(r.state == DELIVERED for r in rows):
            return rows
        if any(r.state == "failed" for r in rows):
            break
        time.sleep(0.1)
    raise AssertionError([(r.state, r.attempts, r.last_error) for r in rows])


def test_a_worker_on_redis_delivers_the_intake(app, zgw, world, clock, broker, tmp_path):
    app.config.update(broker)
    worker = Worker(app, broker, zgw, tmp_path / "worker.log")
    try:
        _, reference = submit(app, family())  # the commit hands the row to Redis
        _wait_delivered(app)
    finally:
        worker.stop()
    zaken = zgw.all("zaken")
    assert zaken and all(z["identificatie"].startswith(reference) for z in zaken)
    assert zgw.violations == []


def test_a_worker_killed_after_the_zaak_was_made_leaves_no_duplicate(
    app, zgw, world, clock, broker, tmp_path
):
    app.config.update(broker)
    first = Worker(app, broker, zgw, tmp_path / "first.log")
    killed = []

    def kill_the_worker(_zaak: dict) -> None:
        if not killed:  # the server made the zaak; the worker dies before it hears so
            killed.append(True)
            os.kill(first.process.pid, signal.SIGKILL)

    zgw.on_zaak_created = kill_the_worker
    try:
        submit(app, family())
        for _ in range(300):
            if first.process.poll() is not None:
                break
            time.sleep(0.1)
        assert killed and first.process.poll() is not None
        time.sleep(2.5)  # the dead worker's lease on the row runs out
        second = Worker(app, broker, zgw, tmp_path / "second.log")
        try:
            (row,) = _wait_delivered(app)
        finally:
            second.stop()
    finally:
        first.stop()
    identifications = [z["identificatie"] for z in zgw.all("zaken")]
    assert len(identifications) == len(set(identifications)), identifications
    assert row.attempts == 2
    assert zgw.violations == []
