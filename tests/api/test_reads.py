"""Read access for authorised systems: what they get, what they never get (a protected
household, a sensitive outcome, a BSN), and that every read is audited as theirs."""

from __future__ import annotations

import json

from sqlalchemy import select

from portal.api.models import ApiClient
from portal.extensions import db
from portal.households.models import AuditEvent
from portal.models import StaffMember
from portal.plans import service as plans
from portal.services import plans as plan_changes
from tests.api.conftest import bearer, family, make_token, submit


def _get(client, app, path, scope):
    return client.get(path, headers=bearer(make_token(app, scope, name=scope)))


def test_a_household_comes_with_its_members_and_without_bsns(app, client, household):
    response = _get(client, app, f"/api/v1/households/{household}", "households:read")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == household
    assert {m["given_name"] for m in body["members"]} >= {"Anouk"}
    raw = json.dumps(body)
    for member in family()["members"]:
        if member.get("bsn"):
            assert member["bsn"] not in raw
    assert "anouk.devries@example.com" not in raw  # no contact details
    assert "question" not in raw  # no answers, no story


def test_outcomes_leave_out_what_is_sensitive(app, client, household):
    """Debt help (schuldhulp) and the GP's mental-health referral say something about one
    person's debts and health: left out. School and youth help for the children: shown."""
    response = _get(client, app, f"/api/v1/households/{household}/outcomes", "outcomes:read")
    assert response.status_code == 200
    regimes = {row["regime"] for row in response.get_json()["outcomes"]}
    provisions = {row["provision_id"] for row in response.get_json()["outcomes"]}
    assert "schuldhulp" not in regimes
    assert not any("ggz" in p for p in provisions)
    assert {"leerplicht", "participatiewet"} <= regimes


def test_a_protected_household_is_unknown_to_the_api_and_the_attempt_is_audited(app, client):
    answers = family()
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    protected = submit(app, answers)
    for path, scope in [
        (f"/api/v1/households/{protected}", "households:read"),
        (f"/api/v1/households/{protected}/outcomes", "outcomes:read"),
        (f"/api/v1/households/{protected}/plan", "plans:read"),
    ]:
        response = _get(client, app, path, scope)
        assert response.status_code == 404, path
        assert response.mimetype == "application/problem+json"
        assert "Veilig" not in response.get_data(as_text=True)
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.household_id == protected)
        ).all()
        assert actions == ["refused", "refused", "refused"]


def test_the_plan_gives_issued_versions_without_sensitive_provisions(app, client, household):
    with app.app_context():
        staff = StaffMember(email="cp@test.example", display_name="Cp", roles="contact_person")
        db.session.add(staff)
        db.session.flush()
        plan_changes.issue(plans.plan_for(household), staff)
        db.session.commit()
    response = _get(client, app, f"/api/v1/households/{household}/plan", "plans:read")
    assert response.status_code == 200
    versions = response.get_json()["versions"]
    assert [v["number"] for v in versions] == [1]
    provisions = versions[0]["plan"]["provisions"]
    assert provisions, "the plan's other provisions are there"
    assert all(not p.get("sensitive") for p in provisions)
    assert "schuldhulp" not in {p["regime"] for p in provisions}


def test_a_household_without_an_issued_plan_has_no_versions(app, client, household):
    response = _get(client, app, f"/api/v1/households/{household}/plan", "plans:read")
    assert response.get_json() == {"household_id": household, "versions": []}


def test_each_read_is_one_audit_row_naming_the_client(app, client, household):
    token = make_token(app, "households:read", "outcomes:read", name="Zaaksysteem")
    client.get(f"/api/v1/households/{household}", headers=bearer(token))
    client.get(f"/api/v1/households/{household}/outcomes", headers=bearer(token))
    with app.app_context():
        found = db.session.scalars(select(ApiClient)).one()
        rows = db.session.scalars(
            select(AuditEvent).where(AuditEvent.role == "api_client").order_by(AuditEvent.id)
        ).all()
        assert [(r.action, r.what, r.household_id, r.acting_for) for r in rows] == [
            ("read", f"household:{household}", household, f"api_client:{found.id}"),
            ("read", f"household_outcomes:{household}", household, f"api_client:{found.id}"),
        ]


def test_a_refused_scope_is_audited_too(app, client, household):
    token = make_token(app, "outcomes:read")
    assert client.get(f"/api/v1/households/{household}", headers=bearer(token)).status_code == 403
    with app.app_context():
        row = db.session.scalars(select(AuditEvent).where(AuditEvent.role == "api_client")).one()
        assert row.action == "refused" and "households:read" in row.what


def test_the_resident_sees_that_a_system_read_the_file(app, client, household):
    """Mijn aanvraag lists who looked: a system's read is named as one, with its purpose."""
    from portal.residents import mine

    _get(client, app, f"/api/v1/households/{household}", "households:read")
    with app.test_request_context("/mijn/"):
        looks = [look for look in mine.looks(household) if look.role == "Gekoppeld systeem"]
        assert [(look.who, look.action) for look in looks] == [
            ("Een systeem", "heeft uw dossier bekeken")
        ]
        assert "toestemming" in looks[0].purpose
