"""Entry point of the hand-off workers (production and CI):

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 celery -A portal.handoff.worker worker --beat

The Flask app is built from the environment like the web app's (DATABASE_URL, ZGW_*). At start
the worker checks every regime's zaaktype against the Catalogi API (the admin page shows the
result) and delivers what waited while no worker ran.
"""

from __future__ import annotations

from celery.signals import worker_ready

from portal import create_app
from portal.handoff import tasks
from portal.insight import tasks as _insight_tasks  # noqa: F401  (and the policy what-ifs)
from portal.messages import tasks as _message_tasks  # noqa: F401  (the same workers send messages)
from portal.services import scheduled as _scheduled  # noqa: F401  (reminders, the purge: #19)

flask_app = create_app()
tasks.bind(flask_app)
app = tasks.celery  # `celery -A portal.handoff.worker` finds `app`


@worker_ready.connect
def _on_start(**_kwargs) -> None:
    from portal.handoff import config_check
    from portal.handoff.process import deliver_due

    with flask_app.app_context():
        config_check.check_all()
        if flask_app.config.get("HANDOFF_SWEEP_ON_START", True):
            deliver_due()
