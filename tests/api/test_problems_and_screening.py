"""Anonymous screening (nothing stored), and every kind of bad input answered with a 4xx
application/problem+json in Dutch: never an HTML page, never a 500."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.extensions import db
from portal.households.models import AuditEvent
from portal.models import Household, Intake
from tests.api.conftest import bearer, family, make_token


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"].startswith("/api/v1/docs#probleem-")
    return body


def _nothing_stored(app) -> None:
    with app.app_context():
        for model in (Intake, Household, AuditEvent):
            assert db.session.scalar(select(func.count()).select_from(model)) == 0


def test_screening_answers_outcomes_and_what_to_ask_and_stores_nothing(app, client):
    response = client.post("/api/v1/screening", json=family())
    assert response.status_code == 200
    evaluation = response.get_json()["evaluation"]
    regimes = {o["regime"]["id"] for o in evaluation["household"]["outcomes"]}
    assert "minimaregelingen" in regimes
    assert isinstance(evaluation["missing"], list)
    assert "ask_first" in evaluation
    assert response.headers["Cache-Control"] == "no-store"
    _nothing_stored(app)


def test_malformed_json_is_400(client):
    body = _problem(
        client.post("/api/v1/screening", data="{niet: json", content_type="application/json"),
        400,
    )
    assert body["title"] == "Het verzoek klopt niet"
    _problem(
        client.post("/api/v1/screening", data=b"\xff\xfe", content_type="application/json"), 400
    )
    _problem(
        client.post("/api/v1/screening", data="[" * 5000, content_type="application/json"), 400
    )
    _problem(client.post("/api/v1/screening", data="NaN", content_type="application/json"), 400)


def test_another_content_type_is_415(client):
    body = _problem(client.post("/api/v1/screening", data={"a": "b"}), 415)
    assert "application/json" in body["detail"]


def test_a_huge_body_is_413(app, client):
    answers = family()
    answers["story"]["question"] = "x" * 70_000
    body = _problem(client.post("/api/v1/screening", json=answers), 413)
    assert body["title"] == "Het verzoek is te groot"
    token = make_token(app, "intakes:submit")
    _problem(client.post("/api/v1/intakes", json=answers, headers=bearer(token)), 413)


def test_json_that_is_not_an_intake_is_422(client):
    _problem(client.post("/api/v1/screening", json=[1, 2, 3]), 422)
    body = _problem(client.post("/api/v1/screening", json={"members": "geen lijst"}), 422)
    assert body["errors"]


def test_an_unknown_address_and_a_wrong_method_are_problems_too(client):
    _problem(client.get("/api/v1/bestaat-niet"), 404)
    _problem(client.get("/api/v1/households/-1"), 404)
    response = client.get("/api/v1/screening")
    _problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_errors_speak_english_when_asked(client):
    response = client.post(
        "/api/v1/screening",
        data="{",
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert _problem(response, 400)["title"] == "The request is not right"


def test_screening_is_limited_per_address(app, client, clock):
    app.config["API_SCREENING_PER_MINUTE"] = 3
    for _ in range(3):
        assert client.post("/api/v1/screening", json=family()).status_code == 200
    response = client.post("/api/v1/screening", json=family())
    _problem(response, 429)
    assert int(response.headers["Retry-After"]) > 0
    clock.advance(seconds=61)
    assert client.post("/api/v1/screening", json=family()).status_code == 200
