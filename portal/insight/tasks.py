"""The what-if's Celery tasks, on the project's task queue (the hand-off's Celery app, so one
kind of worker runs them all: `celery -A portal.handoff.worker worker --beat`). Beat sweeps
every minute: a run whose worker died (its lease ran out) or that was never handed over; and
every 10 minutes it brings the management figures' rollup up to date."""

from __future__ import annotations

from portal import handoff

celery = handoff.celery
celery.conf.beat_schedule = {
    **celery.conf.beat_schedule,
    "insight-sweep": {"task": "insight.sweep", "schedule": 60.0},
    # the management figures' rollup (portal/insight/figures_rollup.py)
    "insight-figures-refresh": {"task": "insight.figures_refresh", "schedule": 600.0},
}


@celery.task(name="insight.whatif")
def whatif(run_id: int) -> str:
    from portal.insight.whatif import execute

    with handoff.worker_app().app_context():
        return execute(run_id)


@celery.task(name="insight.sweep")
def sweep() -> int:
    from portal.insight.whatif import run_due

    with handoff.worker_app().app_context():
        return run_due()


@celery.task(name="insight.figures_refresh")
def figures_refresh() -> float:
    from portal.insight import figures_rollup

    with handoff.worker_app().app_context():
        return figures_rollup.refresh()
