"""A real Celery worker process on the project's queue, for the tests that deliver through
Redis (the hand-off and the messages): started with our own fixed arguments, ready when its
log says so."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_worker(env: dict, queue: str, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603  (our own worker, fixed arguments)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal.handoff.worker",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):
        if "ready." in log.read_text() or process.poll() is not None:
            break
        time.sleep(0.1)
    assert "ready." in log.read_text(), log.read_text()[-3000:]
    return process
