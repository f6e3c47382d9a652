"""A front-desk member sees only the form they are filling in now: not a colleague's, not a
resident's, not a sent one. Route by route."""

from __future__ import annotations

import pytest

from tests.frontdesk.conftest import FACTS, fill_all_pages, new_front_desk_draft
from tests.intake.helpers import submit, submit_token
from tests.staff.conftest import login, make_staff

INTAKE_ROUTES = [
    ("get", "/aanvraag/stap/over-u"),
    ("post", "/aanvraag/stap/over-u"),
    ("get", "/aanvraag/stap/huishouden"),
    ("get", "/aanvraag/hervatten"),
    ("get", "/aanvraag/opslaan"),
    ("post", "/aanvraag/verwijderen"),
    ("get", "/aanvraag/controleren"),
    ("post", "/aanvraag/versturen"),
    ("get", "/aanvraag/bevestiging"),
    ("get", "/aanvraag/bevestiging/afdrukken"),
    ("post", "/aanvraag/beginnen"),
    ("get", "/aanvraag/"),
    ("get", "/balie/afronden"),
    ("post", "/balie/afronden"),
]


@pytest.fixture
def desk_draft(app, desk, clock):
    """Desk member 1 has a form half filled in with a resident."""
    client = app.test_client()
    login(client, desk, clock)
    public_id = new_front_desk_draft(client)
    fill_all_pages(client)
    return client, public_id


def _planted(client, public_id):
    with client.session_transaction() as session:
        session["intake_draft"] = public_id
    return client


@pytest.mark.parametrize(("method", "path"), INTAKE_ROUTES)
def test_another_desk_member_is_refused_on_every_route(app, desk_draft, clock, method, path):
    _, public_id = desk_draft
    colleague = make_staff(app, "balie2@test.example", "front_desk")
    other = app.test_client()
    login(other, colleague, clock)
    response = getattr(_planted(other, public_id), method)(path)
    assert response.status_code == 403, (path, response.status_code)


@pytest.mark.parametrize(("method", "path"), INTAKE_ROUTES[:-2])
def test_a_resident_browser_is_refused_on_every_route(app, desk_draft, method, path):
    _, public_id = desk_draft
    response = getattr(_planted(app.test_client(), public_id), method)(path)
    assert response.status_code == 403, (path, response.status_code)


def test_staff_without_the_desk_role_are_refused(app, desk_draft, clock):
    _, public_id = desk_draft
    contact = make_staff(app, "contact@test.example", "contact_person")
    other = app.test_client()
    login(other, contact, clock)
    assert _planted(other, public_id).get("/aanvraag/controleren").status_code == 403


def test_a_colleague_cannot_open_or_list_the_draft(app, desk_draft, clock):
    _, public_id = desk_draft
    colleague = make_staff(app, "balie2@test.example", "front_desk")
    other = app.test_client()
    login(other, colleague, clock)
    assert other.post(f"/balie/{public_id}/openen").status_code == 404
    assert "Anna" not in other.get("/balie/").get_data(as_text=True)


def test_a_sent_form_is_gone_for_everyone_else_and_from_the_list(app, desk_draft, desk, clock):
    client, public_id = desk_draft
    client.post("/balie/afronden", data=FACTS)
    submit(client)
    colleague = make_staff(app, "balie2@test.example", "front_desk")
    other = app.test_client()
    login(other, colleague, clock)
    planted = _planted(other, public_id)
    assert planted.get("/aanvraag/bevestiging").status_code == 403
    assert planted.get("/aanvraag/bevestiging/afdrukken").status_code == 403
    # The desk member who sent it cannot open it again from the desk either.
    assert client.post(f"/balie/{public_id}/openen").status_code == 404
    assert "Anna" not in client.get("/balie/").get_data(as_text=True)


def test_after_logout_the_desk_form_is_closed_too(app, desk_draft, desk, clock):
    client, _ = desk_draft
    client.post("/balie/afronden", data=FACTS)
    token = submit_token(client)
    client.post("/medewerkers/uitloggen")
    # Logged out: the session is cleared, so no form is attached to this browser any more.
    response = client.post("/aanvraag/versturen", data={"submit_token": token})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/aanvraag/")
