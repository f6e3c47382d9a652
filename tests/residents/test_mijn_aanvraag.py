"""What a resident sees on Mijn aanvraag: intakes and outcomes with status and deadline, the
contact person (and a notice when that changed), consents (with withdrawal), and who looked."""

from __future__ import annotations

from sqlalchemy import select

from portal.caseload.models import HouseholdOutcome
from portal.extensions import db
from portal.households import assignment
from portal.households.models import AuditEvent, CaseLogEntry, Consent
from portal.models import StaffMember
from tests.residents.conftest import (
    YOUSSEF,
    confirm_member,
    family,
    other_family,
    resident_login,
    submit,
    text,
)
from tests.staff.conftest import login, make_staff

FILE = "/medewerkers/huishoudens"


def test_intakes_outcomes_status_and_deadline(app, client, world, clock):
    household, reference = submit(app, family())
    with app.app_context():
        outcome = db.session.scalars(
            select(HouseholdOutcome).where(
                HouseholdOutcome.household_id == household, HouseholdOutcome.due_on.is_not(None)
            )
        ).first()
        outcome.status = "in_onderzoek"
        due = outcome.due_on
        db.session.commit()
    confirm_member(app, YOUSSEF)  # the partner, listed by Anouk, confirmed by staff
    resident_login(client, "youssef")
    body = text(client.get("/mijn/"))
    assert f"Aanvraag {reference} van 23 november 2026" in body  # reference and the day it came in
    assert "In onderzoek" in body and "Nieuw" in body
    assert "De gemeente moet reageren vóór" in body
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"]  # fmt: skip
    assert f"{due.day} {months[due.month - 1]} {due.year}" in body


def test_contact_person_and_the_notice_when_it_changed(app, client, world, clock):
    household, _reference = submit(app, family())
    resident_login(client, "anouk")
    body = text(client.get("/mijn/"))
    assert "A" in body and "a@test.example" in body and "Noord" in body
    assert "nieuwe contactpersoon" not in body
    with app.app_context():
        lead = db.session.get(StaffMember, world["l"].id)
        new = db.session.get(StaffMember, world["b"].id)
        assignment.hand_over(household, new, by=lead, note="Zwangerschapsverlof van A")
    body = text(client.get("/mijn/"))
    assert "U heeft een nieuwe contactpersoon: B." in body and "b@test.example" in body
    assert "Zwangerschapsverlof" not in body  # the handover note is for staff
    # Told once: the next visit shows the contact person without the notice.
    assert "nieuwe contactpersoon" not in text(client.get("/mijn/"))


def test_withdrawing_a_consent_asks_first_and_logs_it(app, client, world, clock):
    household, _reference = submit(app, family())
    with app.app_context():
        consent = Consent(
            household_id=household,
            organisation="Schuldhulp Midden",
            purpose="Een afspraak maken over uw schulden",
        )
        db.session.add(consent)
        db.session.commit()
        consent_id = consent.id
    resident_login(client, "anouk")
    body = text(client.get("/mijn/"))
    assert "Met Schuldhulp Midden, voor: Een afspraak maken over uw schulden." in body
    confirm = client.get(f"/mijn/toestemming/{consent_id}/intrekken")
    assert confirm.status_code == 200 and "Ja, trek mijn toestemming in" in text(confirm)
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_at is None  # asking changes nothing
    response = client.post(f"/mijn/toestemming/{consent_id}/intrekken")
    assert response.status_code == 303
    assert "Ingetrokken op" in text(client.get("/mijn/"))
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_at is not None
        log = db.session.scalars(
            select(CaseLogEntry).where(CaseLogEntry.household_id == household)
        ).all()
        assert any(e.kind == "consent_withdrawn" and "Schuldhulp Midden" in e.body for e in log)


def test_withdrawal_needs_the_csrf_token(app, world, clock):
    household, _reference = submit(app, family())
    with app.app_context():
        consent = Consent(household_id=household, organisation="Org", purpose="Doel")
        db.session.add(consent)
        db.session.commit()
        consent_id = consent.id
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    resident_login(client, "anouk")
    assert client.post(f"/mijn/toestemming/{consent_id}/intrekken").status_code == 400
    with app.app_context():
        assert db.session.get(Consent, consent_id).withdrawn_at is None


def test_who_looked_lists_the_reads_staff_made_and_nothing_else(app, client, world, clock):
    household, _reference = submit(app, family())
    resident_login(client, "anouk")
    assert "Er is nog niemand van de gemeente die uw gegevens zag." in text(
        client.get("/mijn/wie-bekeek-mijn-gegevens")
    )
    # The contact person opens the household file twice; the resident's own visits are no reads.
    staff = app.test_client()
    login(staff, world["a"], clock)
    assert staff.get(f"{FILE}/{household}").status_code == 200
    clock.advance(minutes=3)
    assert staff.get(f"{FILE}/{household}").status_code == 200
    assert staff.get(f"{FILE}/{household}/plan").status_code == 200
    client.get("/mijn/")
    # An admin with a written reason (the reason itself is not for the resident's page).
    admin = app.test_client()
    login(admin, world["admin"], clock)
    admin.post(
        f"{FILE}/{household}/inzage",
        data={"reason": "Klacht van de burger over een brief onderzoeken"},
    )
    assert admin.get(f"{FILE}/{household}").status_code == 200
    with app.app_context():
        rows = db.session.scalars(
            select(AuditEvent).where(AuditEvent.household_id == household)
        ).all()
    page = text(client.get("/mijn/wie-bekeek-mijn-gegevens"))
    assert (
        page.count("A (Contactpersoon, Gemeente Voorbeeldgemeente) heeft uw dossier bekeken.") == 2
    )
    # What was looked at, in the resident's words: the file, the plan.
    assert page.count("heeft uw ondersteuningsplan bekeken.") == 1
    assert "Waarom: U helpen als uw contactpersoon." in page
    assert "Beheer met vastgelegde reden" in page
    assert "Klacht van de burger" not in page
    # One line per audit row of this household, no more.
    assert page.count("Waarom:") == len(rows) >= 4
    assert "23 november 2026, 10:00" in page  # Dutch time (the test clock is 09:00 UTC)


def test_who_looked_never_shows_another_households_reads(app, client, world, clock):
    submit(app, family())

    other, _ = submit(app, other_family())
    staff = app.test_client()
    login(staff, world["c"], clock)  # team Zuid: the other family
    assert staff.get(f"{FILE}/{other}").status_code == 200
    resident_login(client, "anouk")
    assert "Er is nog niemand van de gemeente die uw gegevens zag." in text(
        client.get("/mijn/wie-bekeek-mijn-gegevens")
    )


def test_a_first_contact_person_is_announced_as_such(app, client, clock):
    # No team at all: the household waits for a contact person.
    household, _reference = submit(app, family())
    resident_login(client, "anouk")
    assert "U heeft nog geen contactpersoon" in text(client.get("/mijn/"))
    from tests.households.conftest import join, make_team

    team = make_team(app, "Vangnet", fallback=True)
    person = make_staff(app, "f@test.example", "contact_person")
    join(app, person, team)
    with app.app_context():
        assignment.assign_on_intake(db.session.get(assignment.Household, household))
        db.session.commit()
    body = text(client.get("/mijn/"))
    assert "U heeft nu een contactpersoon: F." in body
    assert "nieuwe contactpersoon" not in body and "vorige contactpersoon" not in body
