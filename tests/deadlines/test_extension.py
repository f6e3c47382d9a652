"""Awb 4:14 (issue #19): the contact person extends a decision term before it ends, with a
reason and a new date; the resident who applied gets a message on a real SMTP server (the new
date, nothing sensitive) and sees it on Mijn aanvraag; the caseload counts with the new date.
After the term has ended the extension is refused, clearly, and nothing typed is lost."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.caseload.models import HouseholdOutcome
from portal.deadlines.models import TermExtension
from portal.extensions import db
from portal.messages.models import TERM_EXTENDED, Message
from portal.services import outcomes
from tests.deadlines.conftest import due_of, next_due, outcome_of, send_all
from tests.messages.test_messages import ANOUK_MAIL, SENSITIVE
from tests.residents.conftest import family, resident_login, submit
from tests.staff.conftest import login, text


def refer_the_urgent_debt(app, household_id, world) -> None:
    """The urgent debt question (first talk within 3 working days) went to the debt
    counsellors, so the school's question is what is due first."""
    with app.app_context():
        debt = db.session.get(HouseholdOutcome, outcome_of(app, household_id, "schuldhulp"))
        outcomes.change_status(debt, "referred", staff_id=world["a"].id)
        db.session.commit()


def _extend(client, household_id, outcome_id, new_due: str, reason: str):
    return client.post(
        f"/medewerkers/huishoudens/{household_id}/termijnen/verlengen",
        data={
            "verdagen-outcome": outcome_id,
            "verdagen-new_due": new_due,
            "verdagen-reason": reason,
        },
    )


def test_an_extension_reaches_the_resident_by_mail_and_moves_the_caseload_date(
    mail_app, smtp, sms, world, clock
):
    household, _reference = submit(mail_app, family())
    send_all(mail_app)  # the intake-received mail
    smtp.received.clear()
    leerplicht = outcome_of(mail_app, household, "leerplicht")
    assert due_of(mail_app, leerplicht) == date(2026, 11, 30)
    refer_the_urgent_debt(mail_app, household, world)
    assert next_due(mail_app, household) == (date(2026, 11, 30), "outcome")

    staff = mail_app.test_client()
    login(staff, world["a"], clock)  # the household's contact person
    page = staff.get(f"/medewerkers/huishoudens/{household}/termijnen")
    assert page.status_code == 200 and "30-11-2026" in text(page)
    answer = _extend(
        staff, household, leerplicht, "2026-12-14", "Wij wachten op het advies van de school."
    )
    assert answer.status_code == 303, text(answer)[:800]

    assert due_of(mail_app, leerplicht) == date(2026, 12, 14)
    assert next_due(mail_app, household) == (date(2026, 12, 14), "outcome")
    caseload = text(staff.get("/medewerkers/caseload"))
    assert "14-12-2026" in caseload or "14 december 2026" in caseload

    assert send_all(mail_app) == {"sent": 1}
    assert smtp.recipients() == [ANOUK_MAIL]
    (mail,) = smtp.texts()
    assert "Wij hebben meer tijd nodig" in mail
    assert "14 december 2026" in mail
    assert "https://loket.voorbeeld.example/mijn/" in mail
    assert "school" not in mail  # the reason stays behind the log-in
    for word in SENSITIVE:
        assert word.lower() not in mail.lower(), word

    resident = mail_app.test_client()
    resident_login(resident, "anouk")
    mine = text(resident.get("/mijn/"))
    assert "Meer tijd nodig" in mine and "Wij wachten op het advies van de school." in mine
    assert "14 december 2026" in mine


def test_an_extension_after_the_term_ended_is_refused_and_keeps_what_was_typed(
    mail_app, world, clock
):
    household, _ = submit(mail_app, family())
    leerplicht = outcome_of(mail_app, household, "leerplicht")
    clock.advance(days=8)  # 1 December: the term ended on 30 November
    staff = mail_app.test_client()
    login(staff, world["a"], clock)
    answer = _extend(staff, household, leerplicht, "2026-12-20", "Het advies is er nog niet.")
    assert answer.status_code == 400
    page = text(answer)
    assert "De termijn is al voorbij" in page and "Awb 4:14" in page
    assert "Het advies is er nog niet." in page  # nothing typed is lost
    assert due_of(mail_app, leerplicht) == date(2026, 11, 30)
    with mail_app.app_context():
        assert db.session.scalar(select(func.count(TermExtension.id))) == 0
        assert (
            db.session.scalar(select(func.count(Message.id)).where(Message.event == TERM_EXTENDED))
            == 0
        )


def test_bad_dates_are_refused_with_a_clear_message(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    leerplicht = outcome_of(mail_app, household, "leerplicht")
    staff = mail_app.test_client()
    login(staff, world["a"], clock)
    earlier = _extend(staff, household, leerplicht, "2026-11-29", "Reden")
    assert earlier.status_code == 400 and "na de huidige einddatum" in text(earlier)
    far = _extend(
        staff, household, leerplicht, (date(2026, 11, 30) + timedelta(weeks=9)).isoformat(), "Reden"
    )
    assert far.status_code == 400 and "te ver weg" in text(far)
    garbage = _extend(staff, household, leerplicht, "morgen", "")
    assert garbage.status_code == 400
    assert "Vul een datum in zoals 2026-05-20" in text(garbage) and "Schrijf waarom" in text(
        garbage
    )
    assert due_of(mail_app, leerplicht) == date(2026, 11, 30)


def test_who_may_extend(mail_app, world, clock):
    household, _ = submit(mail_app, family())
    leerplicht = outcome_of(mail_app, household, "leerplicht")
    desk = mail_app.test_client()
    login(desk, world["desk"], clock)
    assert desk.get(f"/medewerkers/huishoudens/{household}/termijnen").status_code == 403
    assert _extend(desk, household, leerplicht, "2026-12-14", "x").status_code == 403
    other_team = mail_app.test_client()
    login(other_team, world["c"], clock)  # a contact person of team Zuid
    assert other_team.get(f"/medewerkers/huishoudens/{household}/termijnen").status_code == 404
    assert _extend(other_team, household, leerplicht, "2026-12-14", "x").status_code == 404
    lead = mail_app.test_client()
    login(lead, world["l"], clock)  # the lead of the household's team may
    assert (
        _extend(lead, household, leerplicht, "2026-12-14", "Drukte in het team.").status_code == 303
    )
    assert due_of(mail_app, leerplicht) == date(2026, 12, 14)


def test_an_english_applicant_is_told_in_english(mail_app, smtp, sms, world, clock):
    answers = family()
    answers["language"] = {"preferred": "en", "interpreter_needed": False}
    household, _ = submit(mail_app, answers)
    send_all(mail_app)
    smtp.received.clear()
    with mail_app.app_context():
        from portal.models import StaffMember
        from portal.services import deadlines

        outcome = db.session.get(HouseholdOutcome, outcome_of(mail_app, household, "leerplicht"))
        deadlines.extend(
            outcome,
            date(2026, 12, 14),
            "Advies school",
            by=db.session.get(StaffMember, world["a"].id),
        )
        db.session.commit()
    assert send_all(mail_app) == {"sent": 1}
    (mail,) = smtp.texts()
    assert "We need more time" in mail and "December 14, 2026" in mail
    assert "Advies" not in mail
