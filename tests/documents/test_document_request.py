"""Issue #19, "a document asked for": the contact person asks what, why and by when; the
resident is told there is news by e-mail through a real SMTP server (never what is asked),
sees the request on Mijn aanvraag, answers it with an upload, and the contact person sees it
came in. A protected household hears only through the safe number."""

from __future__ import annotations

from sqlalchemy import select

from portal.documents.models import DocumentRequest
from portal.extensions import db
from portal.messages.models import DOCUMENT_REQUESTED, Message
from tests.documents.conftest import pdf
from tests.documents.helpers import MIJN, documents, file_page, upload
from tests.messages.test_messages import (
    ANOUK_MAIL,
    SAFE_PHONE,
    SENSITIVE,
    protected_family,
    send_all,
)
from tests.residents.conftest import family, resident_login, submit
from tests.staff.conftest import login, text

ASKED = {
    "what": "Uw bankafschriften van oktober",
    "why": "Wij kijken of u recht heeft op bijzondere bijstand.",
    "due_on": "2026-12-07",
}


def _ask(app, world, clock, household, **changes):
    a = app.test_client()
    login(a, world["a"], clock)
    page = a.get(file_page(household))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    member_id = html.split('name="member"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    data = {"member": member_id, "purpose": "participatiewet", **ASKED, **changes}
    return a, a.post(f"{file_page(household)}/vragen", data=data)


def test_the_request_reaches_a_real_smtp_server_without_what_is_asked(
    mail_app, smtp, sms, world, clock, store_dir
):
    household, _reference = submit(mail_app, family())
    send_all(mail_app)  # the intake-received mail
    smtp.received.clear()
    a, response = _ask(mail_app, world, clock, household)
    assert response.status_code == 303, text(response)[:600]
    with mail_app.app_context():
        row = db.session.scalars(select(Message).where(Message.event == DOCUMENT_REQUESTED)).one()
        assert row.channel == "email" and row.address == ANOUK_MAIL
    send_all(mail_app)
    assert smtp.recipients() == [ANOUK_MAIL]
    (mail,) = smtp.texts()
    assert "De gemeente vraagt u om een document." in mail
    assert "https://loket.voorbeeld.example/mijn/" in mail
    for secret in ("bankafschriften", "bijzondere bijstand", "oktober", "7 december", *SENSITIVE):
        assert secret.lower() not in mail.lower(), secret
    # the resident sees what is asked, why and by when, and answers it
    resident = mail_app.test_client()
    resident_login(resident, "anouk")
    assert "De gemeente vraagt u 1 document te sturen." in text(resident.get("/mijn/"))
    page = resident.get(MIJN)
    body = text(page)
    assert "Uw bankafschriften van oktober" in body and "uiterlijk 7 december 2026" in body
    assert "Wij kijken of u recht heeft op bijzondere bijstand." in body
    with mail_app.app_context():
        asked = db.session.scalars(select(DocumentRequest)).one()
    assert f'value="vraag-{asked.id}"' in page.get_data(as_text=True)
    response = upload(resident, f"vraag-{asked.id}", (pdf(), "bank.pdf", "application/pdf"))
    assert response.status_code == 303
    (document,) = documents(mail_app)
    assert (document.purpose, document.request_id) == ("participatiewet", asked.id)
    assert "De gemeente vraagt u nu niets." in text(resident.get(MIJN))
    staff_page = text(a.get(file_page(household)))
    assert "bank.pdf" in staff_page and "gestuurd op" in staff_page
    assert "Document gevraagd" in text(
        _admin(mail_app, world, clock).get("/medewerkers/beheer/berichten")
    )


def _admin(app, world, clock):
    admin = app.test_client()
    login(admin, world["admin"], clock)
    return admin


def test_a_protected_household_hears_only_through_the_safe_number(
    mail_app, smtp, sms, world, clock, store_dir
):
    household, _reference = submit(mail_app, protected_family())
    send_all(mail_app)
    smtp.received.clear()
    sms.clear()
    _a, response = _ask(mail_app, world, clock, household)
    assert response.status_code == 303
    send_all(mail_app)
    assert smtp.received == []
    assert [m["to"] for m in sms] == [SAFE_PHONE]
    assert "bankafschriften" not in sms[0]["text"]
    assert "De gemeente vraagt u iets" in sms[0]["text"]


def test_a_request_needs_what_why_and_a_date_that_is_not_past(
    mail_app, smtp, sms, world, clock, store_dir
):
    household, _reference = submit(mail_app, family())
    _a, response = _ask(mail_app, world, clock, household, what="", due_on="2026-01-01")
    assert response.status_code == 400
    assert "Schrijf welk document u vraagt." in text(response)
    _a, response = _ask(mail_app, world, clock, household, due_on="2026-01-01")
    assert response.status_code == 400 and "De datum ligt in het verleden." in text(response)
    html = response.get_data(as_text=True)
    assert "Wij kijken of u recht heeft op bijzondere bijstand." in html  # kept
    with mail_app.app_context():
        assert db.session.scalars(select(DocumentRequest)).all() == []
        assert (
            db.session.scalars(select(Message).where(Message.event == DOCUMENT_REQUESTED)).all()
            == []
        )
