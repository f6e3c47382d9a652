"""The OpenAPI document is valid OpenAPI 3.1 and names every /api/v1 route; the docs page is
rendered from it on the server, without scripts from elsewhere."""

from __future__ import annotations

import re

from openapi_spec_validator import validate

from portal.api import openapi


def test_the_document_is_valid_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_api_route_is_in_the_document_with_its_scope(app):
    documented = {
        (path, method.upper()): op
        for path, operations in openapi.document()["paths"].items()
        for method, op in operations.items()
    }
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            op = documented.get((path, method))
            assert op is not None, f"{method} {path} is not in the OpenAPI document"
            scope = getattr(view, "required_scope", None)
            if scope:
                assert op["security"] == [{"bearerToken": [scope]}], path
            else:
                assert op["security"] == [], path


def test_the_docs_page_shows_every_operation_and_problem(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for path in openapi.document()["paths"]:
        assert path in html
    for scope in ("intakes:submit", "households:read", "outcomes:read", "plans:read"):
        assert scope in html
    assert 'id="probleem-geen-token"' in html
    assert '<script src="http' not in html and "cdn" not in html.lower()
