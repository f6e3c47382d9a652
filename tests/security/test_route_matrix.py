"""Role x route matrix over the whole app, generated from app.url_map (fails closed).

Every endpoint is either on the explicit public allowlist below, or carries `role_required`.
Then, for every protected route and every method it accepts: an anonymous visitor is sent to
the log-in page, and each role without the right is refused (403) — before any object is
looked up, so a made-up id gets the same answer as a real one.
"""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter

from portal.staff import session_guard
from tests.staff.conftest import clock, login, make_staff  # noqa: F401  (clock is a fixture)

# Public by design: the front page and the public verordening, the resident's own intake
# journey (a draft is reachable only from the browser session that made it; tested in
# tests/intake), the two log-in steps and the reset-code page (a one-time code from beheer).
PUBLIC_PREFIXES = ("main.", "rules.", "intake.")
PUBLIC_ENDPOINTS = {"static", "staff.login", "staff.code", "staff.enrol", "staff.use_reset"}
SAMPLE_ARGUMENTS = {"integer": 987654, "unicode": "onbekend", "path": "onbekend"}
# The resident pages (/mijn) have their own guard, `portal.residents.session.resident_required`:
# only the DigiD log-in steps and the "U bent uitgelogd" page are public.
RESIDENT_PREFIX = "residents."
PUBLIC_ENDPOINTS |= {"residents.login", "residents.start_login", "residents.callback"}
PUBLIC_ENDPOINTS |= {"residents.logged_out"}
# the hand-off health endpoint: counts only, for monitoring, like /healthz
PUBLIC_ENDPOINTS |= {"handoff_health.health"}
# The JSON API (/api/v1) has its own guard, a token with a purpose scope
# (`portal.api.tokens.scope_required`); public by name: the document, its docs page and the
# anonymous screening. Checked at the end, like the resident pages.
API_PREFIX = "api."
PUBLIC_API_ENDPOINTS = {"api.openapi_document", "api.docs", "api.screening"}


def _protected(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in PUBLIC_ENDPOINTS or rule.endpoint.startswith(PUBLIC_PREFIXES):
            continue
        if rule.endpoint.startswith((RESIDENT_PREFIX, API_PREFIX)):
            continue  # checked by the resident and API tests at the end
        yield rule, getattr(app.view_functions[rule.endpoint], "required_roles", None)


def _resident_routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.startswith(RESIDENT_PREFIX) and rule.endpoint not in PUBLIC_ENDPOINTS:
            yield rule


def _url(rule) -> str:
    values = {}
    for argument in rule.arguments:
        converter = rule._converters[argument]
        kind = "integer" if isinstance(converter, IntegerConverter) else "unicode"
        values[argument] = SAMPLE_ARGUMENTS[kind]
    return rule.build(values, append_unknown=False)[1]


def _methods(rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_endpoint_is_public_by_name_or_has_a_role_rule(app):
    unguarded = [rule.endpoint for rule, roles in _protected(app) if not roles]
    assert unguarded == [], f"routes without role_required and not on the public list: {unguarded}"


def test_anonymous_visitors_are_sent_to_log_in(app, client):
    for rule, _roles in _protected(app):
        for method in _methods(rule):
            response = client.open(_url(rule), method=method)
            assert response.status_code == 302, (method, rule.rule, response.status_code)
            assert "/medewerkers/inloggen" in response.headers["Location"], rule.rule


@pytest.mark.parametrize("role", session_guard.ROLES)
def test_each_role_is_refused_where_it_has_no_right(app, client, clock, role):  # noqa: F811
    account = make_staff(app, f"{role}@matrix.example", role)
    login(client, account, clock)
    checked = 0
    for rule, roles in _protected(app):
        if role in roles or rule.endpoint == "staff.logout":
            continue
        for method in _methods(rule):
            response = client.open(_url(rule), method=method)
            assert response.status_code == 403, (role, method, rule.rule, response.status_code)
            checked += 1
    # Every role lacks the right somewhere (admin: the caseload; others: beheer).
    assert checked > 0


def test_every_resident_route_is_public_by_name_or_needs_a_resident_log_in(app):
    routes = list(_resident_routes(app))
    assert routes, "the resident pages should be in the URL map"
    unguarded = [
        r.endpoint
        for r in routes
        if not getattr(app.view_functions[r.endpoint], "resident_route", False)
    ]
    assert unguarded == [], f"resident routes without resident_required: {unguarded}"


def test_anonymous_visitors_and_staff_are_sent_to_the_resident_log_in(app, client, clock):  # noqa: F811
    staff = app.test_client()
    login(staff, make_staff(app, "every@matrix.example", ",".join(session_guard.ROLES)), clock)
    checked = 0
    for rule in _resident_routes(app):
        for method in _methods(rule):
            for visitor in (client, staff):  # a staff session is no resident session
                response = visitor.open(_url(rule), method=method)
                assert response.status_code == 302, (method, rule.rule, response.status_code)
                assert response.headers["Location"].endswith("/mijn/inloggen"), rule.rule
                checked += 1
    assert checked >= 20


def _api_routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.startswith(API_PREFIX):
            yield rule


def test_every_api_route_is_public_by_name_or_needs_a_token_scope(app):
    routes = list(_api_routes(app))
    assert routes, "the API should be in the URL map"
    public = {
        r.endpoint
        for r in routes
        if getattr(app.view_functions[r.endpoint], "public_api_route", False)
    }
    assert public == PUBLIC_API_ENDPOINTS
    unguarded = [
        r.endpoint
        for r in routes
        if r.endpoint not in PUBLIC_API_ENDPOINTS
        and not getattr(app.view_functions[r.endpoint], "required_scope", None)
    ]
    assert unguarded == [], f"API routes without scope_required: {unguarded}"


def test_anonymous_callers_and_staff_sessions_get_401_from_the_api(app, client, clock):  # noqa: F811
    """A staff cookie is no token: the API answers 401 problem+json, never a log-in page."""
    staff = app.test_client()
    login(staff, make_staff(app, "api@matrix.example", ",".join(session_guard.ROLES)), clock)
    checked = 0
    for rule in _api_routes(app):
        if rule.endpoint in PUBLIC_API_ENDPOINTS:
            continue
        for method in _methods(rule):
            for caller in (client, staff):
                response = caller.open(_url(rule), method=method, json={})
                assert response.status_code == 401, (method, rule.rule, response.status_code)
                assert response.mimetype == "application/problem+json", rule.rule
                checked += 1
    assert checked >= 10
