"""normalise_intake: a cleaned copy, never a changed meaning."""

from __future__ import annotations

from catalogue.values import (
    format_postcode,
    has_nine_digits,
    is_valid_bsn,
    is_valid_postcode,
    normalise_bsn,
    normalise_postcode,
)
from forms.contract import normalise_intake, validate_intake
from tests.forms.builders import TODAY, household


def test_postcode_is_compact_and_upper_case():
    data = household()
    data["address"]["postcode"] = " 2741 ab "
    assert normalise_intake(data)["address"]["postcode"] == "2741AB"


def test_bsn_loses_separators_and_gets_its_leading_zero():
    data = household()
    data["members"][2]["bsn"] = " 9999.90.056 "
    data["members"][3]["bsn"] = "99999006"
    members = normalise_intake(data)["members"]
    assert members[2]["bsn"] == "999990056"
    assert members[3]["bsn"] == "099999006"


def test_seven_digits_are_not_padded():
    assert normalise_bsn("1234567") == "1234567"
    assert not has_nine_digits("1234567")


def test_strings_are_stripped_and_empty_strings_become_null():
    data = household()
    data["members"][0]["given_name"] = "  Fatima "
    data["story"]["goals"] = "   "
    data["contact"]["phone"] = ""
    cleaned = normalise_intake(data)
    assert cleaned["members"][0]["given_name"] == "Fatima"
    assert cleaned["story"]["goals"] is None
    assert cleaned["contact"]["phone"] is None


def test_language_code_is_lower_case():
    data = household()
    data["language"] = {"preferred": " TR ", "interpreter_needed": True}
    assert normalise_intake(data)["language"]["preferred"] == "tr"


def test_null_life_domain_groups_are_dropped():
    data = household()
    data["household"] = {"debts": None, "income": {"assets": None}}
    data["members"][0]["health"] = None
    cleaned = normalise_intake(data)
    assert cleaned["household"] == {"income": {"assets": None}}
    assert "health" not in cleaned["members"][0]
    assert validate_intake(cleaned, today=TODAY) == []


def test_input_is_not_changed():
    data = household()
    data["address"]["postcode"] = "2741 ab"
    normalise_intake(data)
    assert data["address"]["postcode"] == "2741 ab"


def test_normalising_twice_changes_nothing():
    data = household()
    data["address"]["postcode"] = "2741 ab"
    once = normalise_intake(data)
    assert normalise_intake(once) == once


def test_what_cannot_be_cleaned_is_left_for_the_validator():
    assert normalise_intake(["x"]) == ["x"]
    data = household()
    data["members"].append("Daan")
    data["address"] = "Lindelaan 5"
    cleaned = normalise_intake(data)
    assert cleaned["members"][-1] == "Daan"
    assert cleaned["address"] == "Lindelaan 5"


def test_validation_judges_the_normalised_form():
    data = household()
    data["address"]["postcode"] = "2741 ab"
    data["members"][2]["bsn"] = "9999 90 056"
    assert validate_intake(data, today=TODAY) == []


def test_postcode_helpers():
    assert normalise_postcode("2741 ab") == "2741AB"
    assert format_postcode("2741ab") == "2741 AB"
    assert format_postcode("onbekend") == "onbekend"
    assert is_valid_postcode("2741 AB")
    assert not is_valid_postcode("2741 SA")


def test_bsn_helpers():
    assert is_valid_bsn("999990007")
    assert not is_valid_bsn("999990008")
    assert not is_valid_bsn("12345678a")


def test_null_household_is_dropped():
    data = household()
    data["household"] = None
    assert "household" not in normalise_intake(data)
    assert validate_intake(data, today=TODAY) == []
