"""Escalation fixtures: the household world of tests/households (team Noord with contact persons
A and B and lead L, team Zuid with C and lead M, admin, front desk) plus ontschotters, and
helpers that escalate, hold a platform, grant the mandate and set the handgeld."""

from __future__ import annotations

from datetime import date

import pytest

from portal.escalations.models import Escalation
from portal.extensions import db
from tests.households.conftest import (  # noqa: F401  (fixtures)
    app,
    as_,
    clock,
    family,
    household,
    submit,
    text,
    world,
)
from tests.staff.conftest import make_staff

BASE = "/medewerkers"


@pytest.fixture
def people(app, world):  # noqa: F811  (the fixtures imported above)
    """The world plus ontschotter O (mandate comes from the admin in each test) and P (never)."""
    world["o"] = make_staff(app, "o@test.example", "ontschotter")
    world["p"] = make_staff(app, "p@test.example", "ontschotter")
    return world


def escalation_form(**overrides) -> dict:
    data = {
        "need": "Een verhoogde plantenbak, zodat meneer vanuit de rolstoel zijn tuin bijhoudt.",
        "barriers-0-side_a": "wmo",
        "barriers-0-side_b": "zvw",
        "barriers-0-note": "Dagbesteding alleen op 30 minuten reizen",
        "barriers-1-side_a": "",
        "barriers-1-side_b": "",
        "barriers-1-note": "",
        "tried": "Dagbesteding aangevraagd; meneer heeft maar 1,5 uur energie per dag.",
    }
    data.update(overrides)
    return data


def date_fields(name: str, day: date) -> dict:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


def platform_form(held_on: date, revision: int, **overrides) -> dict:
    data = {
        **date_fields("held_on", held_on),
        "participants-0-name": "Tessa Wijkteam",
        "participants-0-organisation": "Sociaal wijkteam",
        "participants-0-role": "Contactpersoon",
        "participants-1-name": "Karim Fysio",
        "participants-1-organisation": "Fysiotherapie De Brug",
        "participants-1-role": "Fysiotherapeut",
        "first_problem": "Meneer komt de deur niet uit en de dagbesteding is te ver.",
        "revision": str(revision),
    }
    data.update(overrides)
    return data


def decision_form(revision: int, **overrides) -> dict:
    data = {
        "decision": "Handgeld voor twee verhoogde plantenbakken; dagbesteding thuis in de tuin.",
        "authority": "mandate",
        "effect": "Meneer is elke dag buiten bezig, op zijn eigen tempo.",
        "purpose_of_law": "De Wmo wil dat iemand meedoet en zelfredzaam blijft.",
        "weighing": "Goedkoper dan vervoer naar dagbesteding; past bij zijn energie.",
        "route": "Mandaat ontschotter, handgeld; later Wmo-maatwerk (art. 2.3.5 Wmo 2015).",
        "revision": str(revision),
    }
    data.update(overrides)
    return data


def escalate(flask_app, client, household_id: int, **overrides) -> int:
    response = client.post(
        f"{BASE}/huishoudens/{household_id}/escaleren", data=escalation_form(**overrides)
    )
    assert response.status_code == 303, text(response)[:2000]
    return int(response.headers["Location"].rsplit("/", 1)[1])


def version_of(flask_app, escalation_id: int) -> int:
    with flask_app.app_context():
        return db.session.get(Escalation, escalation_id).version


def grant(flask_app, admin_client, account, limit: str = "") -> None:
    response = admin_client.post(
        f"{BASE}/beheer/ontschotters",
        data={"mandaat-staff": str(account.id), "mandaat-granted": "y", "mandaat-limit": limit},
    )
    assert response.status_code == 303, text(response)[:2000]


def set_budget(admin_client, year: int, amount: str, per_payment: str):
    return admin_client.post(
        f"{BASE}/beheer/ontschotters",
        data={"budget-year": str(year), "budget-amount": amount, "budget-per_payment": per_payment},
    )
