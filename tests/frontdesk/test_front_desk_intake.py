"""The front desk fills in the resident's own form with them: same pages, same checks, a dense
layout, identity and agreement recorded, the intake registered as the resident's."""

from __future__ import annotations

import re

import pytest

from portal.drafts import Draft
from portal.extensions import db
from portal.models import Intake
from tests.frontdesk.conftest import FACTS, fill_all_pages, new_front_desk_draft
from tests.intake.helpers import post, submit, submit_token, text
from tests.staff.conftest import login, make_staff


def test_front_desk_fills_in_checks_identity_and_submits_for_the_resident(app, client, desk, clock):
    login(client, desk, clock)
    start = client.get("/balie/")
    assert start.status_code == 200 and "Nieuwe aanvraag aan de balie" in text(start)
    response = client.post("/balie/nieuw")
    assert response.headers["Location"].endswith("/aanvraag/stap/over-u")
    with app.app_context():
        draft = db.session.query(Draft).one()
        assert draft.channel == "front_desk" and draft.acting_staff_id == desk.id
    fill_all_pages(client)
    # Before the check page: identity and agreement.
    response = client.get("/aanvraag/controleren")
    assert response.headers["Location"].endswith("/balie/afronden")
    refused = client.post("/balie/afronden", data={})
    assert refused.status_code == 400
    assert "Controleer de identiteit van de aanvrager" in text(refused)
    assert "Kies het document" in text(refused)
    assert "Vraag of de aanvrager akkoord is" in text(refused)
    tampered = client.post("/balie/afronden", data={**FACTS, "identity_document": "bibliotheekpas"})
    assert tampered.status_code == 400
    response = client.post("/balie/afronden", data=FACTS)
    assert response.headers["Location"].endswith("/aanvraag/controleren")
    check = client.get("/aanvraag/controleren")
    assert check.status_code == 200
    assert "Aan de balie" in text(check) and "Paspoort" in text(check)
    response = submit(client)
    assert response.headers["Location"].endswith("/aanvraag/bevestiging")
    with app.app_context():
        intake = db.session.query(Intake).one()
        assert intake.channel == "front_desk"
        assert intake.answers["channel"] == "front_desk"
        assert intake.acting_staff_id == desk.id
        assert intake.identity_document == "paspoort"
        assert intake.identity_checked_at is not None and intake.resident_agreed_at is not None
        assert intake.household.members[0].given_name == "Anna"
    confirmation = client.get("/aanvraag/bevestiging")
    assert intake.reference in text(confirmation)
    assert "Klaar: sluit deze aanvraag op dit scherm" in text(confirmation)
    # Closing it: the confirmation (and the household) is no longer reachable from this screen.
    client.post("/balie/klaar")
    assert client.get("/aanvraag/bevestiging").headers["Location"].endswith("/aanvraag/")
    assert "Uw open aanvragen" not in text(client.get("/balie/"))


def test_sending_without_identity_and_agreement_is_refused(app, client, desk, clock):
    login(client, desk, clock)
    new_front_desk_draft(client)
    fill_all_pages(client)
    client.post("/balie/afronden", data=FACTS)
    token = submit_token(client)
    # Facts removed again (as if never recorded): the send goes to the front-desk page.
    with app.app_context():
        draft = db.session.query(Draft).one()
        draft.state = {k: v for k, v in draft.state.items() if k != "front_desk"}
        db.session.commit()
    response = client.post("/aanvraag/versturen", data={"submit_token": token})
    assert response.headers["Location"].endswith("/balie/afronden")
    with app.app_context():
        assert db.session.query(Intake).count() == 0


def test_same_validation_as_the_resident(client, desk, clock):
    login(client, desk, clock)
    new_front_desk_draft(client)
    response = post(client, "over-u", {"given_name": "", "birth_date-day": "3"})
    assert response.status_code == 400
    assert "Vul in: Uw voornaam" in text(response)


def test_dense_layout_is_keyboard_first(client, desk, clock):
    login(client, desk, clock)
    new_front_desk_draft(client)
    html = client.get("/aanvraag/stap/vraag").get_data(as_text=True)
    assert 'class="intake--dense"' in html
    assert "autofocus" not in html and 'tabindex="1' not in html
    form = re.search(r'<form method="post" novalidate[^>]*>(.*?)</form>', html, re.S).group(1)
    last_field = max(form.rfind("<textarea"), form.rfind("<input"))
    first_button_after = form.find("<button", last_field)
    assert "utrecht-button--primary-action" in form[first_button_after : first_button_after + 120]
    # The explanation is folded away below the button, not above the question.
    assert form.find("why-asked") == -1
    assert '<details class="why-asked' in html
    assert html.index("Opslaan en verder") < html.index("<details")
    # No resume code for a desk form: pausing keeps it in the desk's own list.
    assert "Stoppen en later verdergaan" not in html
    assert client.get("/aanvraag/opslaan").headers["Location"].endswith("/balie/")


