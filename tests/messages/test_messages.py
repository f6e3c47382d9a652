"""Issue #19, messages (safety first): a real SMTP server receives the intake-received mail
with the reference and nothing sensitive; a protected household's shared e-mail receives
nothing and the safe number gets the text message; no safe channel: nothing, and the outbox
says why; the resident switches messages off on Mijn aanvraag; a failing mail server: retried,
then failed with the reason on the admin page, and retried by the admin."""

from __future__ import annotations

import copy

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from portal.config import ConfigError, check_production_safety
from portal.extensions import db
from portal.messages import process, recipients
from portal.messages.models import FAILED, NOT_SENT, PENDING, SENT, Message
from portal.models import Household, StaffMember
from portal.plans import service as plans
from portal.services import assignments
from portal.services import plans as plan_services
from tests.residents.conftest import ANOUK, YOUSSEF, confirm_member, family, resident_login, submit
from tests.staff.conftest import login, text

ANOUK_MAIL = "anouk.devries@example.com"
SHARED_PHONE = "06 12345678"
SAFE_PHONE = "06 98765432"
# what the family told (docs/examples/intake-family.json) and what the safety answers add:
# none of it may be in a message
SENSITIVE = (
    "psychisch",
    "mental",
    "schuld",
    "debt",
    "geweld",
    "violence",
    "Veilig Thuis",
    "slaat",
    "Youssef",
    "Noor",
    "Daan",
    "alcohol",
    "verzuim",
    "Wmo",
    "Jeugdwet",
    "Participatiewet",
)


def send_all(app) -> dict:
    with app.app_context():
        return process.send_due()


def rows(app) -> list[Message]:
    with app.app_context():
        found = db.session.scalars(select(Message).order_by(Message.id)).all()
        db.session.expunge_all()
        return found


def protected_family(*, may_leave_message: bool | None = True) -> dict:
    answers = copy.deepcopy(family())
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    answers["story"]["question"] = "Mijn partner slaat mij en bedreigt mij."
    answers["contact"].update(
        safe_to_contact=False, safe_phone=SAFE_PHONE, may_leave_message=may_leave_message
    )
    return answers


def test_intake_received_reaches_a_real_smtp_server_with_the_reference_and_nothing_sensitive(
    mail_app, smtp, sms, world, clock
):
    _, reference = submit(mail_app, family())
    assert send_all(mail_app) == {"sent": 1}
    assert smtp.recipients() == [ANOUK_MAIL]
    (mail,) = smtp.texts()
    assert reference in mail
    assert "https://loket.voorbeeld.example/mijn/" in mail
    assert "DigiD" in mail
    assert "termijn" in mail or "uiterlijk op" in mail  # the statutory dates
    assert "2026" in mail
    found = [word for word in SENSITIVE if word.lower() in mail.lower()]
    assert found == [], found
    assert smtp.received[0]["mail"]["From"] == "gemeente@voorbeeld.example"
    assert sms == []  # e-mail given: no text message unless the resident asks for it
    (row,) = rows(mail_app)
    assert row.state == SENT and row.event == "intake_received"


def test_the_message_is_in_the_language_the_resident_asked_for(mail_app, smtp, world, clock):
    answers = family()
    answers["language"] = {"preferred": "en", "interpreter_needed": False}
    _, reference = submit(mail_app, answers)
    send_all(mail_app)
    (mail,) = smtp.texts()
    assert "We have received your application" in mail, mail
    assert reference in mail


def test_a_protected_household_gets_nothing_at_home_and_a_text_at_the_safe_number(
    mail_app, smtp, sms, world, clock
):
    _, reference = submit(mail_app, protected_family())
    send_all(mail_app)
    assert smtp.received == []  # not to the e-mail in the intake: it may be read at home
    assert [m["to"] for m in sms] == [SAFE_PHONE]
    assert SHARED_PHONE not in [m["to"] for m in sms]
    assert reference in sms[0]["text"]
    found = [word for word in SENSITIVE if word.lower() in sms[0]["text"].lower()]
    assert found == [], found


def test_a_protected_household_without_a_safe_channel_gets_nothing_and_the_outbox_says_why(
    mail_app, smtp, sms, world, clock
):
    submit(mail_app, protected_family(may_leave_message=False))
    send_all(mail_app)
    assert smtp.received == [] and sms == []
    (row,) = rows(mail_app)
    assert row.state == NOT_SENT
    assert row.reason == recipients.NO_SAFE_CHANNEL
    assert row.address is None and row.body is None  # nothing kept that could leak
    admin = mail_app.test_client()
    login(admin, world["admin"], clock)
    page = text(admin.get("/medewerkers/beheer/berichten"))
    assert "afgeschermd huishouden en geen veilig kanaal" in page
    assert SAFE_PHONE not in page and "slaat" not in page and ANOUK_MAIL not in page
    admin.set_cookie("taal", "en")  # an admin reading in English reads our reasons in English
    assert "protected household and no safe channel" in text(
        admin.get("/medewerkers/beheer/berichten")
    )


