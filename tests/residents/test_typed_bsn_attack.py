"""Issue #12, the attack: someone who knows a resident's BSN names her as "partner" in an
intake of his own, then logs in with DigiD with his own BSN. He must gain nothing: no
membership of her household, no page, no action, and her file stays as it was. Staff see a
possible match to decide on."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.households.models import Consent, HouseholdMatch
from portal.models import HouseholdMember, Intake, StaffMember
from portal.plans import service
from tests.residents.conftest import (
    ANOUK,
    OTHER,
    YOUSSEF,
    confirm_member,
    family,
    resident_login,
    submit,
    text,
)
from tests.residents.test_idor import routes


def attacker_intake(*, verified: bool) -> dict:
    """He applies for himself and lists her BSN as his partner, with a wrong birth date."""
    answers = copy.deepcopy(family())
    answers["address"]["postcode"] = "2801AB"
    answers["members"] = [
        {
            "id": "m1",
            "role": "applicant",
            "relation": "self",
            "given_name": "Indringer",
            "birth_date": "1985-05-05",
            "bsn": OTHER,
        },
        {
            "id": "m2",
            "role": "partner",
            "relation": "partner",
            "given_name": "Anouk",
            "birth_date": "1986-01-01",
            "bsn": ANOUK,
        },
    ]
    answers["story"]["question"] = "Ik wil weten wat mijn partner heeft verteld."
    return answers


@pytest.fixture
def victim(app, world):
    """Anouk's household: her DigiD intake (with safety answers), a consent and an issued plan."""
    household, reference = submit(app, family())
    with app.app_context():
        consent = Consent(household_id=household, organisation="Veilig Thuis", purpose="Advies")
        db.session.add(consent)
        staff = db.session.get(StaffMember, world["a"].id)
        version = service.issue(service.plan_for(household), staff)
        db.session.commit()
        members = sorted(
            (m.bsn or "", m.role)
            for m in db.session.scalars(
                select(HouseholdMember).where(HouseholdMember.household_id == household)
            )
        )
        return {
            "household": household,
            "reference": reference,
            "consent": consent.id,
            "version": version.id,
            "members": members,
        }


@pytest.mark.parametrize("verified", [False, True], ids=["anonymous", "logged-in-as-himself"])
def test_naming_her_bsn_gains_him_nothing(app, client, clock, victim, verified):
    his_household, _ = submit(app, attacker_intake(verified=verified), verified=verified)
    assert his_household != victim["household"]

    resident_login(client, "other")  # his own DigiD
    body = text(client.get("/mijn/"))
    assert victim["reference"] not in body
    for method, url in routes(victim):
        assert client.open(url, method=method).status_code == 404, (method, url)

    with app.app_context():
        # her file is unchanged: the same members, her intake only, her consent still given
        members = sorted(
            (m.bsn or "", m.role)
            for m in db.session.scalars(
                select(HouseholdMember).where(HouseholdMember.household_id == victim["household"])
            )
        )
        assert members == victim["members"] and OTHER not in {bsn for bsn, _ in members}
        count = db.session.scalar(
            select(func.count(Intake.id)).where(Intake.household_id == victim["household"])
        )
        assert count == 1
        assert db.session.get(Consent, victim["consent"]).withdrawn_at is None
        # staff get the match to decide; the other birth date means: never merge
        (match,) = db.session.scalars(select(HouseholdMatch)).all()
        assert match.existing_household_id == victim["household"]
        assert match.new_household_id == his_household
        assert match.reason == "bsn_birth_date_differs"


def test_her_own_log_in_still_shows_her_file(app, client, clock, victim):
    submit(app, attacker_intake(verified=False), verified=False)
    resident_login(client, "anouk")
    body = text(client.get("/mijn/"))
    assert victim["reference"] in body
    assert "Indringer" not in body  # his intake is not in her file


def test_a_co_resident_adult_does_not_read_what_she_told_about_violence(app, world, clock):
    """Both partners verified: he still does not see her Veilig Thuis advice or her debts and
    health outcomes; she does. The page says, to both, that such things are not shown."""
    answers = family()
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    submit(app, answers)
    confirm_member(app, YOUSSEF)
    her, him = app.test_client(), app.test_client()
    resident_login(her, "anouk")
    resident_login(him, "youssef")
    hers, his = text(her.get("/mijn/")), text(him.get("/mijn/"))
    assert "Veilig Thuis" in hers
    assert "Veilig Thuis" not in his and "niet veilig" not in his
    assert "Schuldhulp" not in his or "Schuldhulp" in hers  # debts: hers to tell
    note = "Wat een ander in uw huishouden vertelde over zijn of haar veiligheid"
    assert note in hers and note in his
