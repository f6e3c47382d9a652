"""Issue #18, the Wmo survey as a municipality runs it: an invitation is open for a set number of
days (SURVEY_OPEN_DAYS) and Mijn aanvraag says until when; after that the survey is closed (a
clear page, nothing stored); one reminder some days before closing, through the channel the
resident chose (in a protected household only the safe number), sent by the scheduled job,
never twice, never after answering or closing. The clock is frozen (23 November 2026)."""

from __future__ import annotations

from datetime import date, timedelta

from babel.dates import format_date
from sqlalchemy import select

from portal.extensions import db
from portal.messages.models import SURVEY_REMINDER, Message, MessagePreference
from portal.services import survey as invitations
from portal.survey import service
from portal.survey.models import SurveyInvitation, SurveyResponse
from tests.deadlines.conftest import send_all
from tests.messages.test_messages import ANOUK_MAIL, SAFE_PHONE, SENSITIVE, protected_family
from tests.residents.conftest import ANOUK, family, resident_login, submit
from tests.staff.conftest import text
from tests.survey.test_survey import _count, _invitation_id, _issue_plan

START = date(2026, 11, 23)  # the frozen clock's day (tests/staff/conftest.py)


def _long(day: date) -> str:
    return format_date(day, "long", locale="nl")


def _invited_days_ago(app, world, clock, days: int, answers=None) -> int:
    """A household whose plan ran 90 days, invited `days` before the frozen day; the clock
    is back at the frozen day afterwards (the DigiD log-in checks its tokens against the real
    time, so the clock goes back for the plan, not forward for the resident)."""
    household, _ = submit(app, answers or family())
    clock.advance(days=-(90 + days))
    _issue_plan(app, household, world)
    clock.advance(days=90)
    with app.app_context():
        assert invitations.invite_due() == 1
    clock.advance(days=days)
    return _invitation_id(app)


def _remind(app) -> int:
    with app.app_context():
        return invitations.remind_due()


def _reminders(app) -> list[Message]:
    with app.app_context():
        found = db.session.scalars(select(Message).where(Message.event == SURVEY_REMINDER)).all()
        db.session.expunge_all()
        return found


def test_mijn_aanvraag_says_until_when_and_the_invitation_keeps_its_date(
    mail_app, world, clock, provider
):
    invitation_id = _invited_days_ago(mail_app, world, clock, 10)
    closes_on = START - timedelta(days=10) + timedelta(days=28)
    with mail_app.app_context():
        assert db.session.get(SurveyInvitation, invitation_id).closes_on == closes_on
    mail_app.config["SURVEY_OPEN_DAYS"] = 5  # a later change moves no date a resident was told
    try:
        client = mail_app.test_client()
        resident_login(client, "anouk")
        until = f"U kunt tot en met {_long(closes_on)} meedoen."
        assert until in text(client.get("/mijn/"))
        assert until in text(client.get(f"/mijn/tevredenheid/{invitation_id}"))
    finally:
        mail_app.config["SURVEY_OPEN_DAYS"] = 28


def test_after_the_closing_date_the_survey_is_closed_and_nothing_is_stored(
    mail_app, world, clock, provider
):
    invitation_id = _invited_days_ago(mail_app, world, clock, 29)  # closed yesterday
    client = mail_app.test_client()
    resident_login(client, "anouk")
    assert "Wat vindt u van onze hulp?" not in text(client.get("/mijn/"))  # no notice
    page = client.get(f"/mijn/tevredenheid/{invitation_id}")
    closed_on = _long(START - timedelta(days=1))
    assert page.status_code == 200
    assert f"Meedoen kan niet meer. U kon meedoen tot en met {closed_on}." in text(page)
    assert "Antwoorden versturen" not in text(page)
    posted = client.post(
        f"/mijn/tevredenheid/{invitation_id}", data={"serious": "5", "opmerking": "Laat"}
    )
    assert posted.status_code == 410 and "Meedoen kan niet meer" in text(posted)
    assert _count(mail_app, SurveyResponse) == 0
    with mail_app.app_context():  # the service itself refuses too (a page left open)
        assert service.answer(invitation_id, {"serious": "5"}, None) is False
        assert db.session.get(SurveyInvitation, invitation_id).answered is False


def test_the_last_day_still_counts(mail_app, world, clock, provider):
    invitation_id = _invited_days_ago(mail_app, world, clock, 28)  # closes today
    client = mail_app.test_client()
    resident_login(client, "anouk")
    assert f"U kunt tot en met {_long(START)} meedoen." in text(client.get("/mijn/"))
    answered = client.post(f"/mijn/tevredenheid/{invitation_id}", data={"serious": "4"})
    assert answered.status_code == 303
    assert _count(mail_app, SurveyResponse) == 1