def test_a_staff_marked_protected_household_is_never_mailed(mail_app, smtp, sms, world, clock):
    household_id, _ = submit(mail_app, family())
    send_all(mail_app)
    assert len(smtp.received) == 1
    with mail_app.app_context():
        household = db.session.get(Household, household_id)
        household.protected_since, household.protected_reason = clock(), "Partner is gevaarlijk"
        db.session.commit()
        lead = db.session.get(StaffMember, world["l"].id)
        other = db.session.get(StaffMember, world["b"].id)
        assignments.hand_over(household_id, other, by=lead, note="Overdracht")
    send_all(mail_app)
    assert len(smtp.received) == 1 and sms == []  # no safe number given: nothing at all
    assert rows(mail_app)[-1].reason == recipients.NO_SAFE_CHANNEL


def test_a_member_gets_messages_about_their_own_intake_only(mail_app, smtp, world, clock):
    household_id, _ = submit(mail_app, family())
    confirm_member(mail_app, YOUSSEF)
    his = copy.deepcopy(family())
    for member in his["members"]:
        if member["bsn"] == YOUSSEF:
            member["role"], member["relation"] = "applicant", "self"
        elif member["bsn"] == ANOUK:
            member["role"], member["relation"] = "partner", "partner"
    his["members"].sort(key=lambda m: m["role"] != "applicant")
    his["contact"] = {"email": "youssef@example.com", "safe_to_contact": True}
    his["story"]["question"] = "Ik zoek werk."
    joined, his_reference = submit(mail_app, his)
    assert joined == household_id
    send_all(mail_app)
    assert smtp.recipients() == [ANOUK_MAIL, "youssef@example.com"]
    assert his_reference not in smtp.texts()[0] and his_reference in smtp.texts()[1]
    # news about the household's file goes to each of them, over their own address
    with mail_app.app_context():
        staff = db.session.get(StaffMember, world["a"].id)
        plan_services.issue(plans.plan_for(household_id), staff)
        db.session.commit()
    send_all(mail_app)
    assert sorted(smtp.recipients()[2:]) == [ANOUK_MAIL, "youssef@example.com"]
    assert all("Uw plan is klaar" in t for t in smtp.texts()[2:])


def test_switching_off_on_mijn_stops_messages_and_every_message_is_listed(
    mail_app, smtp, sms, world, clock
):
    household_id, _ = submit(mail_app, family())
    send_all(mail_app)
    resident = mail_app.test_client()
    resident_login(resident, "anouk")
    page = text(resident.get("/mijn/berichten/"))
    assert "Wij hebben uw aanvraag ontvangen" in page  # the message sent to her
    assert "verstuurd" in page
    answer = resident.post("/mijn/berichten/", data={})  # nothing ticked: all off
    assert answer.status_code == 303
    assert "U krijgt geen berichten meer" in text(resident.get("/mijn/berichten/"))
    with mail_app.app_context():
        lead = db.session.get(StaffMember, world["l"].id)
        other = db.session.get(StaffMember, world["b"].id)
        assignments.hand_over(household_id, other, by=lead, note="Overdracht")
    send_all(mail_app)
    assert len(smtp.received) == 1 and sms == []
    assert rows(mail_app)[-1].state == NOT_SENT
    assert rows(mail_app)[-1].reason == recipients.SWITCHED_OFF
    # on again, by sms only: the next news is a text message to the number she gave
    resident.post("/mijn/berichten/", data={"kanaal": "sms"})
    with mail_app.app_context():
        first = db.session.get(StaffMember, world["a"].id)
        lead = db.session.get(StaffMember, world["l"].id)
        assignments.hand_over(household_id, first, by=lead, note="Terug")
    send_all(mail_app)
    assert len(smtp.received) == 1
    assert [m["to"] for m in sms] == [SHARED_PHONE]


def test_a_failing_mail_server_is_retried_then_failed_with_the_reason_on_the_admin_page(
    mail_app, smtp, world, clock
):
    smtp.refuse = "451 4.3.0 Tijdelijk niet beschikbaar"
    submit(mail_app, family())
    assert send_all(mail_app) == {"retry": 1}
    (row,) = rows(mail_app)
    assert row.state == PENDING and "451" in row.reason
    assert send_all(mail_app) == {}  # not due yet: it waits (backoff)
    for _ in range(3):
        clock.advance(hours=5)
        assert send_all(mail_app) == {"retry": 1}
    clock.advance(hours=5)
    assert send_all(mail_app) == {"failed": 1}
    (row,) = rows(mail_app)
    assert row.state == FAILED and row.attempts == 5
    assert "Na 5 pogingen" in row.reason and "451" in row.reason
    assert smtp.tries == 5
    admin = mail_app.test_client()
    login(admin, world["admin"], clock)
    page = text(admin.get("/medewerkers/beheer/berichten"))
    assert "mislukt" in page and "451 4.3.0 Tijdelijk niet beschikbaar" in page
    assert "Wij hebben uw aanvraag ontvangen" not in page  # no message text for the admin
    # the admin fixed the cause and retries: it is sent
    smtp.refuse = None
    answer = admin.post(f"/medewerkers/beheer/berichten/{row.id}/opnieuw")
    assert answer.status_code == 303
    assert send_all(mail_app) == {"sent": 1}
    assert smtp.recipients() == [ANOUK_MAIL]


