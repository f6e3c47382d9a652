"""Benchmark the hand-off (issue #15), in one run:

    .venv/bin/python bench/handoff_bench.py [--n 200] [--workers 2] [--database sqlite|URL]

1. **What the outbox adds to a submission.** The same intakes are submitted (evaluate, store,
   commit) alternately with the hand-off off and on (on: the outbox row in the transaction and
   the hand-over to Redis after the commit, as in production; no worker runs during this part).
   Prints p50/p95 of both and the ratio of the p95s (goal: at most 1.05).
2. **Hand-offs per second through the queue.** The rows written in part 1 are delivered by
   `--workers` real Celery workers on the Redis at 127.0.0.1:6379 (database 0, or
   `BENCH_REDIS_URL`) to the fake ZGW server of the
   tests (which checks every request against the official OpenAPI files); timed from the first
   send until every row is delivered. Without Redis, the in-process sweep delivers them instead.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bench.submission_load import database  # noqa: E402
from portal import create_app  # noqa: E402
from portal import database as migrations  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.handoff.models import DELIVERED, Handoff, ZaaktypeMapping  # noqa: E402
from tests.handoff.test_celery_worker import Worker  # noqa: E402
from tests.residents.conftest import family  # noqa: E402
from tests.zgw.fake_server import FakeZGW  # noqa: E402

# BENCH_REDIS_URL: another Redis database, so runs side by side never share a broker database
REDIS_URL = os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/0"
GOAL = 1.05


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def submit_once(app, handoff_on: bool, zgw_settings: dict, off_settings: dict) -> float:
    from portal.services import intakes

    app.config.update(zgw_settings if handoff_on else off_settings)
    with app.app_context():
        start = time.perf_counter()
        intakes.submit(family(), verified_bsn=None)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="submissions with the hand-off on (200)")
    parser.add_argument("--workers", type=int, default=2, help="Celery workers (2)")
    parser.add_argument("--database", default="sqlite")
    args = parser.parse_args(argv)

    zgw = FakeZGW().start()
    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
        broker = {"CELERY_BROKER_URL": REDIS_URL, "HANDOFF_QUEUE": f"handoff-bench-{os.getpid()}"}
    except redis.RedisError:
        broker = {}
    with database(args.database) as db_settings:
        app = create_app(
            {
                "ENV_MODE": "test",
                "SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
                "HANDOFF_EMBEDDED_WORKER": False,
                **db_settings,
            }
        )
        migrations.upgrade(app)
        with app.app_context():
            for regime, url in zgw.catalogue.items():
                db.session.add(ZaaktypeMapping(regime=regime, zaaktype_url=url))
            db.session.commit()
        on = {**zgw.config(), **broker}
        off = {"ZGW_ZAKEN_API_ROOT": None, "CELERY_BROKER_URL": None}
        for _ in range(5):  # warm-up: imports, caches, the first connections
            submit_once(app, False, on, off)
        timings: dict[bool, list[float]] = {False: [], True: []}
        for i in range(2 * args.n):
            handoff_on = i % 2 == 1
            timings[handoff_on].append(submit_once(app, handoff_on, on, off))
        print(
            f"database: {'SQLite (temporary file)' if args.database == 'sqlite' else 'PostgreSQL'}"
        )
        print(f"submissions: {args.n} without and {args.n} with the hand-off, alternately")
        for label, values in (("without hand-off", timings[False]), ("with outbox", timings[True])):
            print(
                f"  {label:<17} p50 {statistics.median(values) * 1000:7.2f} ms   "
                f"p95 {percentile(values, 95) * 1000:7.2f} ms"
            )
        ratio = percentile(timings[True], 95) / percentile(timings[False], 95)
        middle = statistics.median(timings[True]) / statistics.median(timings[False])
        print(f"  submit p95 ratio (with / without): {ratio:.3f} (goal ≤ {GOAL})")
        print(f"  submit p50 ratio (with / without): {middle:.3f} (the steadier figure)")

        with app.app_context():
            pending = db.session.scalar(select(func.count(Handoff.id)))
        start = time.perf_counter()
        if broker:
            folder = Path(tempfile.mkdtemp(prefix="eenloket-handoff-bench-"))
            # what part 1 sent is dropped: the timed run sends every row once all workers run
            redis.Redis.from_url(REDIS_URL).delete(broker["HANDOFF_QUEUE"])
            workers = [
                Worker(app, broker, zgw, folder / f"w{k}.log", HANDOFF_SWEEP_ON_START="0")
                for k in range(args.workers)
            ]
            start = time.perf_counter()  # the workers' own start (a Flask app each) excluded
            from portal.handoff import tasks

            with app.app_context():
                ids = list(db.session.scalars(select(Handoff.id)))
            zgw.calls.clear()
            tasks.send(ids, broker)
            how = f"{args.workers} Celery worker(s) on Redis"
        else:
            workers = []
            how = "the in-process sweep (no Redis on 127.0.0.1:6379)"
            from portal.handoff.process import deliver_due

            zgw.calls.clear()
            with app.app_context():
                deliver_due(limit=pending)
        try:
            while True:
                with app.app_context():
                    done = db.session.scalar(
                        select(func.count(Handoff.id)).where(Handoff.state == DELIVERED)
                    )
                if done >= pending:
                    break
                time.sleep(0.05)
        finally:
            for worker in workers:
                worker.stop()
        seconds = time.perf_counter() - start
        zaken = len(zgw.all("zaken"))
        print(f"\ndelivery: {pending} hand-offs through {how} to the fake ZGW server")
        print(
            f"  {pending / seconds:.1f} hand-offs/s, {zaken / seconds:.1f} zaken/s "
            f"({seconds:.1f} s)"
        )
        calls = len(zgw.calls)
        print(
            f"  {calls} ZGW requests ({calls / max(pending, 1):.0f} per hand-off), "
            f"{calls / seconds:.0f}/s: the fake server checks each against the OpenAPI files "
            "(10-20 ms each, in one process), which bounds this figure"
        )
        print(f"  requests that broke the ZGW contract: {len(zgw.violations)}")
        identifications = [z["identificatie"] for z in zgw.all("zaken")]
        print(f"  duplicate zaken: {len(identifications) - len(set(identifications))}")
    if broker:
        redis.Redis.from_url(REDIS_URL).delete(broker["HANDOFF_QUEUE"])
    zgw.stop()
    return 0 if not zgw.violations else 1


if __name__ == "__main__":
    sys.exit(main())
