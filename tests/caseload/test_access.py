"""Who may open the caseload pages, and who may change an outcome (only the household's active
contact person: anyone else gets 404, and nothing changes)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.caseload.models import HouseholdOutcome, HouseholdOutcomeStatusChange
from portal.extensions import db
from tests.caseload.conftest import assign, file_intake, outcome
from tests.staff.conftest import login, make_staff, text

PAGES = [("get", "/medewerkers/caseload"), ("get", "/medewerkers/uitkomsten/{id}")]


@pytest.fixture
def own_outcome(app, contact) -> int:
    with app.app_context():
        intake = file_intake(submitted_on=date(2026, 3, 2), outcomes=[outcome()])
        assign(intake.household_id, contact.id)
        db.session.commit()
        return db.session.scalars(select(HouseholdOutcome.id)).one()


def test_every_caseload_route_is_a_staff_route_with_a_role_rule(app):
    endpoints = {r.endpoint: r.rule for r in app.url_map.iter_rules() if "caseload" in r.endpoint}
    assert endpoints == {
        "staff.caseload.index": "/medewerkers/caseload",
        "staff.caseload.outcome": "/medewerkers/uitkomsten/<int:outcome_id>",
        "staff.caseload.team": "/medewerkers/caseload/team",
    }
    for endpoint in endpoints:  # walked by tests/staff: test_every_staff_route_has_a_rule
        expected = {"contact_person", "team_lead"}
        if endpoint == "staff.caseload.team":
            expected = {"team_lead"}  # the whole team's caseload is for its lead
        assert set(app.view_functions[endpoint].required_roles) == expected


@pytest.mark.parametrize(("method", "path"), [*PAGES, ("post", "/medewerkers/uitkomsten/{id}")])
def test_anonymous_goes_to_login_and_other_roles_get_403(app, clock, own_outcome, method, path):
    client = app.test_client()
    response = getattr(client, method)(path.format(id=own_outcome))
    assert response.status_code == 302
    assert "/medewerkers/inloggen" in response.headers["Location"]
    desk = make_staff(app, "loket@test.example", "front_desk,admin")
    login(client, desk, clock)
    response = getattr(client, method)(path.format(id=own_outcome), data={"status": "in_onderzoek"})
    assert response.status_code == 403
    assert response.headers["Cache-Control"] == "no-store"


def test_the_contact_person_changes_the_status(app, contact, clock, own_outcome):
    client = app.test_client()
    login(client, contact, clock)
    page = client.get(f"/medewerkers/uitkomsten/{own_outcome}")
    assert page.status_code == 200
    assert "13 april 2026" in text(page)
    response = client.post(
        f"/medewerkers/uitkomsten/{own_outcome}",
        data={"status": "in_onderzoek", "note": "Gesprek gepland"},
    )
    assert response.status_code == 303
    page = text(client.get(f"/medewerkers/uitkomsten/{own_outcome}"))
    assert "De status is nu: In onderzoek." in page and "Gesprek gepland" in page
    # A step the rules do not allow is refused with a message; nothing changes.
    response = client.post(f"/medewerkers/uitkomsten/{own_outcome}", data={"status": "closed"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(HouseholdOutcome, own_outcome).status == "in_onderzoek"


@pytest.mark.parametrize("roles", ["contact_person", "team_lead", "contact_person,team_lead"])
def test_someone_else_cannot_see_or_change_an_outcome(app, clock, own_outcome, roles):
    stranger = make_staff(app, "ander@test.example", roles)
    client = app.test_client()
    login(client, stranger, clock)
    assert client.get(f"/medewerkers/uitkomsten/{own_outcome}").status_code == 404
    response = client.post(f"/medewerkers/uitkomsten/{own_outcome}", data={"status": "referred"})
    assert response.status_code == 404
    assert client.get(f"/medewerkers/uitkomsten/{own_outcome + 1000}").status_code == 404
    with app.app_context():
        assert db.session.get(HouseholdOutcome, own_outcome).status == "new"
        assert db.session.scalars(select(HouseholdOutcomeStatusChange)).all() == []


def test_after_a_handover_the_old_contact_person_loses_access(app, contact, clock, own_outcome):
    from datetime import UTC, datetime

    from portal.households.models import ContactAssignment

    successor = make_staff(app, "opvolger@test.example", "contact_person")
    with app.app_context():
        active = db.session.scalars(select(ContactAssignment)).one()
        active.ended_at = datetime.now(UTC)
        db.session.flush()
        assign(active.household_id, successor.id)
        db.session.commit()
    client = app.test_client()
    login(client, contact, clock)
    assert client.get(f"/medewerkers/uitkomsten/{own_outcome}").status_code == 404
    assert "huishoudens/" not in client.get("/medewerkers/caseload").get_data(as_text=True)
    login(client, successor, clock)
    assert client.get(f"/medewerkers/uitkomsten/{own_outcome}").status_code == 200


def test_the_household_file_link_is_a_staff_route(app):
    """The caseload links to `/medewerkers/huishoudens/<id>` (portal/households)."""
    endpoint, arguments = app.url_map.bind("localhost").match("/medewerkers/huishoudens/7")
    assert endpoint.startswith("staff.") and arguments == {"household_id": 7}
    assert app.view_functions[endpoint].required_roles


def test_reads_and_changes_are_in_the_audit_trail(app, contact, clock, own_outcome):
    from portal.households.models import AuditEvent

    client = app.test_client()
    login(client, contact, clock)
    client.get("/medewerkers/caseload")
    client.get(f"/medewerkers/uitkomsten/{own_outcome}")
    client.post(f"/medewerkers/uitkomsten/{own_outcome}", data={"status": "in_onderzoek"})
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        household_id = db.session.get(HouseholdOutcome, own_outcome).household_id
        assert [(e.action, e.what.split(":")[0], e.household_id) for e in events] == [
            ("search", "caseload.index", None),
            # the list showed this household: its resident's "who looked" says so (issue #14)
            ("search", "caseload.index", household_id),
            ("read", "household_outcome", household_id),
            ("change", "household_outcome_status_change", household_id),
        ]
        assert {e.staff_id for e in events} == {contact.id}
