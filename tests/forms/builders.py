"""A small, valid household to start each test from (invented people, test BSNs)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from forms.contract import Issue

#: Every test judges birth dates against this day, so the tests do not age.
TODAY = date(2026, 11, 22)

# Test BSNs in the 99999xxxx range that pass the 11-check (generated with python-stdnum).
BSN_FATIMA = "999990007"
BSN_MARK = "999990020"
BSN_SARA = "999990056"
BSN_DAAN = "999990068"

_BASE: dict[str, Any] = {
    "schema_version": "1.0",
    "channel": "online",
    "members": [
        {
            "id": "m1",
            "role": "applicant",
            "given_name": "Fatima",
            "family_name": "El Amrani",
            "birth_date": "1986-02-14",
            "bsn": BSN_FATIMA,
            "relation": "self",
        },
        {
            "id": "m2",
            "role": "partner",
            "given_name": "Mark",
            "family_name": "Jansen",
            "birth_date": "1984-06-01",
            "bsn": BSN_MARK,
            "relation": "partner",
        },
        {
            "id": "m3",
            "role": "child",
            "given_name": "Sara",
            "family_name": "Jansen",
            "birth_date": "2014-09-03",
            "bsn": BSN_SARA,
            "relation": "child",
        },
        {
            "id": "m4",
            "role": "child",
            "given_name": "Daan",
            "family_name": "Jansen",
            "birth_date": "2020-01-10",
            "bsn": None,
            "relation": "child",
        },
    ],
    "address": {"postcode": "2741AB", "house_number": "5", "city": "Voorbeeldgemeente"},
    "contact": {"email": "fatima@example.com", "phone": "06 12345678"},
    "story": {"question": "Wij hebben schulden en Sara gaat niet meer naar school."},
}


def household() -> dict[str, Any]:
    """A fresh, valid four-person household."""
    return copy.deepcopy(_BASE)


def codes(issues: list[Issue]) -> list[str]:
    return [issue.code for issue in issues]


def only(issues: list[Issue], code: str) -> Issue:
    """The one issue with ``code``; fails when there is none or more than one."""
    found = [issue for issue in issues if issue.code == code]
    assert len(found) == 1, f"expected one {code!r}, got {[i.to_dict() for i in issues]}"
    return found[0]
