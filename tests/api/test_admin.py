"""Beheer of API clients: only an admin; the token is shown once and only its hash is kept;
revoking works at once; and the same from the command line."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.api.models import ApiClient
from portal.api.tokens import hash_token
from portal.extensions import db
from tests.api.conftest import bearer, login, make_staff, text

PAGE = "/medewerkers/beheer/api-koppelingen"


def test_an_admin_makes_a_client_and_sees_the_token_once(app, client, clock):
    login(client, make_staff(app, "beheer@test.example", "admin"), clock)
    response = client.post(PAGE, data={"name": "Intake-app welzijn", "scopes": ["intakes:submit"]})
    assert response.status_code == 201
    token = re.search(r"elk_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}", response.get_data(as_text=True))
    assert token, text(response)
    with app.app_context():
        found = db.session.scalars(select(ApiClient)).one()
        assert found.token_hash == hash_token(token.group(0))
        assert token.group(0) not in (found.token_hash, found.token_prefix, found.scopes)
        assert found.created_by_id is not None
    # the token works, for its scope only
    assert (
        client.post("/api/v1/intakes", json={}, headers=bearer(token.group(0))).status_code == 422
    )
    # the list shows the prefix, never the token again
    again = client.get(PAGE)
    assert token.group(0) not in again.get_data(as_text=True)
    assert "Intake-app welzijn" in text(again) and "intakes:submit" in text(again)


def test_a_client_needs_a_name_and_a_scope(app, client, clock):
    login(client, make_staff(app, "beheer@test.example", "admin"), clock)
    response = client.post(PAGE, data={"name": "", "scopes": []})
    assert response.status_code == 400
    assert "Kies minstens één recht" in text(response)
    response = client.post(PAGE, data={"name": "x", "scopes": ["alles:mag"]})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(ApiClient)).first() is None


def test_revoking_stops_the_token(app, client, clock):
    login(client, make_staff(app, "beheer@test.example", "admin"), clock)
    page = client.post(PAGE, data={"name": "Zaaksysteem", "scopes": ["households:read"]})
    token = re.search(r"elk_[0-9a-f]{8}_[A-Za-z0-9_-]{40,}", page.get_data(as_text=True)).group(0)
    with app.app_context():
        client_id = db.session.scalars(select(ApiClient.id)).one()
    response = client.post(f"{PAGE}/{client_id}/intrekken")
    assert response.status_code == 303
    assert "werkt niet meer" in text(client.get(PAGE))
    assert client.get("/api/v1/households/1", headers=bearer(token)).status_code == 401


def test_other_roles_may_not_manage_clients(app, client, clock):
    login(client, make_staff(app, "cp@test.example", "contact_person,team_lead"), clock)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"name": "x", "scopes": ["plans:read"]}).status_code == 403


def test_the_command_line_makes_lists_and_revokes(app, runner, client):
    result = runner.invoke(
        args=["api-client", "create", "Zaaksysteem", "--scope", "households:read"]
    )
    assert result.exit_code == 0, result.output
    token = re.search(r"elk_\S+", result.output).group(0)
    assert client.get("/api/v1/households/1", headers=bearer(token)).status_code == 404
    listing = runner.invoke(args=["api-client", "list"])
    assert "Zaaksysteem" in listing.output and token not in listing.output
    client_id = listing.output.split("\t", 1)[0]
    assert runner.invoke(args=["api-client", "revoke", client_id]).exit_code == 0
    assert client.get("/api/v1/households/1", headers=bearer(token)).status_code == 401
    wrong = runner.invoke(args=["api-client", "create", "X", "--scope", "alles"])
    assert wrong.exit_code != 0
