"""The scheduled jobs of issue #19 on the project's task queue (the hand-off's Celery app, so
`celery -A portal.handoff.worker worker --beat` runs them):

- `deadlines.reminders` (hourly): plan dates coming due (portal/services/reminders.py; each
  sent once, so running it often is harmless);
- `survey.invite` (hourly): the Wmo client-experience survey's invitations
  (portal/services/survey.py; each person once); `survey.remind` (hourly): its one reminder
  before an invitation closes (each person once);
- `retention.purge` (daily, only when `RETENTION_PURGE_SCHEDULED` is true: removing files is
  irreversible, so a municipality turns it on after checking the terms with `flask purge
  --dry-run`).

Without a broker (`make run`) the reminders and the survey's invitations run in a thread of
the app (the outboxes' `EmbeddedWorker`), started by the first request and at most once an
hour; the purge then runs only from the command line.
"""

from __future__ import annotations

import time

from celery.schedules import crontab
from flask import Flask

from portal import handoff
from portal.outbox_rows import EmbeddedWorker

celery = handoff.celery
celery.conf.beat_schedule = {
    **celery.conf.beat_schedule,
    "deadlines-reminders": {"task": "deadlines.reminders", "schedule": 3600.0},
    "survey-invite": {"task": "survey.invite", "schedule": 3600.0},
    "survey-remind": {"task": "survey.remind", "schedule": 3600.0},
    "retention-purge": {"task": "retention.purge", "schedule": crontab(hour=3, minute=17)},
}


@celery.task(name="deadlines.reminders")
def reminders() -> int:
    from portal.services import reminders as due

    with handoff.worker_app().app_context():
        return due.send_due()


@celery.task(name="survey.invite")
def survey_invite() -> int:
    from portal.services import survey

    with handoff.worker_app().app_context():
        return survey.invite_due()


@celery.task(name="survey.remind")
def survey_remind() -> int:
    from portal.services import survey

    with handoff.worker_app().app_context():
        return survey.remind_due()


@celery.task(name="retention.purge")
def purge() -> dict:
    from portal.services import retention

    app = handoff.worker_app()
    with app.app_context():
        if not app.config.get("RETENTION_PURGE_SCHEDULED"):
            return {"skipped": "RETENTION_PURGE_SCHEDULED is off"}
        report = retention.purge()
        return {"households": sum(report.households.values()), "held": report.held}


_last_run = {"at": 0.0}
REMINDER_EVERY = 3600.0


def _run_reminders() -> None:
    if time.monotonic() - _last_run["at"] < REMINDER_EVERY and _last_run["at"]:
        return
    _last_run["at"] = time.monotonic()
    from portal.services import reminders as due
    from portal.services import survey

    due.send_due()
    survey.invite_due()
    survey.remind_due()


_worker = EmbeddedWorker(
    "deadlines-reminders",
    _run_reminders,
    lambda app: (
        app.config.get("HANDOFF_EMBEDDED_WORKER", True) and not app.config.get("CELERY_BROKER_URL")
    ),
)


def init_app(app: Flask) -> None:
    """Without a broker: the reminders' thread starts with the first request."""

    @app.before_request
    def _start_reminders() -> None:
        if app.config.get("CELERY_BROKER_URL") or not app.config.get(
            "HANDOFF_EMBEDDED_WORKER", True
        ):
            return
        if _worker._thread is None or not _worker._thread.is_alive():
            _worker.wake(app)