def test_a_permanent_refusal_fails_at_once(mail_app, smtp, world, clock):
    smtp.refuse = "550 5.1.1 Onbekende ontvanger"
    submit(mail_app, family())
    assert send_all(mail_app) == {"failed": 1}
    (row,) = rows(mail_app)
    assert row.attempts == 1 and "550 5.1.1 Onbekende ontvanger" in row.reason


def test_without_smtp_configured_the_admin_sees_why(app, world, clock):
    submit(app, family())
    assert send_all(app) == {"failed": 1}
    assert rows(app)[0].reason == "E-mail is niet ingesteld (SMTP_HOST)"


def test_without_a_broker_the_app_sends_in_a_thread_of_its_own(mail_app, smtp, world, clock):
    """`make run` has no Redis: the outbox is still used, and a thread in the app sends the
    message after the commit (never inside the resident's request)."""
    import time

    from portal.messages import dispatch

    mail_app.config["HANDOFF_EMBEDDED_WORKER"] = True
    try:
        submit(mail_app, family())
        for _ in range(100):
            if [r.state for r in rows(mail_app)] == [SENT]:
                break
            time.sleep(0.1)
    finally:
        mail_app.config["HANDOFF_EMBEDDED_WORKER"] = False
        dispatch._wake.set()  # the thread sees it is switched off and stops
    assert [r.state for r in rows(mail_app)] == [SENT]
    assert smtp.recipients() == [ANOUK_MAIL]


def test_a_household_protected_after_the_message_was_written_gets_nothing(
    mail_app, smtp, sms, world, clock
):
    """The rules are applied again just before sending: staff protected the household while
    the message waited (a mail server down, say)."""
    household_id, _ = submit(mail_app, family())
    with mail_app.app_context():
        household = db.session.get(Household, household_id)
        household.protected_since, household.protected_reason = clock(), "Partner is gevaarlijk"
        db.session.commit()
    assert send_all(mail_app) == {"not_sent": 1}
    assert smtp.received == [] and sms == []
    (row,) = rows(mail_app)
    assert row.reason == recipients.NO_SAFE_CHANNEL
    assert row.address is None and row.body is None


def test_switching_off_stops_a_message_that_was_still_waiting(mail_app, smtp, world, clock):
    submit(mail_app, family())
    resident = mail_app.test_client()
    resident_login(resident, "anouk")
    resident.post("/mijn/berichten/", data={})
    assert send_all(mail_app) == {"not_sent": 1}
    assert smtp.received == []
    assert rows(mail_app)[0].reason == recipients.SWITCHED_OFF


def test_production_refuses_the_recording_sms_double():
    safe = {
        "ENV_MODE": "production",
        "SECRET_KEY": "s" * 48,
        "SESSION_COOKIE_SECURE": True,
        "TOTP_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "OIDC_ISSUER": "https://digid-broker.gemeente.example",
        "OIDC_CLIENT_ID": "eenloket",
        "OIDC_CLIENT_SECRET": "geheim",
    }
    check_production_safety(safe)
    with pytest.raises(ConfigError, match="SMS_PROVIDER"):
        check_production_safety({**safe, "SMS_PROVIDER": "test"})


def test_a_team_lead_hands_over_on_the_page_and_the_resident_hears_there_is_news(
    mail_app, smtp, world, clock
):
    household_id, _ = submit(mail_app, family())
    send_all(mail_app)
    lead = mail_app.test_client()
    login(lead, world["l"], clock)
    answer = lead.post(
        f"/medewerkers/huishoudens/{household_id}/overdragen",
        data={"to": world["b"].id, "note": "Zwangerschapsverlof van A"},
    )
    assert answer.status_code in (302, 303), text(answer)[:500]
    assert send_all(mail_app) == {"sent": 1}
    assert smtp.recipients() == [ANOUK_MAIL, ANOUK_MAIL]
    news = smtp.texts()[1]
    assert news.startswith("Er is nieuws over uw aanvraag")
    assert "contactpersoon" in news and "https://loket.voorbeeld.example/mijn/" in news
    assert "b@test.example" not in news and "Zwangerschapsverlof" not in news
