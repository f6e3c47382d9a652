"""Household fixtures: teams with postcode ranges, contact persons, a household filed by a
submitted intake, and logging in (the staff helpers)."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from portal.extensions import db
from portal.households.models import Team, TeamMembership, TeamPostcodeRange
from portal.services import intakes
from tests.staff.conftest import clock, login, make_staff, text  # noqa: F401

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
AS_OF = date(2026, 3, 2)
FAMILY_BSN = "999990019"


@pytest.fixture
def app(app):
    yield app
    # audit_event is append-only (a trigger refuses DELETE on PostgreSQL); the test tables are
    # emptied with TRUNCATE, which the trigger does not cover (see docs/households.md).
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("TRUNCATE audit_event"))
            db.session.commit()


def family(postcode: str = "2741AB", *, bsn_offset: int = 0, urgent: bool = False) -> dict:
    answers = json.loads((EXAMPLES / "intake-family.json").read_text())
    answers = copy.deepcopy(answers)
    answers["address"]["postcode"] = postcode
    if bsn_offset:
        for member in answers["members"]:
            member["bsn"] = None
            member["given_name"] = f"{member['given_name']}{bsn_offset}"
    return answers


def make_team(app, name: str, ranges=(), *, fallback: bool = False) -> int:
    with app.app_context():
        team = Team(name=name, is_fallback=fallback)
        team.ranges = [TeamPostcodeRange(start=a, end=b) for a, b in ranges]
        db.session.add(team)
        db.session.commit()
        return team.id


def join(app, account, team_id: int, *, leads: bool = False, available: bool = True) -> None:
    with app.app_context():
        db.session.add(
            TeamMembership(staff_id=account.id, team_id=team_id, leads=leads, available=available)
        )
        db.session.commit()


def submit(app, answers: dict, *, verified: bool = True) -> int:
    """Submit as the applicant logged in with DigiD (`verified`); else anonymously."""
    applicant = next(m for m in answers["members"] if m["role"] == "applicant")
    with app.app_context():
        return intakes.submit(
            answers, as_of=AS_OF, verified_bsn=applicant.get("bsn") if verified else None
        ).household.id


@pytest.fixture
def world(app):
    """Team Noord (2740-2749) with contact persons A and B and lead L; team Zuid (2800-2809)
    with contact person C and lead M; a fallback team with contact person F."""
    noord = make_team(app, "Noord", [(2740, 2749)])
    zuid = make_team(app, "Zuid", [(2800, 2809)])
    vangnet = make_team(app, "Vangnet", fallback=True)
    people = {
        "a": make_staff(app, "a@test.example", "contact_person"),
        "b": make_staff(app, "b@test.example", "contact_person"),
        "l": make_staff(app, "l@test.example", "team_lead"),
        "c": make_staff(app, "c@test.example", "contact_person"),
        "m": make_staff(app, "m@test.example", "team_lead"),
        "f": make_staff(app, "f@test.example", "contact_person"),
        "admin": make_staff(app, "beheer@test.example", "admin"),
        "desk": make_staff(app, "loket@test.example", "front_desk"),
    }
    join(app, people["a"], noord)
    join(app, people["b"], noord)
    join(app, people["l"], noord, leads=True)
    join(app, people["c"], zuid)
    join(app, people["m"], zuid, leads=True)
    join(app, people["f"], vangnet)
    return {"teams": {"noord": noord, "zuid": zuid, "vangnet": vangnet}, **people}


@pytest.fixture
def household(app, world) -> int:
    """A family in team Noord's area: contact person A gets it."""
    return submit(app, family("2741AB"))


def as_(app, world, who, clock):  # noqa: F811  (clock is the frozen clock passed in)
    """A test client logged in as `who` of the world."""
    client = app.test_client()
    login(client, world[who], clock)
    return client
