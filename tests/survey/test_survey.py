"""Issue #18, client experience (Wmo 2015 art. 2.5.1): a resident whose plan has run 90 days
is invited once (a notice on Mijn aanvraag and a message with nothing of the file in it); a
protected household without a safe channel is not invited; the survey is saved once and holds
nothing that leads back to the household; the figures count per answer with cells under 5 as
"<5"; only a team lead, a policy officer and an admin read them — never a contact person
or the front desk."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from portal.extensions import db
from portal.messages.models import SURVEY_INVITED, Message
from portal.models import StaffMember
from portal.plans import service as plans
from portal.services import plans as plan_services
from portal.services import survey as invitations
from portal.survey import service
from portal.survey.models import SurveyAnswer, SurveyInvitation, SurveyResponse
from tests.deadlines.conftest import send_all
from tests.messages.test_messages import ANOUK_MAIL, SAFE_PHONE, SENSITIVE, protected_family
from tests.residents.conftest import family, other_family, resident_login, submit
from tests.staff.conftest import login, make_staff, text


def _issue_plan(app, household: int, world) -> None:
    with app.app_context():
        plan = plans.plan_for(household)
        plan_services.save(plan, evaluation_date=date(2027, 6, 1))
        plan_services.issue(plan, db.session.get(StaffMember, world["a"].id))
        db.session.commit()


def _plan_ran_90_days(app, household: int, world, clock) -> None:
    """The plan was issued 90 days before the frozen clock (the DigiD log-in checks its tokens
    against the real time, so the clock goes back for the plan, not forward for the resident)."""
    clock.advance(days=-90)
    _issue_plan(app, household, world)
    clock.advance(days=90)


def _invite(app) -> int:
    with app.app_context():
        return invitations.invite_due()


def _count(app, what) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(what))


def _survey_messages(app) -> list[Message]:
    with app.app_context():
        found = db.session.scalars(select(Message).where(Message.event == SURVEY_INVITED)).all()
        db.session.expunge_all()
        return found


def _invitation_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(SurveyInvitation.id))


def test_invited_once_after_the_set_time_and_not_before(mail_app, smtp, sms, world, clock):
    household, _ = submit(mail_app, family())
    assert _invite(mail_app) == 0  # no plan yet
    _issue_plan(mail_app, household, world)
    send_all(mail_app)
    smtp.received.clear()
    clock.advance(days=89)
    assert _invite(mail_app) == 0  # the plan has not run 90 days yet
    clock.advance(days=1)
    assert _invite(mail_app) == 1
    assert _invite(mail_app) == 0  # the next hourly run
    clock.advance(days=30)
    assert _invite(mail_app) == 0  # once, ever
    assert _count(mail_app, SurveyInvitation) == 1
    assert len(_survey_messages(mail_app)) == 1

    assert send_all(mail_app) == {"sent": 1}
    assert smtp.recipients() == [ANOUK_MAIL]
    mail = "\n".join(smtp.texts())
    assert "Wat vindt u van onze hulp?" in mail and "/mijn/" in mail
    for word in SENSITIVE:
        assert word.lower() not in mail.lower(), word


def test_the_setting_changes_when(mail_app, world, clock):
    mail_app.config["SURVEY_AFTER_DAYS"] = 10
    try:
        household, _ = submit(mail_app, family())
        _issue_plan(mail_app, household, world)
        clock.advance(days=10)
        assert _invite(mail_app) == 1
    finally:
        mail_app.config["SURVEY_AFTER_DAYS"] = 90


def test_a_protected_household_without_a_safe_channel_is_not_invited(mail_app, world, clock):
    household, _ = submit(mail_app, protected_family(may_leave_message=False))
    _issue_plan(mail_app, household, world)
    clock.advance(days=120)
    assert _invite(mail_app) == 0
    assert _count(mail_app, SurveyInvitation) == 0
    assert _survey_messages(mail_app) == []


def test_a_protected_household_with_a_safe_channel_gets_a_text_at_the_safe_number(
    mail_app, smtp, sms, world, clock
):
    household, _ = submit(mail_app, protected_family())
    _issue_plan(mail_app, household, world)
    clock.advance(days=91)
    assert _invite(mail_app) == 1
    [row] = _survey_messages(mail_app)
    assert row.channel == "sms" and row.address == SAFE_PHONE


def _answer_page(client, invitation_id: int, **data):
    return client.post(f"/mijn/tevredenheid/{invitation_id}", data=data)


def test_the_survey_is_saved_once_and_not_linked_to_the_household(mail_app, world, clock, provider):
    household, _ = submit(mail_app, family())
    _plan_ran_90_days(mail_app, household, world, clock)
    _invite(mail_app)
    invitation_id = _invitation_id(mail_app)

    client = mail_app.test_client()
    resident_login(client, "anouk")
    home = text(client.get("/mijn/"))
    assert "Wat vindt u van onze hulp?" in home
    page = client.get(f"/mijn/tevredenheid/{invitation_id}")
    assert page.status_code == 200
    assert "Ik voelde me serieus genomen door de medewerker." in text(page)
    assert "Weet niet / niet van toepassing" in text(page)

    answered = _answer_page(
        client, invitation_id, serious="5", quick="2", life="0", opmerking="Fijne hulp."
    )
    assert answered.status_code == 303
    assert "Wat vindt u van onze hulp?" not in text(client.get("/mijn/"))  # the notice is gone
    again = _answer_page(client, invitation_id, serious="1")  # a second tab, the back button
    assert again.status_code == 200 and "al beantwoord" in text(again)
    assert _count(mail_app, SurveyResponse) == 1
    assert _count(mail_app, SurveyAnswer) == 3

    with mail_app.app_context():
        response = db.session.scalar(select(SurveyResponse))
        columns = set(SurveyResponse.__table__.columns.keys())
        assert columns == {"id", "period_start", "team_id", "comment"}  # no household, no time
        assert not response.id.isdigit() and len(response.id) == 32  # random, not in order
        assert response.period_start == date(2026, 10, 1)  # only the quarter of 23 November
        assert response.comment == "Fijne hulp."
        assert set(SurveyAnswer.__table__.columns.keys()) == {"response_id", "question", "answer"}
        invitation = db.session.get(SurveyInvitation, invitation_id)
        assert invitation.answered is True
        assert "answered_at" not in SurveyInvitation.__table__.columns


def test_an_empty_survey_is_refused_and_loses_nothing_typed(mail_app, world, clock, provider):
    household, _ = submit(mail_app, family())
    _plan_ran_90_days(mail_app, household, world, clock)
    _invite(mail_app)
    invitation_id = _invitation_id(mail_app)
    client = mail_app.test_client()
    resident_login(client, "anouk")
    empty = _answer_page(client, invitation_id)
    assert empty.status_code == 400
    assert "Kies bij minstens één zin een antwoord." in text(empty)
    too_long = _answer_page(client, invitation_id, serious="4", opmerking="x" * 2001)
    assert too_long.status_code == 400 and "te lang" in text(too_long)
    html = too_long.get_data(as_text=True)
    assert 'id="vraag-serious-4" name="serious" value="4" checked' in html
    assert _count(mail_app, SurveyResponse) == 0


def test_another_resident_cannot_open_the_survey(mail_app, world, clock, provider):
    household, _ = submit(mail_app, family())
    submit(mail_app, other_family())
    _plan_ran_90_days(mail_app, household, world, clock)
    _invite(mail_app)
    client = mail_app.test_client()
    resident_login(client, "other")
    invitation_id = _invitation_id(mail_app)
    assert client.get(f"/mijn/tevredenheid/{invitation_id}").status_code == 404
    assert _answer_page(client, invitation_id, serious="1").status_code == 404
    assert _count(mail_app, SurveyResponse) == 0


def _responses(app, answers: list[str], *, period: date, team_id=None) -> None:
    """Stored responses: one per answer given to 'serious'."""
    with app.app_context():
        for number, value in enumerate(answers):
            key = f"{period:%Y%m}{team_id or 0}{number:020d}"[:32]
            db.session.add(SurveyResponse(id=key, period_start=period, team_id=team_id))
            db.session.flush()
            db.session.add(SurveyAnswer(response_id=key, question="serious", answer=value))
        db.session.commit()


def test_the_aggregate_counts_per_answer_and_suppresses_small_cells(mail_app, world):
    noord = world["teams"]["noord"]
    _responses(mail_app, ["5"] * 6 + ["4"] * 2, period=date(2026, 10, 1), team_id=noord)
    _responses(mail_app, ["5"] * 3, period=date(2026, 7, 1))
    _responses(mail_app, ["1"] * 9, period=date(2025, 10, 1))  # another year
    with mail_app.app_context():
        rows = {r.question: r for r in service.aggregate(date(2026, 1, 1), date(2026, 12, 31))}
        # helemaal mee oneens, mee oneens, neutraal, mee eens, helemaal mee eens, weet niet
        assert rows["serious"].cells == ("<5", "<5", "<5", "<5", "9", "<5")
        assert rows["quick"].cells == ("<5",) * 6  # nobody answered: 0 is under 5 too
        quarter = service.aggregate(date(2026, 10, 1), date(2026, 10, 1), noord)
        assert quarter[0].cells == ("<5", "<5", "<5", "<5", "6", "<5")
        assert service.responses(date(2026, 1, 1), date(2026, 12, 31)) == "11"
        assert service.responses(date(2026, 7, 1), date(2026, 7, 1)) == "<5"


def test_figures_page_and_csv_for_team_lead_and_admin_only(mail_app, world, clock):
    _responses(mail_app, ["5"] * 7 + ["2"], period=date(2026, 10, 1))
    lead = mail_app.test_client()
    login(lead, world["l"], clock)
    page = lead.get("/medewerkers/tevredenheid?jaar=2026")
    assert page.status_code == 200
    shown = text(page)
    assert "Ik voelde me serieus genomen door de medewerker." in shown
    assert " 7 " in shown and "&lt;5" in page.get_data(as_text=True)
    export = lead.get("/medewerkers/tevredenheid.csv?jaar=2026&kwartaal=4")
    assert export.status_code == 200 and export.mimetype == "text/csv"
    csv_text = export.get_data(as_text=True)
    assert "serious;" in csv_text and ";<5;<5;<5;<5;7;<5" in csv_text
    bad = lead.get("/medewerkers/tevredenheid?jaar=twintig")
    assert bad.status_code == 400 and "Vul een jaar in met 4 cijfers" in text(bad)

    admin = mail_app.test_client()
    login(admin, world["admin"], clock)
    assert admin.get("/medewerkers/tevredenheid").status_code == 200
    policy = mail_app.test_client()
    login(policy, make_staff(mail_app, "beleid@test.example", "policy_officer"), clock)
    assert policy.get("/medewerkers/tevredenheid.csv?jaar=2026").status_code == 200

    for who in ("a", "desk"):
        client = mail_app.test_client()
        login(client, world[who], clock)
        assert client.get("/medewerkers/tevredenheid").status_code == 403, who
        assert client.get("/medewerkers/tevredenheid.csv").status_code == 403, who
    assert mail_app.test_client().get("/medewerkers/tevredenheid").status_code == 302


def test_the_invitation_job_is_on_the_project_queue():
    from portal.handoff.tasks import celery
    from portal.services import scheduled  # noqa: F401  (registers the tasks)

    assert "survey.invite" in celery.tasks
    assert celery.conf.beat_schedule["survey-invite"]["task"] == "survey.invite"
