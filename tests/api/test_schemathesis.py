"""Schemathesis against the app, from its own OpenAPI document: every operation, generated
requests (valid and invalid), 0 server errors, every response as documented (status code,
content type, headers, schema). Bounded examples per operation, so it runs in seconds in CI.

The token carries every scope and a household exists, so reads reach their 200 answers as well
as their 4xx ones; schemathesis also sends requests without the token (ignored_auth)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from portal.api import openapi, tokens
from tests.api.conftest import bearer, family, make_token, submit

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))


OPERATIONS = [
    (path, method)
    for path, operations in openapi.document()["paths"].items()
    for method in operations
]


@pytest.fixture
def api_schema(app):
    app.config["API_SCREENING_PER_MINUTE"] = 10_000  # the limit has its own test
    submit(app, family())
    app.config["API_TEST_TOKEN"] = make_token(app, *tokens.SCOPES)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


# schemathesis.pytest.from_fixture does not run on this pytest ('_nodeid'): the same, by hand,
# one test per operation and generation mode
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_every_operation_conforms_and_never_fails(app, api_schema, path, method, mode):
    operation = api_schema[path][method]
    headers = bearer(app.config["API_TEST_TOKEN"])
    if (
        mode == GenerationMode.NEGATIVE
        and not operation.definition.raw.get("parameters")
        and not operation.definition.raw.get("requestBody")
    ):
        pytest.skip("nothing in this request can be invalid")
    # The intake contract checks more than its JSON Schema can say (exactly one applicant,
    # the BSN 11-check, dates that fit together): a schema-valid intake may get the
    # documented 422, which is right, not a failure.
    excluded = [positive_data_acceptance] if "requestBody" in operation.definition.raw else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same examples every run: a CI failure reproduces locally
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def check(case):
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    check()
