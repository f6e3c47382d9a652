"""The hand-off's Celery tasks, on Redis (what Open Formulieren and Open Zaak use).

The web app only sends: `send(ids, config)` points the Celery app at the configured broker and
queue and hands each outbox id over. The workers (`portal/handoff/worker.py`) run the tasks in
a Flask app of their own. `acks_late` with `reject_on_worker_lost`: a task whose worker dies is
handed out again; the outbox lease and the idempotent delivery make that safe. Beat runs the
sweep (every due row, so nothing waits on a lost message) and the status read-back.
"""

from __future__ import annotations

from celery import Celery

celery = Celery("eenloket")
celery.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_ignore_result=True,
    broker_connection_retry_on_startup=True,
    broker_connection_timeout=2,
    broker_transport_options={"max_retries": 1},
    beat_schedule={
        "handoff-sweep": {"task": "handoff.sweep", "schedule": 30.0},
        "handoff-statuses": {"task": "handoff.read_statuses", "schedule": 300.0},
    },
)
_flask_app = None


def configure(config) -> None:
    """Broker and queue from the Flask config (CELERY_BROKER_URL, HANDOFF_QUEUE)."""
    queue = config.get("HANDOFF_QUEUE") or "eenloket-handoff"
    celery.conf.update(
        broker_url=config["CELERY_BROKER_URL"],
        task_default_queue=queue,
        beat_schedule={
            name: {**entry, "options": {"queue": queue}}
            for name, entry in celery.conf.beat_schedule.items()
        },
    )


def bind(flask_app) -> None:
    """The worker's Flask app, in whose context the tasks run."""
    global _flask_app
    _flask_app = flask_app
    configure(flask_app.config)


def worker_app():
    """The worker's Flask app (None outside a worker): other features' tasks run in it."""
    return _flask_app


def send_task(name: str, args: tuple, config) -> None:
    """Queue a task of another feature by name on the project's queue (portal/messages)."""
    configure(config)
    celery.send_task(name, args, queue=celery.conf.task_default_queue)


def send(ids: list[int], config) -> None:
    configure(config)
    for handoff_id in ids:
        deliver.apply_async((handoff_id,), queue=celery.conf.task_default_queue)


@celery.task(name="handoff.deliver")
def deliver(handoff_id: int) -> str:
    from portal.handoff.process import deliver_one

    with _flask_app.app_context():
        return deliver_one(handoff_id)


@celery.task(name="handoff.sweep")
def sweep() -> dict:
    from portal.handoff.process import deliver_due

    with _flask_app.app_context():
        return deliver_due()


@celery.task(name="handoff.read_statuses")
def read_statuses() -> int:
    from portal.handoff import statuses

    with _flask_app.app_context():
        return statuses.read_all()