def test_one_reminder_by_e_mail_seven_days_before_closing(mail_app, smtp, sms, world, clock):
    _invited_days_ago(mail_app, world, clock, 0)  # invited today, closes in 28 days
    send_all(mail_app)
    smtp.received.clear()
    assert _remind(mail_app) == 0  # not on the day of the invitation
    clock.advance(days=20)
    assert _remind(mail_app) == 0  # 8 days before closing
    clock.advance(days=1)
    assert _remind(mail_app) == 1  # 7 days before
    assert _remind(mail_app) == 0  # the next hourly run
    clock.advance(days=3)
    assert _remind(mail_app) == 0  # never twice
    assert len(_reminders(mail_app)) == 1

    assert send_all(mail_app) == {"sent": 1}
    assert smtp.recipients() == [ANOUK_MAIL]
    mail = "\n".join(smtp.texts())
    closes_on = _long(START + timedelta(days=28))
    assert f"U kunt nog tot en met {closes_on} meedoen met onze korte vragen." in mail
    assert "/mijn/" in mail
    for word in SENSITIVE:
        assert word.lower() not in mail.lower(), word


def test_the_reminder_goes_through_the_channel_the_resident_chose(
    mail_app, smtp, sms, world, clock
):
    _invited_days_ago(mail_app, world, clock, 21)
    send_all(mail_app)  # the news before it: intake, plan, invitation
    smtp.received.clear()
    sms.clear()
    with mail_app.app_context():
        db.session.add(MessagePreference(bsn=ANOUK, email=False, sms=True))
        db.session.commit()
    assert _remind(mail_app) == 1
    [row] = _reminders(mail_app)
    assert row.channel == "sms" and row.address == "06 12345678"
    send_all(mail_app)
    assert smtp.received == [] and len(sms) == 1


def test_no_reminder_after_answering_or_after_closing(mail_app, world, clock):
    invitation_id = _invited_days_ago(mail_app, world, clock, 10)
    with mail_app.app_context():
        assert service.answer(invitation_id, {"serious": "5"}, None)
        db.session.commit()
    clock.advance(days=11)  # 7 days before closing
    assert _remind(mail_app) == 0

    with mail_app.app_context():  # a second invitation, never answered
        db.session.execute(
            SurveyInvitation.__table__.update().values(answered=False, closes_on=START)
        )
        db.session.commit()
    clock.advance(days=1)  # the day after it closed
    assert _remind(mail_app) == 0
    assert _reminders(mail_app) == []


def test_a_protected_household_is_reminded_only_at_the_safe_number(
    mail_app, smtp, sms, world, clock
):
    _invited_days_ago(mail_app, world, clock, 21, protected_family())
    send_all(mail_app)  # the news before it: intake, plan, invitation
    smtp.received.clear()
    sms.clear()
    assert _remind(mail_app) == 1
    [row] = _reminders(mail_app)
    assert row.channel == "sms" and row.address == SAFE_PHONE
    send_all(mail_app)
    assert smtp.received == []
    [message] = sms
    for word in SENSITIVE:
        assert word.lower() not in str(message).lower(), word


def test_a_protected_household_that_withdrew_its_safe_channel_gets_nothing(
    mail_app, smtp, sms, world, clock
):
    _invited_days_ago(mail_app, world, clock, 21, protected_family())
    send_all(mail_app)  # the news before it: intake, plan, invitation
    smtp.received.clear()
    sms.clear()
    with mail_app.app_context():  # they switched text messages off since
        db.session.add(MessagePreference(bsn=ANOUK, email=True, sms=False))
        db.session.commit()
    assert _remind(mail_app) == 1  # marked, so never tried again ...
    [row] = _reminders(mail_app)
    assert row.state == "not_sent" and row.address is None  # ... and nothing sent
    send_all(mail_app)
    assert smtp.received == [] and sms == []


def test_the_reminder_job_is_on_the_project_queue():
    from portal.handoff.tasks import celery
    from portal.services import scheduled  # noqa: F401  (registers the tasks)

    assert "survey.remind" in celery.tasks
    assert celery.conf.beat_schedule["survey-remind"]["task"] == "survey.remind"


def test_the_language_switch_keeps_the_answers_chosen_so_far(mail_app, world, clock, provider):
    """Issue #20: switching language on the survey shows it again in the new language with
    the chosen answers and the typed comment; nothing is stored until the resident sends it."""
    invitation_id = _invited_days_ago(mail_app, world, clock, 3)
    client = mail_app.test_client()
    resident_login(client, "anouk")
    page = client.get(f"/mijn/tevredenheid/{invitation_id}").get_data(as_text=True)
    assert 'id="survey-form"' in page and 'form="survey-form"' in page
    switched = client.post(
        f"/mijn/tevredenheid/{invitation_id}",
        data={"serious": "5", "opmerking": "Fijn & snel", "taal": "en"},
    )
    html = switched.get_data(as_text=True)
    assert switched.status_code == 200 and '<html lang="en"' in html
    assert "Fijn &amp; snel" in html
    assert 'value="5" checked' in html or 'checked value="5"' in html
    assert "taal=en" in switched.headers["Set-Cookie"]
    assert _count(mail_app, SurveyResponse) == 0
