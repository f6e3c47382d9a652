"""The OpenAPI 3.1 document of /api/v1: the one place that describes every route, its scope,
its request and response schemas and its errors. Served as JSON, rendered as the docs page,
and the contract schemathesis holds the app to (tests/api/test_schemathesis.py).

The intake body is the intake contract itself (forms/intake.schema.json), embedded, so the API
and the web form accept exactly the same intakes."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

from forms.contract import load_schema
from portal.api.tokens import SCOPES

VERSION = "1.0.0"
MAX_ID = 2**31 - 1  # the id columns are 32-bit (BoundedInt in portal/__init__.py)
REFERENCE_PATTERN = "^SD-[0-9]{4}-[2-9A-HJKMNP-Z]{6}$"
IDEMPOTENCY_KEY_PATTERN = "^[A-Za-z0-9._:-]{8,200}$"

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def _problem(description: str) -> dict:
    return {"description": description, "content": PROBLEM}


ERRORS = {
    "400": _problem("Geen geldige JSON, of iets anders dat niet klopt."),
    "401": {
        **_problem("Geen token, of een onbekend of ingetrokken token."),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    },
    "403": _problem("Het token heeft de scope van deze route niet."),
    "404": _problem("Onbekend, of niet zichtbaar voor dit token (hetzelfde antwoord)."),
    "413": _problem("Het verzoek is groter dan de API aanneemt."),
    "415": _problem("Het verzoek is geen application/json."),
    "422": _problem("De aanvraag klopt niet met het intakecontract; `errors` zegt waar."),
    "429": _problem("Te veel verzoeken van dit adres; wacht even."),
}


def _errors(*codes: str) -> dict:
    return {code: ERRORS[code] for code in codes}


def _json(schema_name: str, description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


def _secured(scope: str) -> list[dict]:
    # OpenAPI 3.1 lets a non-OAuth scheme list the roles it needs: here the token's scope.
    return [{"bearerToken": [scope]}]


HOUSEHOLD_ID = {
    "name": "household_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
}
INTAKE_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Intake"}}},
}


def _paths() -> dict:
    return {
        "/api/v1/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "Dit document (OpenAPI 3.1)",
                "security": [],
                "responses": {
                    "200": {
                        "description": "Het OpenAPI-document.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        "/api/v1/docs": {
            "get": {
                "operationId": "docs",
                "summary": "Deze documentatie als leesbare pagina",
                "security": [],
                "responses": {
                    "200": {
                        "description": "De documentatie (HTML).",
                        "content": {"text/html": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
        "/api/v1/screening": {
            "post": {
                "operationId": "screening",
                "summary": "Anonieme check: waar heeft dit huishouden mogelijk recht op?",
                "description": (
                    "Stuur een intake volgens het intakecontract; het antwoord geeft de "
                    "uitkomsten van de verordening en de vragen die nog open staan. Er wordt "
                    "niets bewaard. Geen token nodig; een beperkt aantal verzoeken per "
                    "IP-adres per minuut."
                ),
                "security": [],
                "requestBody": INTAKE_BODY,
                "responses": {
                    "200": _json("Screening", "De uitkomsten en de open vragen."),
                    **_errors("400", "413", "415", "422", "429"),
                },
            }
        },
        "/api/v1/intakes": {
            "post": {
                "operationId": "submitIntake",
                "summary": "Een aanvraag indienen (partnerorganisatie, samen met de inwoner)",
                "description": (
                    "Dient de intake in zoals het webformulier dat doet: het huishouden krijgt "
                    "een contactpersoon en de aanvraag gaat naar de zaaksystemen. Een "
                    "meegestuurd BSN is geen vastgestelde identiteit: de aanvraag komt nooit "
                    "automatisch bij een bestaand huishouden (een medewerker beoordeelt een "
                    "mogelijke match). Met een Idempotency-Key geeft een herhaald verzoek het "
                    "eerste antwoord terug in plaats van een tweede aanvraag."
                ),
                "security": _secured("intakes:submit"),
                "parameters": [
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": False,
                        "description": "Eigen unieke sleutel per aanvraag (bijv. een UUID).",
                        "schema": {"type": "string", "pattern": IDEMPOTENCY_KEY_PATTERN},
                    }
                ],
                "requestBody": INTAKE_BODY,
                "responses": {
                    "201": {
                        **_json("IntakeReceipt", "Ingediend (of: het eerste antwoord, herhaald)."),
                        "headers": {
                            "Location": {
                                "description": "Adres van deze aanvraag in de API.",
                                "schema": {"type": "string"},
                            }
                        },
                    },
                    **_errors("400", "401", "403", "413", "415", "422"),
                },
            }
        },
        "/api/v1/intakes/{reference}": {
            "get": {
                "operationId": "getIntake",
                "summary": "Een aanvraag die dit token indiende",
                "security": _secured("intakes:submit"),
                "parameters": [
                    {
                        "name": "reference",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": REFERENCE_PATTERN},
                    }
                ],
                "responses": {
                    "200": _json("IntakeReceipt", "Het ontvangstbewijs."),
                    **_errors("401", "403", "404"),
                },
            }
        },
        "/api/v1/households/{household_id}": {
            "get": {
                "operationId": "getHousehold",
                "summary": "Een huishouden en zijn leden",
                "security": _secured("households:read"),
                "parameters": [HOUSEHOLD_ID],
                "responses": {
                    "200": _json("Household", "Het huishouden."),
                    **_errors("401", "403", "404"),
                },
            }
        },
        "/api/v1/households/{household_id}/outcomes": {
            "get": {
                "operationId": "getOutcomes",
                "summary": "De uitkomsten van de aanvragen van een huishouden",
                "security": _secured("outcomes:read"),
                "parameters": [HOUSEHOLD_ID],
                "responses": {
                    "200": _json("Outcomes", "De uitkomsten (zonder gevoelige)."),
                    **_errors("401", "403", "404"),
                },
            }
        },
        "/api/v1/households/{household_id}/plan": {
            "get": {
                "operationId": "getPlan",
                "summary": "De uitgegeven versies van het ondersteuningsplan",
                "security": _secured("plans:read"),
                "parameters": [HOUSEHOLD_ID],
                "responses": {
                    "200": _json("PlanVersions", "De uitgegeven versies (zonder gevoelige)."),
                    **_errors("401", "403", "404"),
                },
            }
        },
    }


def _intake_schemas() -> dict[str, Any]:
    """The intake contract as two components: its `$defs` hoisted, its `$ref`s pointed there
    (a `$id` inside a component would change how references resolve: dropped)."""
    schema = copy.deepcopy(load_schema())
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    text = json.dumps({"Intake": schema, **{f"Intake_{k}": v for k, v in defs.items()}})
    return json.loads(text.replace('"#/$defs/', '"#/components/schemas/Intake_'))


NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_MOMENT = {"type": ["string", "null"], "format": "date-time"}
BILINGUAL = {"type": "object", "additionalProperties": {"type": ["string", "null"]}}


def _schemas() -> dict[str, Any]:
    issue = {
        "type": "object",
        "required": ["path", "code", "severity", "message"],
        "properties": {
            "path": {"type": "string", "description": "Waar in de intake, bijv. members/0/bsn."},
            "dotted_path": {"type": "string"},
            "code": {"type": "string"},
            "severity": {"enum": ["error", "warning"]},
            "message": {"type": "string"},
            "params": {"type": "object"},
        },
    }
    return {
        **_intake_schemas(),
        "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details.",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string", "format": "uri-reference"},
                "title": {"type": "string"},
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "detail": {"type": "string"},
                "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}},
            },
        },
        "Issue": issue,
        "Screening": {
            "type": "object",
            "required": ["evaluation", "warnings"],
            "properties": {
                "evaluation": {"$ref": "#/components/schemas/Evaluation"},
                "warnings": {"type": "array", "items": {"$ref": "#/components/schemas/Issue"}},
            },
        },
        "Evaluation": {
            "type": "object",
            "description": (
                "Wat de verordening van de intake maakt: uitkomsten per lid en voor het "
                "huishouden (met uitleg en de antwoorden die telden), `missing` (de vragen die "
                "nog een uitkomst kunnen veranderen) en `ask_first` (de eerste daarvan)."
            ),
            "required": ["verordening", "as_of", "triage", "members", "household", "missing"],
            "properties": {
                "format": {"type": "integer"},
                "verordening": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "content_hash": {"type": "string"},
                    },
                },
                "as_of": {"type": "string", "format": "date"},
                "triage": {"type": "string"},
                "life_domains": {"type": "array"},
                "members": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "member_id": {"type": "string"},
                            "role": {"type": "string"},
                            "outcomes": {"type": "array", "items": {"type": "object"}},
                            "possible": {"type": "array", "items": {"type": "object"}},
                        },
                    },
                },
                "household": {
                    "type": "object",
                    "properties": {
                        "outcomes": {"type": "array", "items": {"type": "object"}},
                        "possible": {"type": "array", "items": {"type": "object"}},
                    },
                },
                "missing": {"type": "array", "items": {"type": "object"}},
                "ask_first": {"type": ["array", "object", "null"]},
                "nothing_applies": {"type": ["boolean", "null"]},
            },
        },
        "IntakeReceipt": {
            "type": "object",
            "required": ["reference", "submitted_at", "triage", "household_id", "evaluation"],
            "properties": {
                "reference": {"type": "string", "pattern": REFERENCE_PATTERN},
                "submitted_at": {"type": "string", "format": "date-time"},
                "triage": {"type": "string"},
                "household_id": {"type": "integer"},
                "evaluation": {"$ref": "#/components/schemas/Evaluation"},
            },
        },
        "Household": {
            "type": "object",
            "description": (
                "Zonder BSN's, contactgegevens en antwoorden. Een afgeschermd huishouden "
                "(of een huishouden waar thuis niet veilig is) is voor de API onbekend: 404."
            ),
            "required": ["id", "created_at", "members"],
            "properties": {
                "id": {"type": "integer"},
                "created_at": {"type": "string", "format": "date-time"},
                "postcode": NULLABLE_STRING,
                "triage": NULLABLE_STRING,
                "intakes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["reference", "submitted_at", "channel"],
                        "properties": {
                            "reference": {"type": "string"},
                            "submitted_at": {"type": "string", "format": "date-time"},
                            "channel": {"type": "string"},
                        },
                    },
                },
                "members": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "role", "identity_verified"],
                        "properties": {
                            "id": {"type": "integer"},
                            "role": {"type": "string"},
                            "given_name": NULLABLE_STRING,
                            "family_name": NULLABLE_STRING,
                            "birth_date": NULLABLE_DATE,
                            "identity_verified": {"type": "boolean"},
                        },
                    },
                },
            },
        },
        "Outcomes": {
            "type": "object",
            "required": ["household_id", "outcomes"],
            "properties": {
                "household_id": {"type": "integer"},
                "outcomes": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "intake_reference", "regime", "provision_id", "status"],
                        "properties": {
                            "id": {"type": "integer"},
                            "intake_reference": {"type": "string"},
                            "member_id": {"type": ["integer", "null"]},
                            "regime": {"type": "string"},
                            "provision_id": {"type": "string"},
                            "provision_name": BILINGUAL,
                            "kind": {"type": "string"},
                            "urgency": {"type": "string"},
                            "status": {"type": "string"},
                            "started_on": {"type": "string", "format": "date"},
                            "due_on": NULLABLE_DATE,
                            "closed_at": NULLABLE_MOMENT,
                        },
                    },
                },
            },
        },
        "PlanVersions": {
            "type": "object",
            "required": ["household_id", "versions"],
            "properties": {
                "household_id": {"type": "integer"},
                "versions": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["number", "issued_at", "plan"],
                        "properties": {
                            "number": {"type": "integer"},
                            "issued_at": {"type": "string", "format": "date-time"},
                            "agreed_at": NULLABLE_MOMENT,
                            "agreed_channel": NULLABLE_STRING,
                            "plan": {
                                "type": "object",
                                "description": (
                                    "De vastgelegde versie (docs/plan-document.md) zoals een "
                                    "ander dan de betrokkene die ziet: zonder gevoelige "
                                    "voorzieningen en zonder Jeugdwet-gegevens van leden van "
                                    "16 jaar en ouder."
                                ),
                            },
                        },
                    },
                },
            },
        },
    }


@lru_cache(maxsize=1)
def _document() -> str:
    return json.dumps(
        {
            "openapi": "3.1.0",
            "info": {
                "title": "Eén loket API",
                "version": VERSION,
                "description": (
                    "De eigen JSON-API van Eén loket: anonieme check, aanvragen indienen door "
                    "partnerorganisaties, en lezen door systemen met toestemming. Fouten zijn "
                    "application/problem+json (RFC 9457). Zie docs/api.md."
                ),
                "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
            },
            "servers": [{"url": "/"}],
            "paths": _paths(),
            "components": {
                "securitySchemes": {
                    "bearerToken": {
                        "type": "http",
                        "scheme": "bearer",
                        "description": "Token per systeem, gemaakt door beheer. Scopes: "
                        + "; ".join(f"{s}: {text}" for s, text in SCOPES.items()),
                    }
                },
                "schemas": _schemas(),
            },
        },
        ensure_ascii=False,
    )


def document() -> dict[str, Any]:
    """A fresh copy of the document (built once per process)."""
    return json.loads(_document())
