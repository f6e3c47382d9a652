"""The Celery app of the hand-off workers (production and CI): Redis as broker.

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 celery -A portal.handoff.worker worker --beat

Tasks run inside a Flask app context made once per worker process. `acks_late` with
`reject_on_worker_lost`: a task whose worker dies is delivered again; the outbox lease and the
idempotent delivery make that safe. Beat runs the sweep (every due row, so nothing waits on a
lost message) and the status read-back.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_ready

from portal import create_app

flask_app = create_app()
celery = Celery(
    "eenloket",
    broker=flask_app.config.get("CELERY_BROKER_URL") or os.environ.get("CELERY_BROKER_URL"),
)
celery.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    beat_schedule={
        "handoff-sweep": {"task": "handoff.sweep", "schedule": 30.0},
        "handoff-statuses": {"task": "handoff.read_statuses", "schedule": 300.0},
    },
)
app = celery  # `celery -A portal.handoff.worker` finds `app`


@celery.task(name="handoff.deliver")
def deliver(handoff_id: int) -> str:
    from portal.handoff.process import deliver_one

    with flask_app.app_context():
        return deliver_one(handoff_id)


@celery.task(name="handoff.sweep")
def sweep() -> dict:
    from portal.handoff.process import deliver_due

    with flask_app.app_context():
        return deliver_due()


@celery.task(name="handoff.read_statuses")
def read_statuses() -> int:
    from portal.handoff import statuses

    with flask_app.app_context():
        return statuses.read_all()


@worker_ready.connect
def _check_configuration(**_kwargs) -> None:
    """At worker start: check every regime's zaaktype against the Catalogi API (the admin page
    shows the result), then deliver what waited while no worker ran."""
    from portal.handoff import config_check
    from portal.handoff.process import deliver_due

    with flask_app.app_context():
        config_check.check_all()
        deliver_due()