def test_resident_pages_keep_the_normal_layout(client):
    from tests.intake.helpers import begin

    begin(client)
    html = client.get("/aanvraag/stap/vraag").get_data(as_text=True)
    assert "intake--dense" not in html and "<details" not in html
    assert "Stoppen en later verdergaan" in html


def test_intake_pages_of_a_desk_form_are_not_cached(client, desk, clock):
    login(client, desk, clock)
    new_front_desk_draft(client)
    assert client.get("/aanvraag/stap/over-u").headers["Cache-Control"] == "no-store"


def test_the_desk_can_pause_and_pick_up_its_own_forms(app, client, desk, clock):
    login(client, desk, clock)
    first = new_front_desk_draft(client)
    from tests.intake.helpers import ok, person

    ok(client, "over-u", person("Anna", "de Vries", "1980-04-02", "111222333"))
    second = new_front_desk_draft(client)
    assert first != second
    listing = text(client.get("/balie/"))
    assert "Verder met de aanvraag van Anna de Vries" in listing
    response = client.post(f"/balie/{first}/openen")
    assert response.status_code == 303
    with client.session_transaction() as session:
        assert session["intake_draft"] == first


@pytest.mark.parametrize("roles", ["contact_person", "team_lead", "ontschotter", "admin"])
def test_only_front_desk_staff_open_the_desk(app, clock, roles):
    account = make_staff(app, f"{roles}@test.example", roles)
    client = app.test_client()
    login(client, account, clock)
    assert client.get("/balie/").status_code == 403
    assert client.post("/balie/nieuw").status_code == 403


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/balie/"),
        ("post", "/balie/nieuw"),
        ("get", "/balie/afronden"),
        ("post", "/balie/klaar"),
    ],
)
def test_anonymous_is_sent_to_login(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert "/medewerkers/inloggen" in response.headers["Location"]


def test_the_staff_cookie_stays_a_browser_session_cookie(client, desk, clock):
    login(client, desk, clock)
    new_front_desk_draft(client)
    assert client.get_cookie("session").expires is None


@pytest.mark.parametrize(("document", "verified"), [("identiteitskaart", True), ("other", False)])
def test_only_a_document_with_a_bsn_verifies_the_applicant(
    app, client, desk, clock, document, verified
):
    """A passport, ID card, driving licence or residence document shows the BSN the desk
    vouches for; "another document" does not, so the applicant stays unverified (issue #12)."""
    login(client, desk, clock)
    new_front_desk_draft(client)
    fill_all_pages(client)
    client.post("/balie/afronden", data={**FACTS, "identity_document": document})
    assert submit(client).headers["Location"].endswith("/aanvraag/bevestiging")
    with app.app_context():
        applicant = db.session.query(Intake).one().household.members[0]
        assert applicant.identity_verified is verified
        assert applicant.verified_via == ("desk" if verified else None)


def test_a_walk_in_intake_and_its_confirmation_are_audited(app, client, desk, clock):
    """Issue #14: the desk's intake for a walk-in, its confirmation and its print each leave an
    audit row for that household, with the employee and the front-desk role."""
    from sqlalchemy import select

    from portal.households.models import AuditEvent

    login(client, desk, clock)
    new_front_desk_draft(client)
    fill_all_pages(client)
    client.post("/balie/afronden", data=FACTS)
    submit(client)
    client.get("/aanvraag/bevestiging")
    client.get("/aanvraag/bevestiging/afdrukken")
    with app.app_context():
        intake = db.session.query(Intake).one()
        rows = db.session.scalars(
            select(AuditEvent).where(AuditEvent.household_id == intake.household_id)
        ).all()
        assert [(r.action, r.what, r.role, r.staff_id) for r in rows] == [
            ("change", f"intake:{intake.id}", "front_desk", desk.id),
            ("read", f"intake:{intake.id}:confirmation", "front_desk", desk.id),
            ("export", f"intake:{intake.id}:print", "front_desk", desk.id),
        ]
