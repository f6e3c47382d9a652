"""Budget fixtures: the household world of tests/households (a family in team Noord's area,
contact person A) and helpers to post the budget page's forms."""

from __future__ import annotations

import pytest

from tests.households.conftest import (  # noqa: F401  (fixtures used by the budget tests)
    app,
    as_,
    family,
    household,
    submit,
    world,
)
from tests.staff.conftest import clock, text  # noqa: F401

BASE = "/medewerkers/huishoudens"


def budget_url(household_id: int, rest: str = "") -> str:
    return f"{BASE}/{household_id}/budget{rest}"


def date_parts(prefix: str, value: str) -> dict:
    year, month, day = value.split("-")
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def line_data(provision: str, start: str, end: str, amount: str, provider: str = "") -> dict:
    return {
        "provision": provision,
        **date_parts("period_start", start),
        **date_parts("period_end", end),
        "allocated": amount,
        "provider": provider,
    }


def booking_data(line_id: int, on: str, amount: str, description: str = "Zorg") -> dict:
    return {
        "line": str(line_id),
        **date_parts("booked_on", on),
        "amount": amount,
        "description": description,
        "provider": "",
    }


@pytest.fixture
def a_client(app, world, household, clock):  # noqa: F811
    return as_(app, world, "a", clock)


def words(response) -> str:
    """The page's text as a person reads it: tags out, spaces folded, entities decoded."""
    import html

    return html.unescape(text(response))
