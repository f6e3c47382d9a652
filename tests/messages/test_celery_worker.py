"""Issue #19: a real Celery worker on the Redis at 127.0.0.1:6379 (the hand-off's workers,
`celery -A portal.handoff.worker`) sends the intake-received mail to the real SMTP server."""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from pathlib import Path

import pytest
import redis
from sqlalchemy import select

from portal.extensions import db
from portal.messages.models import SENT, Message
from tests.celery_worker import start_worker
from tests.handoff.test_celery_worker import REDIS_URL, _database_url
from tests.residents.conftest import family, submit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broker():
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("EENLOKET_REQUIRE_SERVICES"):
            pytest.fail("Redis on 127.0.0.1:6379 is needed for the worker tests")
        pytest.skip("no Redis on 127.0.0.1:6379")
    queue = f"messages-test-{secrets.token_hex(4)}"
    yield {"CELERY_BROKER_URL": REDIS_URL, "HANDOFF_QUEUE": queue}
    redis.Redis.from_url(REDIS_URL).delete(queue)


def _start_worker(app, broker: dict, smtp, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(app),
        "CELERY_BROKER_URL": broker["CELERY_BROKER_URL"],
        "HANDOFF_QUEUE": broker["HANDOFF_QUEUE"],
        "HANDOFF_SWEEP_ON_START": "0",  # only the task the commit queued may send it
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp.port),
        "SMTP_TLS": "none",
        "SMTP_FROM": "gemeente@voorbeeld.example",
    }
    process = start_worker(env, broker["HANDOFF_QUEUE"], log)
    return process


def test_a_worker_on_redis_sends_the_intake_received_mail(
    mail_app, smtp, world, clock, broker, tmp_path
):
    mail_app.config.update(broker)
    log = tmp_path / "worker.log"
    worker = _start_worker(mail_app, broker, smtp, log)
    try:
        _, reference = submit(mail_app, family())  # the commit hands the row to Redis
        for _ in range(300):
            if smtp.received:
                break
            time.sleep(0.1)
        assert smtp.received, log.read_text()[-3000:]
        for _ in range(100):  # the worker records it after the server accepted it
            with mail_app.app_context():
                states = [m.state for m in db.session.scalars(select(Message))]
                db.session.expunge_all()
            if states == [SENT]:
                break
            time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(10)
    assert states == [SENT]
    assert "messages.send" in log.read_text()
    assert smtp.recipients() == ["anouk.devries@example.com"]
    assert reference in smtp.texts()[0]
