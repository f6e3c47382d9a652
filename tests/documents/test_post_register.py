"""Issue #17, the household's post: the contact person registers letters in and out with an
organisation, the letter itself (through the same checks as every upload) and an action with a
due date that lands in the caseload; the register follows the household to a new contact
person; the team lead reads it, the front desk and other contact persons do not; a wrong file
is refused and nothing typed is lost."""

from __future__ import annotations

from datetime import date

from portal.caseload.models import HouseholdDue
from portal.documents.models import PostItem
from portal.extensions import db
from portal.models import StaffMember
from portal.services import assignments
from tests.documents.conftest import FORTY_MB, disguised_executable, pdf, stored_files
from tests.documents.helpers import audit_rows, documents, family_household, files, post_page
from tests.staff.conftest import login, text

LETTER = {
    "dated_on": "2026-11-20",
    "direction": "in",
    "organisation": "cak",
    "organisation_name": "",
    "subject": "Eigen bijdrage Wmo 2027",
    "action": "Bezwaar maken tegen de hoogte",
    "action_due_on": "2026-11-25",
}


def _staff(app, world, who, clock):
    client = app.test_client()
    login(client, world[who], clock)
    return client


def _register(client, household, letter=LETTER, *attached):
    data = dict(letter)
    if attached:
        data["bestand"] = files(*attached)
    return client.post(post_page(household), data=data, content_type="multipart/form-data")


def _due(app, household) -> HouseholdDue:
    with app.app_context():
        row = db.session.get(HouseholdDue, household)
        db.session.expunge_all()
        return row


def test_a_letter_with_an_action_lands_in_the_caseload(app, world, clock, store_dir):
    household = family_household(app)
    a = _staff(app, world, "a", clock)
    response = _register(a, household, LETTER, (pdf(), "brief-cak.pdf", "application/pdf"))
    assert response.status_code == 303, text(response)[:600]
    body = text(a.get(post_page(household)))
    assert "CAK" in body and "Eigen bijdrage Wmo 2027" in body and "brief openen" in body
    assert "Bezwaar maken tegen de hoogte" in body and "uiterlijk 25-11-2026" in body
    (document,) = documents(app)
    assert (document.purpose, document.source) == ("post", "post")
    due = _due(app, household)
    assert (due.next_due_on, due.due_kind) == (date(2026, 11, 25), "post")
    caseload = text(a.get("/medewerkers/caseload"))
    assert "Post: actie" in caseload
    # the letter opens for the contact person, audited
    assert (
        a.get(f"/medewerkers/huishoudens/{household}/documenten/{document.id}").status_code == 200
    )
    assert [r.action for r in audit_rows(app, f"document:{document.id}")] == ["export"]
    assert [r.action for r in audit_rows(app, "post_item:")] == ["change"]
    # done: the caseload goes back to the statutory terms
    with app.app_context():
        item_id = db.session.query(PostItem.id).scalar()
    assert a.post(f"{post_page(household)}/{item_id}/afgehandeld").status_code == 303
    assert _due(app, household).due_kind != "post"
    assert "afgehandeld" in text(a.get(post_page(household)))


def test_a_wrong_file_is_refused_and_nothing_typed_is_lost(app, world, clock, store_dir):
    household = family_household(app)
    a = _staff(app, world, "a", clock)
    response = _register(
        a, household, LETTER, (disguised_executable(), "brief.pdf", "application/pdf")
    )
    assert response.status_code == 400
    body = text(response)
    assert "brief.pdf is niet bewaard. Dit is geen PDF, JPG of PNG." in body
    assert "De brief is nog niet vastgelegd." in body
    html = response.get_data(as_text=True)
    assert 'value="Eigen bijdrage Wmo 2027"' in html and "Bezwaar maken tegen de hoogte" in html
    with app.app_context():
        assert db.session.query(PostItem).count() == 0
    assert documents(app) == [] and stored_files(store_dir) == []


def test_a_40_mb_letter_is_refused_clearly_for_staff_too(app, world, clock, store_dir):
    household = family_household(app)
    a = _staff(app, world, "a", clock)
    response = _register(a, household, LETTER, (FORTY_MB, "scan.pdf", "application/pdf"))
    assert response.status_code == 400
    assert "scan.pdf is niet bewaard. Het bestand is te groot." in text(response)
    anonymous = app.test_client()  # no log-in: the 1 MB limit of every other form
    response = _register(anonymous, household, LETTER, (FORTY_MB, "scan.pdf", "application/pdf"))
    assert response.status_code in (302, 413)
    assert documents(app) == []


def test_an_action_needs_a_date_and_other_needs_a_name(app, world, clock, store_dir):
    household = family_household(app)
    a = _staff(app, world, "a", clock)
    response = _register(a, household, {**LETTER, "action_due_on": ""})
    assert response.status_code == 400
    assert "Vul in wanneer de actie klaar moet zijn." in text(response)
    response = _register(a, household, {**LETTER, "organisation": "anders"})
    assert response.status_code == 400 and "Vul de naam van de organisatie in." in text(response)
    response = _register(a, household, {**LETTER, "organisation": "iets"})
    assert response.status_code == 400
    response = _register(a, household, {**LETTER, "action": "", "action_due_on": ""})
    assert response.status_code == 303  # a letter without an action is fine


def test_the_register_follows_the_household_to_the_new_contact_person(app, world, clock, store_dir):
    household = family_household(app)
    a = _staff(app, world, "a", clock)
    assert (
        _register(a, household, LETTER, (pdf(), "brief.pdf", "application/pdf")).status_code == 303
    )
    with app.app_context():
        lead = db.session.get(StaffMember, world["l"].id)
        assignments.hand_over(
            household, db.session.get(StaffMember, world["b"].id), by=lead, note="Verlof"
        )
    b = _staff(app, world, "b", clock)
    body = text(b.get(post_page(household)))
    assert "Eigen bijdrage Wmo 2027" in body and "brief openen" in body
    assert "Post: actie" in text(b.get("/medewerkers/caseload"))
    assert a.get(post_page(household)).status_code == 404


def test_who_sees_the_register(app, world, clock, store_dir):
    household = family_household(app)
    a = _staff(app, world, "a", clock)
    _register(a, household, LETTER, (pdf(), "brief.pdf", "application/pdf"))
    (document,) = documents(app)
    lead = _staff(app, world, "l", clock)
    body = text(lead.get(post_page(household)))
    assert (
        "Eigen bijdrage Wmo 2027" in body and "brief bewaard" in body and "brief openen" not in body
    )
    assert (
        lead.get(f"/medewerkers/huishoudens/{household}/documenten/{document.id}").status_code
        == 404
    )
    assert _staff(app, world, "desk", clock).get(post_page(household)).status_code == 403
    assert _staff(app, world, "b", clock).get(post_page(household)).status_code == 404
    assert _staff(app, world, "c", clock).get(post_page(household)).status_code == 404
    assert _staff(app, world, "admin", clock).get(post_page(household)).status_code == 403
