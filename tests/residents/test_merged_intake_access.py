"""Issue #12, the hole a review found after the typed-BSN fix: an anonymous intake that names a
resident's BSN *with her real birth date* is a plain match for staff. If staff merge it, the
sender's attached intake must not become a key to her file: he sees that his intake went to
another file (number and date only), not her plan, her consents or her answers, and he can
decide nothing for her household."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.households import matching
from portal.households.models import Consent, HouseholdMatch
from portal.intake import store
from portal.models import StaffMember
from portal.plans import service
from portal.plans.models import PlanVersion
from portal.services import matches
from tests.residents.conftest import (
    ANOUK,
    NOOR,
    YOUSSEF,
    confirm_member,
    family,
    resident_login,
    submit,
    text,
)
from tests.residents.test_idor import routes
from tests.residents.test_typed_bsn_attack import attacker_intake

CODE = "BCDF-GH23-JK45"


def her_household(app, world) -> dict:
    """Anouk's DigiD intake (home not safe), a consent and an issued plan."""
    answers = family()
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    household, reference = submit(app, answers)
    with app.app_context():
        consent = Consent(household_id=household, organisation="Veilig Thuis", purpose="Advies")
        db.session.add(consent)
        staff = db.session.get(StaffMember, world["a"].id)
        version = service.issue(service.plan_for(household), staff)
        db.session.commit()
        return {
            "household": household,
            "reference": reference,
            "consent": consent.id,
            "version": version.id,
        }


def naming_her_truly() -> dict:
    """His anonymous intake (as in the typed-BSN attack), now with her real birth date."""
    answers = attacker_intake(verified=False)
    hers = next(m for m in family()["members"] if m["bsn"] == ANOUK)
    answers["members"][1] = {**hers, "id": "m2", "role": "partner", "relation": "partner"}
    return answers


@pytest.fixture
def merged(app, world):
    victim = her_household(app, world)
    with app.test_request_context():
        hashed = store._hash(CODE)
    _, his_reference = submit(app, naming_her_truly(), resume_code_hash=hashed, verified=False)
    with app.app_context():
        (match,) = db.session.scalars(select(HouseholdMatch)).all()
        assert match.reason == matching.SAME_BSN  # a true match: staff may merge it
        matches.decide(match, "merge", db.session.get(StaffMember, world["a"].id))
        db.session.commit()
    return {**victim, "his_reference": his_reference}


def test_a_merged_anonymous_intake_is_no_key_to_her_file(app, client, clock, merged):
    resident_login(client, "other")  # his own DigiD
    attached = client.post(
        "/mijn/koppelen", data={"reference": merged["his_reference"], "code": CODE}
    )
    assert attached.status_code == 303

    body = text(client.get("/mijn/"))
    # his own intake: only that it went to another file, and how to get access
    assert merged["his_reference"] in body
    assert "bij het dossier van een huishouden gevoegd" in body
    # nothing of hers: her intake, her plan, her consent, her safety answers
    assert merged["reference"] not in body
    assert "Veilig Thuis" not in body and "Ondersteuningsplan" not in body
    for method, url in routes(merged):
        assert client.open(url, method=method).status_code == 404, (method, url)
    with app.app_context():
        assert db.session.get(Consent, merged["consent"]).withdrawn_at is None
        assert db.session.get(PlanVersion, merged["version"]).agreed_at is None


def test_she_still_sees_everything_and_not_his_intake(app, client, clock, merged):
    resident_login(client, "anouk")
    body = text(client.get("/mijn/"))
    assert merged["reference"] in body and "Veilig Thuis" in body
    assert client.get(f"/mijn/plan/{merged['version']}").status_code == 200


def test_only_a_verified_adult_decides_for_the_household(app, world, clock):
    """Noor (17, verified) reads the plan but cannot agree to it or withdraw a consent; an
    unverified listed adult does not get in at all; Anouk can do both."""
    victim = her_household(app, world)
    confirm_member(app, NOOR)
    noor = app.test_client()
    resident_login(noor, "noor")
    page = text(noor.get(f"/mijn/plan/{victim['version']}"))
    assert "Ik ga akkoord met dit plan" not in page
    assert noor.post(f"/mijn/plan/{victim['version']}/akkoord").status_code == 403
    assert noor.get(f"/mijn/toestemming/{victim['consent']}/intrekken").status_code == 404
    assert "Toestemming intrekken" not in text(noor.get("/mijn/"))
    with app.app_context():
        assert db.session.get(PlanVersion, victim["version"]).agreed_at is None
        assert db.session.get(Consent, victim["consent"]).withdrawn_at is None

    anouk = app.test_client()
    resident_login(anouk, "anouk")
    assert "Toestemming intrekken" in text(anouk.get("/mijn/"))
    assert anouk.post(f"/mijn/plan/{victim['version']}/akkoord").status_code == 303
    with app.app_context():
        assert db.session.get(PlanVersion, victim["version"]).agreed_at is not None


def test_her_intake_about_an_unsafe_home_is_not_even_listed_for_him(app, world, clock):
    """Both partners verified: her intake that says home is not safe does not appear on his
    page at all (its number and date would tell him she asked for help)."""
    victim = her_household(app, world)
    confirm_member(app, YOUSSEF)
    him = app.test_client()
    resident_login(him, "youssef")
    body = text(him.get("/mijn/"))
    assert victim["reference"] not in body


def test_her_own_words_and_veilig_thuis_stay_out_of_his_copy_of_the_plan(app, world, clock):
    """The issue's first scenario: she tells that home is not safe in her own words; the plan is
    issued as drafted from her intake; her partner (verified, same household) reads the plan
    page and its .docx: neither has her words, the Veilig Thuis referral or her safety domain.
    She sees all of it."""
    import io

    from docx import Document

    answers = family()
    answers["household"].setdefault("safety", {})["domestic_violence"] = True
    answers["story"]["question"] = "Mijn partner slaat mij en bedreigt mij. Ik wil hulp."
    household, _ = submit(app, answers)
    with app.app_context():
        staff = db.session.get(StaffMember, world["a"].id)
        plan = service.plan_for(household)
        plan.domains = {"safety": {"score": 1, "situation": "Zij is thuis niet veilig."}}
        version = service.issue(plan, staff)
        db.session.commit()
        version_id = version.id
    confirm_member(app, YOUSSEF)
    him, her = app.test_client(), app.test_client()
    resident_login(him, "youssef")
    resident_login(her, "anouk")

    def docx_text(client) -> str:
        body = client.get(f"/mijn/plan/{version_id}/ondersteuningsplan.docx").data
        document = Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)

    for secret in ("slaat mij", "Veilig Thuis", "thuis niet veilig"):
        assert secret not in text(him.get(f"/mijn/plan/{version_id}")), secret
        assert secret not in docx_text(him), secret
    assert "slaat mij" in text(her.get(f"/mijn/plan/{version_id}"))
    assert "Veilig Thuis" in docx_text(her) and "thuis niet veilig" in docx_text(her)
