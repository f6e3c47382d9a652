"""Issue #19: only those with the document's purpose open it. The household's own contact
person does (for a regime of the household, or its post), every open is an audit row the
resident reads in "Wie heeft mijn gegevens bekeken?"; the other contact person, the team lead,
the admin and the front desk do not, on the page nor by the download URL; after a handover
the new contact person does and the old one no longer."""

from __future__ import annotations

from portal.documents.models import Document
from portal.extensions import db
from portal.households.models import AccessGrant
from portal.models import Household, StaffMember
from portal.services import assignments
from tests.documents.conftest import pdf
from tests.documents.helpers import (
    MIJN,
    audit_rows,
    documents,
    family_household,
    file_page,
    upload,
)
from tests.residents.conftest import (
    YOUSSEF,
    confirm_member,
    other_family,
    resident_login,
    submit,
)
from tests.staff.conftest import login, text


def _sent_document(app, clock) -> tuple[int, Document]:
    household = family_household(app)
    resident = app.test_client()
    resident_login(resident, "anouk")
    response = upload(
        resident, f"regeling-{household}-wmo", (pdf(), "loonstrook.pdf", "application/pdf")
    )
    assert response.status_code == 303
    (document,) = documents(app)
    return household, document


def _staff(app, world, who, clock):
    client = app.test_client()
    login(client, world[who], clock)
    return client


def test_the_contact_person_opens_it_and_the_resident_sees_who_looked(app, world, clock, store_dir):
    household, document = _sent_document(app, clock)
    a = _staff(app, world, "a", clock)
    page = a.get(file_page(household))
    assert page.status_code == 200
    assert "loonstrook.pdf" in text(page) and "Wet maatschappelijke ondersteuning 2015" in text(
        page
    )
    response = a.get(f"{file_page(household)}/{document.id}")
    assert response.status_code == 200 and response.data[:5] == b"%PDF-"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    (row,) = audit_rows(app, "document:")
    assert (row.action, row.what, row.role, row.staff_id) == (
        "export",
        f"document:{document.id}",
        "contact_person",
        world["a"].id,
    )
    resident = app.test_client()
    resident_login(resident, "anouk")
    looks = text(resident.get("/mijn/wie-bekeek-mijn-gegevens"))
    assert "heeft een document gedownload of geprint" in looks
    assert "heeft de lijst van uw documenten bekeken" in looks
    # the partner reads the household's list, but not that Anouk's document was opened
    confirm_member(app, YOUSSEF)
    partner = app.test_client()
    resident_login(partner, "youssef")
    looks = text(partner.get("/mijn/wie-bekeek-mijn-gegevens"))
    assert "heeft de lijst van uw documenten bekeken" in looks
    assert "heeft een document gedownload of geprint" not in looks


def test_who_may_not_open_it_gets_the_same_answer_as_for_nothing(app, world, clock, store_dir):
    household, document = _sent_document(app, clock)
    download = f"{file_page(household)}/{document.id}"
    b = _staff(app, world, "b", clock)  # a contact person of the same team, not this household's
    assert b.get(file_page(household)).status_code == 404
    assert b.get(download).status_code == 404
    lead = _staff(app, world, "l", clock)  # the team lead distributes work, does not read it
    assert lead.get(file_page(household)).status_code == 403
    assert lead.get(download).status_code == 404
    desk = _staff(app, world, "desk", clock)
    assert desk.get(file_page(household)).status_code == 403
    assert desk.get(download).status_code == 403
    admin = _staff(app, world, "admin", clock)
    with app.app_context():  # even with a logged reason of access to the household
        db.session.add(
            AccessGrant(
                staff_id=world["admin"].id,
                household_id=household,
                reason="Klacht onderzoeken",
                granted_at=clock(),
                expires_at=clock().replace(year=2030),
            )
        )
        db.session.commit()
    assert admin.get(download).status_code == 404
    refused = [r for r in audit_rows(app, "document:") if r.action == "refused"]
    assert len(refused) == 3  # B, the lead and the admin each left a trace
    assert all(r.action != "export" for r in audit_rows(app, "document:"))
    a = _staff(app, world, "a", clock)
    assert a.get(f"{file_page(household)}/{document.id + 1}").status_code == 404
    other, _reference = submit(app, other_family())  # team Zuid's; a wrong id in the URL
    assert a.get(f"{file_page(other)}/{document.id}").status_code == 404


def test_a_document_for_a_purpose_the_household_does_not_have_is_not_opened(
    app, world, clock, store_dir
):
    household, document = _sent_document(app, clock)
    with app.app_context():
        db.session.get(Document, document.id).purpose = "wlz"  # no such outcome here
        db.session.commit()
    a = _staff(app, world, "a", clock)
    assert a.get(f"{file_page(household)}/{document.id}").status_code == 404
    assert "loonstrook.pdf" not in text(a.get(file_page(household)))


def test_after_a_handover_the_new_contact_person_opens_it_and_the_old_one_not(
    app, world, clock, store_dir
):
    household, document = _sent_document(app, clock)
    with app.app_context():
        lead = db.session.get(StaffMember, world["l"].id)
        new = db.session.get(StaffMember, world["b"].id)
        assignments.hand_over(household, new, by=lead, note="Verlof van A")
    b = _staff(app, world, "b", clock)
    assert b.get(f"{file_page(household)}/{document.id}").status_code == 200
    a = _staff(app, world, "a", clock)
    assert a.get(f"{file_page(household)}/{document.id}").status_code == 404


def test_in_a_protected_household_only_its_contact_person_opens_documents(
    app, world, clock, store_dir
):
    household, document = _sent_document(app, clock)
    with app.app_context():
        protected = db.session.get(Household, household)
        protected.protected_since, protected.protected_reason = clock(), "Dreiging ex-partner"
        db.session.commit()
    a = _staff(app, world, "a", clock)
    assert a.get(f"{file_page(household)}/{document.id}").status_code == 200
    lead = _staff(app, world, "l", clock)
    response = lead.post(
        f"/medewerkers/huishoudens/{household}/inzage", data={"reason": "Overdracht voorbereiden"}
    )
    assert response.status_code in (302, 303)
    assert lead.get(f"{file_page(household)}/{document.id}").status_code == 404


def test_the_resident_documents_page_lists_only_their_own(app, world, clock, store_dir):
    household, _document = _sent_document(app, clock)
    resident = app.test_client()
    resident_login(resident, "anouk")
    assert "loonstrook.pdf" in text(resident.get(MIJN))
    assert household
