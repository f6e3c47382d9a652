"""Who may call which route: no token 401, a wrong or revoked token 401, a token without the
route's scope 403 (before anything is looked up), an unknown or hidden id 404. Every answer is
application/problem+json."""

from __future__ import annotations

import pytest

from portal.api import tokens
from portal.api.models import ApiClient
from portal.extensions import db
from tests.api.conftest import bearer, make_token

# (method, path with {id}, scope): every route that needs a token
ROUTES = [
    ("GET", "/api/v1/households/{id}", "households:read"),
    ("GET", "/api/v1/households/{id}/outcomes", "outcomes:read"),
    ("GET", "/api/v1/households/{id}/plan", "plans:read"),
    ("GET", "/api/v1/intakes/SD-2026-ABCDEF", "intakes:submit"),
    ("POST", "/api/v1/intakes", "intakes:submit"),
]


def _call(client, method, path, household_id=1, **kwargs):
    return client.open(path.format(id=household_id), method=method, json={}, **kwargs)


def _is_problem(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


@pytest.mark.parametrize(("method", "path", "scope"), ROUTES)
def test_without_a_token_the_answer_is_401_with_a_bearer_challenge(client, method, path, scope):
    response = _call(client, method, path)
    body = _is_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in body["detail"]


@pytest.mark.parametrize(
    "token",
    ["", "elk_", "elk_00000000_wrong", "iets-anders", "elk_' OR 1=1 --_x"],
)
def test_a_made_up_token_is_401(app, client, token):
    make_token(app, "households:read")
    response = client.get("/api/v1/households/1", headers=bearer(token))
    _is_problem(response, 401)


def test_a_token_with_the_right_prefix_but_wrong_secret_is_401(app, client, household):
    token = make_token(app, "households:read")
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    _is_problem(client.get(f"/api/v1/households/{household}", headers=bearer(forged)), 401)
    assert client.get(f"/api/v1/households/{household}", headers=bearer(token)).status_code == 200


def test_a_revoked_token_stops_working_at_once(app, client, household):
    token = make_token(app, "households:read")
    assert client.get(f"/api/v1/households/{household}", headers=bearer(token)).status_code == 200
    with app.app_context():
        found = db.session.query(ApiClient).one()
        tokens.revoke(found, revoked_by_id=None)
        db.session.commit()
    body = _is_problem(client.get(f"/api/v1/households/{household}", headers=bearer(token)), 401)
    assert "ingetrokken" in body["detail"]


@pytest.mark.parametrize(("method", "path", "scope"), ROUTES)
def test_each_scope_opens_only_its_own_routes(app, client, household, method, path, scope):
    for other in tokens.SCOPES:
        token = make_token(app, other, name=other)
        response = _call(client, method, path, household, headers=bearer(token))
        if other == scope:
            assert response.status_code != 403, (other, path)
        else:
            body = _is_problem(response, 403)
            assert scope in body["detail"]
            assert 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]


@pytest.mark.parametrize(("method", "path", "scope"), ROUTES[:3])
def test_an_unknown_household_is_404_for_a_token_with_the_scope(app, client, method, path, scope):
    token = make_token(app, scope)
    _is_problem(_call(client, method, path, 987654, headers=bearer(token)), 404)
    # beyond what the id column holds: still a 404 problem, never a database error
    _is_problem(_call(client, method, path, 2**40, headers=bearer(token)), 404)


def test_the_scope_check_comes_before_the_lookup(app, client):
    """A made-up id and a real one get the same 403 from a token without the scope."""
    token = make_token(app, "outcomes:read")
    response = client.get("/api/v1/households/987654", headers=bearer(token))
    _is_problem(response, 403)
