"""A resident sees only their own household: every resident route that takes an id answers 404
for another household's object, exactly as for an id that does not exist, and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.households.models import Consent
from portal.models import HouseholdMember, StaffMember
from portal.plans import service
from portal.plans.models import PlanVersion
from tests.residents.conftest import OTHER, family, other_family, resident_login, submit, text


@pytest.fixture
def two_households(app, world):
    mine, _ = submit(app, family())
    theirs, their_reference = submit(app, other_family(), resume_code_hash=None)
    with app.app_context():
        ids = {}
        for household, name in ((mine, "mine"), (theirs, "theirs")):
            consent = Consent(household_id=household, organisation=f"Org {name}", purpose="Doel")
            db.session.add(consent)
            staff = db.session.get(StaffMember, world["a"].id)
            version = service.issue(service.plan_for(household), staff)
            db.session.commit()
            ids[name] = {"consent": consent.id, "version": version.id}
        ids["theirs"]["member"] = db.session.scalars(
            select(HouseholdMember.id).where(HouseholdMember.bsn == OTHER)
        ).one()
        ids["theirs"]["reference"] = their_reference
    return ids


def routes(ids: dict) -> list[tuple[str, str]]:
    return [
        ("GET", f"/mijn/toestemming/{ids['consent']}/intrekken"),
        ("POST", f"/mijn/toestemming/{ids['consent']}/intrekken"),
        ("GET", f"/mijn/plan/{ids['version']}"),
        ("GET", f"/mijn/plan/{ids['version']}/ondersteuningsplan.docx"),
        ("POST", f"/mijn/plan/{ids['version']}/akkoord"),
    ]


def test_another_households_ids_answer_404_like_unknown_ones(app, client, clock, two_households):
    resident_login(client, "anouk")
    for method, url in routes(two_households["mine"]):  # their own: reachable
        assert client.open(url, method=method).status_code in (200, 303), url
    unknown = {"consent": 987654, "version": 987654}
    for method, url in routes(two_households["theirs"]) + routes(unknown):
        assert client.open(url, method=method).status_code == 404, (method, url)
    response = client.post(
        "/mijn/jeugdhulp-delen",
        data={"member": two_households["theirs"]["member"], "keuze": "delen"},
    )
    assert response.status_code == 404
    with app.app_context():
        theirs = two_households["theirs"]
        assert db.session.get(Consent, theirs["consent"]).withdrawn_at is None
        assert db.session.get(PlanVersion, theirs["version"]).agreed_at is None
    body = text(client.get("/mijn/"))
    assert two_households["theirs"]["reference"] not in body and "Org theirs" not in body


def test_the_other_resident_sees_only_their_own(app, client, clock, two_households):
    resident_login(client, "other")
    body = text(client.get("/mijn/"))
    assert two_households["theirs"]["reference"] in body and "Org theirs" in body
    assert "Org mine" not in body and "Anouk" not in body
    for method, url in routes(two_households["mine"]):
        assert client.open(url, method=method).status_code == 404, (method, url)
