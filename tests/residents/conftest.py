"""Resident fixtures: a real OpenID Connect provider on loopback (oidc-provider-mock over HTTP),
the app configured against it, and a helper that logs in the way a browser does: our log-in
link, the provider's page (choosing a test user), the redirect back to our callback."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
import sqlalchemy as sa

from portal.extensions import db
from portal.models import HouseholdMember
from portal.residents import dev_provider
from portal.services import intakes
from tests.households.conftest import world  # noqa: F401  (fixture)
from tests.staff.conftest import clock, login, make_staff, text  # noqa: F401

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
AS_OF = date(2026, 3, 2)
CLIENT_ID = "eenloket-test"

# The family of docs/examples/intake-family.json: Anouk (applicant), Youssef (partner),
# Noor (child; made 17 here, so the Jeugdwet 16+ rule applies to her), Daan (child, no BSN).
ANOUK, YOUSSEF, NOOR = "999990019", "999990032", "999990044"
# A second family, nobody's BSN in common with the first.
OTHER = "999990056"
USERS = [
    ("anouk", {"bsn": ANOUK}),
    ("youssef", {"bsn": YOUSSEF}),
    ("noor", {"bsn": NOOR}),
    ("other", {"bsn": OTHER}),
    ("no-bsn", {"email": "iemand@test.example"}),
    # DigiD Machtigen (issue #19): OTHER acts for Anouk, with a service of the development
    # settings (portal.config.DEVELOPMENT_MACHTIGEN_SERVICES) or an unknown one
    (
        "other-for-anouk",
        {
            "bsn": OTHER,
            "authorizee_bsn": OTHER,
            "representee_bsn": ANOUK,
            "service_id": "eenloket-aanvragen-en-volgen",
        },
    ),
    (
        "other-for-anouk-wmo",
        {
            "bsn": OTHER,
            "authorizee_bsn": OTHER,
            "representee_bsn": ANOUK,
            "service_id": "eenloket-wmo-lezen",
        },
    ),
    (
        "other-for-anouk-unknown-service",
        {
            "bsn": OTHER,
            "authorizee_bsn": OTHER,
            "representee_bsn": ANOUK,
            "service_id": "een-dienst-die-wij-niet-kennen",
        },
    ),
    ("bad-bsn", {"bsn": "123456780"}),
]


@pytest.fixture(scope="session")
def provider():
    running = dev_provider.start(USERS)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def migrated(migrated, provider) -> dict:
    return {
        **migrated,
        "OIDC_ISSUER": provider.issuer,
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": "test-client-secret",
    }


@pytest.fixture
def app(app):
    yield app
    # audit_event is append-only (a PostgreSQL trigger refuses DELETE): empty it with TRUNCATE.
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("TRUNCATE audit_event"))
            db.session.commit()


def family(*, noor_birth: str = "2009-03-21") -> dict:
    answers = copy.deepcopy(json.loads((EXAMPLES / "intake-family.json").read_text()))
    answers["address"]["postcode"] = "2741AB"  # team Noord of the `world` fixture
    for member in answers["members"]:
        if member["bsn"] == NOOR:
            member["birth_date"] = noor_birth
    return answers


def other_family() -> dict:
    answers = family()
    answers["address"]["postcode"] = "2801AB"
    for number, member in enumerate(answers["members"]):
        member["given_name"] = f"Ander{number}"
        member["bsn"] = OTHER if number == 0 else None
    return answers


def submit(app, answers: dict, *, resume_code_hash: str | None = None, verified: bool = True):
    """Submit as the applicant logged in with DigiD (`verified`), so the household is theirs on
    Mijn aanvraag; `verified=False` is an anonymous intake (a typed BSN proves nothing)."""
    applicant = next(m for m in answers["members"] if m["role"] == "applicant")
    with app.app_context():
        result = intakes.submit(
            answers,
            as_of=AS_OF,
            resume_code_hash=resume_code_hash,
            verified_bsn=applicant.get("bsn") if verified else None,
        )
        return result.household.id, result.intake.reference


def confirm_member(app, bsn: str) -> None:
    """Staff confirmed this listed member's identity (a DigiD intake of their own, merged after
    review): from now on they see the household on Mijn aanvraag."""
    with app.app_context():
        for member in db.session.scalars(
            sa.select(HouseholdMember).where(HouseholdMember.bsn == bsn)
        ):
            member.identity_verified, member.verified_via = True, "staff"
        db.session.commit()


def authorize(client, sub: str, *, action: str | None = None) -> requests.Response:
    """Our log-in link, then the provider's page: choose `sub` (or deny). Returns the
    provider's answer: a redirect to our callback."""
    start = client.get("/mijn/inloggen/digid")
    assert start.status_code == 302, start.get_data(as_text=True)[:300]
    url = start.headers["Location"]
    page = requests.get(url, timeout=10)
    assert page.status_code == 200
    data = {"action": action} if action else {"sub": sub}
    answer = requests.post(url, data=data, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[:300]
    return answer


def callback_path(answer: requests.Response) -> str:
    location = urlsplit(answer.headers["Location"])
    assert location.path == "/mijn/inloggen/terug"
    return f"{location.path}?{location.query}"


def resident_login(client, sub: str):
    response = client.get(callback_path(authorize(client, sub)))
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    assert response.headers["Location"].endswith("/mijn/")
    return response
