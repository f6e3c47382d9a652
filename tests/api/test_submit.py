"""POST /api/v1/intakes: a partner system files an intake exactly as the web form does; a typed
BSN proves nothing; an Idempotency-Key makes a retry safe; every call is audited."""

from __future__ import annotations

import copy

from sqlalchemy import func, select

from portal.api.models import ApiClient
from portal.extensions import db
from portal.households.models import AuditEvent, HouseholdMatch
from portal.models import Household, Intake
from tests.api.conftest import bearer, family, make_token, submit


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_partner_files_an_intake_and_gets_its_reference_and_location(app, client):
    token = make_token(app, "intakes:submit")
    response = client.post("/api/v1/intakes", json=family(), headers=bearer(token))
    assert response.status_code == 201, response.get_data(as_text=True)[:800]
    body = response.get_json()
    assert body["reference"].startswith("SD-")
    assert response.headers["Location"] == f"/api/v1/intakes/{body['reference']}"
    assert body["evaluation"]["household"]["outcomes"]  # the outcomes, as the resident sees them
    with app.app_context():
        intake = db.session.scalars(select(Intake)).one()
        assert intake.reference == body["reference"]
        assert intake.channel == "api"  # not "front_desk": no identity document was checked
    # the receipt can be fetched again at its Location, by the same client
    again = client.get(response.headers["Location"], headers=bearer(token))
    assert again.status_code == 200 and again.get_json()["reference"] == body["reference"]


def test_another_client_cannot_read_the_receipt(app, client):
    mine, theirs = make_token(app, "intakes:submit"), make_token(app, "intakes:submit")
    location = client.post("/api/v1/intakes", json=family(), headers=bearer(mine)).headers[
        "Location"
    ]
    assert client.get(location, headers=bearer(theirs)).status_code == 404


def test_a_typed_bsn_never_joins_an_existing_household(app, client):
    """The family's own DigiD intake made a household; the partner's intake with the same BSNs
    gets a household of its own and a match for staff to decide on."""
    existing = submit(app, family())
    token = make_token(app, "intakes:submit")
    response = client.post("/api/v1/intakes", json=family(), headers=bearer(token))
    assert response.status_code == 201
    assert response.get_json()["household_id"] != existing
    assert _count(app, Household) == 2
    assert _count(app, HouseholdMatch) >= 1


def test_a_retry_with_the_same_idempotency_key_files_once(app, client):
    token = make_token(app, "intakes:submit")
    headers = {**bearer(token), "Idempotency-Key": "partner-0001-retry"}
    first = client.post("/api/v1/intakes", json=family(), headers=headers)
    second = client.post("/api/v1/intakes", json=family(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert second.headers["Location"] == first.headers["Location"]
    assert _count(app, Intake) == 1


def test_the_same_key_with_another_intake_is_refused(app, client):
    token = make_token(app, "intakes:submit")
    headers = {**bearer(token), "Idempotency-Key": "partner-0002-reused"}
    assert client.post("/api/v1/intakes", json=family(), headers=headers).status_code == 201
    other = copy.deepcopy(family())
    other["story"]["question"] = "Een heel andere vraag."
    response = client.post("/api/v1/intakes", json=other, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["type"].endswith("#probleem-sleutel-hergebruikt")
    assert _count(app, Intake) == 1


def test_keys_are_per_client_and_without_a_key_each_post_files(app, client):
    one, two = make_token(app, "intakes:submit"), make_token(app, "intakes:submit")
    key = {"Idempotency-Key": "shared-key-123"}
    client.post("/api/v1/intakes", json=family(), headers={**bearer(one), **key})
    client.post("/api/v1/intakes", json=family(), headers={**bearer(two), **key})
    client.post("/api/v1/intakes", json=family(), headers=bearer(one))
    assert _count(app, Intake) == 3


def test_a_malformed_idempotency_key_is_400(app, client):
    token = make_token(app, "intakes:submit")
    headers = {**bearer(token), "Idempotency-Key": "kort"}
    response = client.post("/api/v1/intakes", json=family(), headers=headers)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert _count(app, Intake) == 0


def test_an_intake_that_breaks_the_contract_is_422_with_where(app, client):
    token = make_token(app, "intakes:submit")
    broken = family()
    broken["members"][0]["bsn"] = "123456789"  # fails the 11-check
    response = client.post("/api/v1/intakes", json=broken, headers=bearer(token))
    assert response.status_code == 422
    body = response.get_json()
    assert [e["code"] for e in body["errors"]] == ["bsn_invalid"]
    assert body["errors"][0]["path"] == "members/0/bsn"
    assert _count(app, Intake) == 0


def test_every_submission_and_read_is_in_the_audit_trail_as_the_client(app, client):
    token = make_token(app, "intakes:submit", name="Welzijn Voorbeeld")
    response = client.post("/api/v1/intakes", json=family(), headers=bearer(token))
    client.get(response.headers["Location"], headers=bearer(token))
    with app.app_context():
        found = db.session.scalars(select(ApiClient)).one()
        rows = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(r.action, r.role, r.acting_for, r.staff_id) for r in rows] == [
            ("change", "api_client", f"api_client:{found.id}", None),
            ("read", "api_client", f"api_client:{found.id}", None),
        ]
        assert rows[0].household_id == response.get_json()["household_id"]
        assert found.last_used_at is not None


def test_two_requests_with_one_key_at_once_file_once(app, client, monkeypatch):
    """The second request looked before the first had committed (it saw no earlier answer):
    the unique key refuses its intake, the whole transaction rolls back, and it answers with
    the first request's result."""
    from portal.api import views

    token = make_token(app, "intakes:submit")
    headers = {**bearer(token), "Idempotency-Key": "race-0001-at-once"}
    first = client.post("/api/v1/intakes", json=family(), headers=headers)
    real_lookup, looked = views._submission, []

    def late(client_id, key):  # the first lookup happens "before" the other commit
        looked.append(key)
        return None if len(looked) == 1 else real_lookup(client_id, key)

    monkeypatch.setattr(views, "_submission", late)
    second = client.post("/api/v1/intakes", json=family(), headers=headers)
    assert second.status_code == 201
    assert second.get_json()["reference"] == first.get_json()["reference"]
    assert _count(app, Intake) == 1
    assert _count(app, Household) == 1
