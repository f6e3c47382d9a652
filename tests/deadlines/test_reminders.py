"""Plan dates coming due (issue #19): the plan's evaluation date and an agreement's date get a
message a week ahead, once — the scheduled job may run every hour, in two workers at once,
and still sends one message per date; on a real SMTP server, with nothing of the plan in it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.extensions import db
from portal.messages.models import AGREEMENT_DUE, EVALUATION_DUE, Message
from portal.models import StaffMember
from portal.plans import service as plans
from portal.services import plans as plan_services
from portal.services import reminders
from tests.deadlines.conftest import send_all
from tests.messages.test_messages import ANOUK_MAIL, SENSITIVE
from tests.residents.conftest import family, submit

AGREEMENT = {
    "who": "Anouk",
    "what": "Schuldhulpverlening bellen over de huurachterstand",
    "by": "2026-11-29",
    "done": False,
}


def _issued_plan(app, household: int, world) -> None:
    with app.app_context():
        plan = plans.plan_for(household)
        plan_services.save(plan, evaluation_date=date(2026, 11, 27), agreements=[AGREEMENT])
        plan_services.issue(plan, db.session.get(StaffMember, world["a"].id))
        db.session.commit()


def _count(app, event: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Message.id)).where(Message.event == event))


def test_evaluation_and_agreement_reminders_are_sent_once(mail_app, smtp, sms, world, clock):
    household, _ = submit(mail_app, family())
    _issued_plan(mail_app, household, world)
    send_all(mail_app)
    smtp.received.clear()
    with mail_app.app_context():
        assert reminders.send_due() == 2  # 23 November: both dates within a week
        assert reminders.send_due() == 0  # the next hourly run: nothing new
    clock.advance(days=2)
    with mail_app.app_context():
        assert reminders.send_due() == 0  # still once per date
    assert _count(mail_app, EVALUATION_DUE) == 1 and _count(mail_app, AGREEMENT_DUE) == 1

    assert send_all(mail_app) == {"sent": 2}
    assert smtp.recipients() == [ANOUK_MAIL, ANOUK_MAIL]
    mails = "\n".join(smtp.texts())
    assert "27 november 2026" in mails and "29 november 2026" in mails
    assert "Binnenkort praten wij over uw plan" in mails
    assert "Een afspraak uit uw plan komt eraan" in mails
    for word in (*SENSITIVE, "huurachterstand", "Schuldhulp"):
        assert word.lower() not in mails.lower(), word


def test_a_date_too_far_ahead_or_a_plan_not_issued_gets_nothing(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    with mail_app.app_context():
        plan = plans.plan_for(household)
        plan_services.save(plan, evaluation_date=date(2026, 11, 27))
        db.session.commit()
        assert reminders.send_due() == 0  # the resident has not seen a plan yet
    _issued_plan(mail_app, household, world)
    with mail_app.app_context():
        plan = plans.plan_for(household)
        plan_services.save(
            plan,
            evaluation_date=date(2027, 3, 1),
            agreements=[{**AGREEMENT, "done": True}],
        )
        db.session.commit()
        assert reminders.send_due() == 0  # far ahead, and the agreement is done


def test_the_scheduled_job_is_on_the_project_queue():
    from portal.handoff.tasks import celery
    from portal.services import scheduled  # noqa: F401  (registers the tasks)

    assert "deadlines.reminders" in celery.tasks and "retention.purge" in celery.tasks
    schedule = celery.conf.beat_schedule
    assert schedule["deadlines-reminders"]["task"] == "deadlines.reminders"
    assert schedule["retention-purge"]["task"] == "retention.purge"


def test_without_a_broker_the_apps_own_thread_sends_the_reminders(
    mail_app, smtp, sms, world, clock
):
    import time

    from portal.messages import dispatch
    from portal.services import scheduled

    household, _ = submit(mail_app, family())
    _issued_plan(mail_app, household, world)
    send_all(mail_app)
    smtp.received.clear()
    scheduled._last_run["at"] = 0.0
    mail_app.config["HANDOFF_EMBEDDED_WORKER"] = True
    try:
        mail_app.test_client().get("/")  # the first request starts the thread
        for _ in range(100):
            if len(smtp.received) == 2:
                break
            time.sleep(0.1)
    finally:
        mail_app.config["HANDOFF_EMBEDDED_WORKER"] = False
        scheduled._worker.wake_event.set()  # the threads see they are switched off and stop
        dispatch._wake.set()
    assert _count(mail_app, EVALUATION_DUE) == 1 and _count(mail_app, AGREEMENT_DUE) == 1
    assert len(smtp.received) == 2
