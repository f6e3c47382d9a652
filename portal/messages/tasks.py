"""The messages' Celery tasks, on the project's task queue (the hand-off's Celery app, so one
kind of worker runs both: `celery -A portal.handoff.worker worker --beat`). Imported by
`init_app`, so the worker's app has them; beat sweeps every 30 s."""

from __future__ import annotations

from celery.signals import worker_ready

from portal import handoff

celery = handoff.celery
celery.conf.beat_schedule = {
    **celery.conf.beat_schedule,
    "messages-sweep": {"task": "messages.sweep", "schedule": 30.0},
}


@celery.task(name="messages.send")
def send(message_id: int) -> str:
    from portal.messages.process import send_one

    with handoff.worker_app().app_context():
        return send_one(message_id)


@celery.task(name="messages.sweep")
def sweep() -> dict:
    from portal.messages.process import send_due

    with handoff.worker_app().app_context():
        return send_due()


@worker_ready.connect
def _on_start(**_kwargs) -> None:
    """Send what waited while no worker ran."""
    app = handoff.worker_app()
    if app is not None and app.config.get("HANDOFF_SWEEP_ON_START", True):
        from portal.messages.process import send_due

        with app.app_context():
            send_due()
