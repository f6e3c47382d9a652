"""One test (or a small group) per semantic rule: a valid case and an invalid one, checking the
code, the path and that the message names the field and the person."""

from __future__ import annotations

import math

import pytest

from forms.contract import ERROR, WARNING, validate_intake
from tests.forms.builders import BSN_DAAN, BSN_FATIMA, TODAY, codes, household, only


def check(data):
    return validate_intake(data, today=TODAY)


def test_the_base_household_is_valid():
    assert check(household()) == []


# --- Members and roles -------------------------------------------------------------------


def test_applicant_missing():
    data = household()
    data["members"][0]["role"] = "other"
    data["members"][0]["relation"] = None
    issue = only(check(data), "applicant_missing")
    assert issue.path == "members"
    assert issue.severity == ERROR
    assert "Wie horen bij het huishouden" in issue.message
    assert "aanvrager" in issue.message


def test_second_applicant_is_an_error_on_its_role():
    data = household()
    data["members"][1]["role"] = "applicant"
    data["members"][1]["relation"] = None
    issue = only(check(data), "applicant_duplicate")
    assert issue.path == "members/1/role"
    assert issue.dotted_path == "members[1].role"
    assert "Mark (persoon 2)" in issue.message
    assert "rol in het huishouden" in issue.message


def test_second_partner_is_an_error():
    data = household()
    data["members"][3].update(role="partner", relation="partner", birth_date="1990-01-01")
    issue = only(check(data), "partner_duplicate")
    assert issue.path == "members/3/role"
    assert "Daan (persoon 4)" in issue.message


def test_one_partner_or_none_is_fine():
    data = household()
    del data["members"][1]
    assert check(data) == []


def test_member_ids_must_be_unique():
    data = household()
    data["members"][2]["id"] = "m1"
    issue = only(check(data), "member_id_duplicate")
    assert issue.path == "members/2/id"
    assert "Kenmerk van Sara (persoon 3)" in issue.message
    assert "Fatima (persoon 1)" in issue.message
    assert issue.params["other_index"] == 0


@pytest.mark.parametrize(
    ("index", "relation"),
    [(0, "partner"), (1, "child"), (2, "parent"), (3, "self"), (2, "partner")],
)
def test_relation_must_fit_the_role(index, relation):
    data = household()
    data["members"][index]["relation"] = relation
    issue = only(check(data), "relation_mismatch")
    assert issue.path == f"members/{index}/relation"
    assert "Relatie tot de aanvrager van" in issue.message


@pytest.mark.parametrize("relation", ["stepchild", "foster_child", "sibling", "other", None])
def test_relations_that_fit_a_child(relation):
    data = household()
    data["members"][2]["relation"] = relation
    assert check(data) == []


def test_member_without_a_name_is_named_by_position():
    data = household()
    data["members"][2]["given_name"] = None
    data["members"][2]["bsn"] = "999990057"
    issue = only(check(data), "bsn_invalid")
    assert "van persoon 3 klopt niet" in issue.message
    assert issue.params["who_name"] is None


# --- BSN -------------------------------------------------------------------------------


def test_bsn_failing_the_11_check():
    data = household()
    data["members"][2]["bsn"] = "999990057"
    issue = only(check(data), "bsn_invalid")
    assert issue.path == "members/2/bsn"
    assert issue.message == (
        "BSN (burgerservicenummer) van Sara (persoon 3) klopt niet. Controleer de 9 cijfers."
    )
    assert "999990057" not in str(issue.to_dict()), "a BSN never ends up in a message or log"


@pytest.mark.parametrize(
    "value", [BSN_DAAN, "99999006", "99999 0068", "9999.90.068", "999-990-068"]
)
def test_a_valid_bsn_is_accepted_also_with_separators_or_8_digits(value):
    # 99999006 is 099999006, which passes the 11-check; the others are 999990068 (BSN_DAAN).
    data = household()
    data["members"][3]["bsn"] = value
    assert check(data) == []


@pytest.mark.parametrize("value", ["1234567", "1234567890", "99999O068", "9999900681"])
def test_bsn_must_be_9_digits_after_normalisation(value):
    data = household()
    data["members"][3]["bsn"] = value
    issues = check(data)
    issue = only(issues, "bsn_not_9_digits")
    assert issue.path == "members/3/bsn"
    assert "Daan (persoon 4)" in issue.message
    assert "9 cijfers" in issue.message
    assert "bsn_invalid" not in codes(issues), "the 11-check only runs on 9 digits"


def test_the_same_bsn_twice_in_one_household():
    data = household()
    data["members"][3]["bsn"] = BSN_FATIMA
    issue = only(check(data), "bsn_duplicate")
    assert issue.path == "members/3/bsn"
    assert "Daan (persoon 4)" in issue.message
    assert "Fatima (persoon 1)" in issue.message


def test_bsn_duplicate_is_found_after_normalisation():
    data = household()
    data["members"][3]["bsn"] = BSN_FATIMA[:3] + " " + BSN_FATIMA[3:]
    assert codes(check(data)) == ["bsn_duplicate"]


def test_bsn_is_optional_for_children_and_walk_ins():
    data = household()
    data["members"][2]["bsn"] = None
    assert check(data) == []
    data["channel"] = "front_desk"
    data["members"][0]["bsn"] = None
    data["members"][1]["bsn"] = None
    assert check(data) == []


def test_missing_applicant_bsn_online_is_a_warning():
    data = household()
    del data["members"][0]["bsn"]
    issue = only(check(data), "bsn_missing")
    assert issue.severity == WARNING
    assert issue.path == "members/0/bsn"
    assert "Fatima (persoon 1)" in issue.message


# --- Birth dates -----------------------------------------------------------------------


def test_birth_date_in_the_future():
    data = household()
    data["members"][3]["birth_date"] = "2026-11-23"
    issue = only(check(data), "birth_date_future")
    assert issue.path == "members/3/birth_date"
    assert issue.message.startswith("Geboortedatum van Daan (persoon 4)")


def test_born_today_is_fine():
    data = household()
    data["members"][3]["birth_date"] = TODAY.isoformat()
    assert check(data) == []


def test_birth_date_more_than_120_years_ago():
    data = household()
    data["members"][1]["birth_date"] = "1905-11-22"  # 121 today
    issue = only(check(data), "birth_date_too_old")
    assert issue.path == "members/1/birth_date"
    assert "Mark (persoon 2)" in issue.message
    assert issue.params["max_age"] == 120
    data["members"][1]["birth_date"] = "1905-11-23"  # 120 today: old, but possible
    assert check(data) == []


def test_child_older_than_the_applicant():
    data = household()
    data["members"][2]["birth_date"] = "1985-01-01"
    issue = only(check(data), "child_older_than_applicant")
    assert issue.path == "members/2/birth_date"
    assert "Sara (persoon 3)" in issue.message
    assert "Fatima (persoon 1)" in issue.message
    assert "geboortedatum" in issue.message


def test_child_born_before_the_partner():
    data = household()
    data["members"][2]["birth_date"] = "1983-01-01"  # after Fatima (1980), before Mark (1984)
    data["members"][0]["birth_date"] = "1980-01-01"
    issue = only(check(data), "child_older_than_partner")
    assert issue.path == "members/2/birth_date"
    assert "Mark (persoon 2)" in issue.message


def test_child_check_needs_both_dates():
    data = household()
    data["members"][0]["birth_date"] = None
    data["members"][1]["birth_date"] = None
    data["members"][2]["birth_date"] = "1950-01-01"
    assert check(data) == []


def test_applicant_under_16_is_a_warning():
    data = household()
    data["members"] = [data["members"][0]]
    data["members"][0]["birth_date"] = "2011-01-01"
    issue = only(check(data), "applicant_under_16")
    assert issue.severity == WARNING
    assert issue.path == "members/0/birth_date"
    assert "Fatima (persoon 1)" in issue.message
    assert "geboortedatum" in issue.message
    data["members"][0]["birth_date"] = "2010-11-22"  # 16 today
    assert check(data) == []


# --- Address and contact -----------------------------------------------------------------


@pytest.mark.parametrize("postcode", ["2741AB", "2741 ab", " 9999 zz ", "1000AA"])
def test_good_postcodes(postcode):
    data = household()
    data["address"]["postcode"] = postcode
    assert check(data) == []


@pytest.mark.parametrize("postcode", ["0741AB", "274AB", "2741A", "2741SA", "2741 sd", "2741SS"])
def test_bad_postcodes(postcode):
    data = household()
    data["address"]["postcode"] = postcode
    issue = only(check(data), "postcode_invalid")
    assert issue.path == "address/postcode"
    assert issue.message.startswith("Postcode klopt niet")


def test_postcode_and_house_number_are_required_with_a_fixed_address():
    data = household()
    data["address"] = {"postcode": None, "house_number": None, "no_fixed_address": None}
    issues = check(data)
    assert only(issues, "postcode_missing").path == "address/postcode"
    assert only(issues, "house_number_missing").path == "address/house_number"
    assert "Postcode ontbreekt" in only(issues, "postcode_missing").message
    del data["address"]
    assert sorted(codes(check(data))) == ["house_number_missing", "postcode_missing"]


def test_no_fixed_address_needs_no_postcode():
    data = household()
    data["address"] = {"no_fixed_address": True}
    assert check(data) == []


def test_email_must_look_like_an_email():
    data = household()
    data["contact"]["email"] = "fatima@example"
    issue = only(check(data), "email_invalid")
    assert issue.path == "contact/email"
    assert "E-mailadres" in issue.message


def test_e_mail_title_is_lower_case_mid_sentence():
    data = household()
    data["contact"] = {"preferred_channel": "email"}
    issue = only(check(data), "contact_detail_missing")
    assert "maar het e-mailadres ontbreekt" in issue.message


@pytest.mark.parametrize(("channel", "field"), [("email", "email"), ("phone", "phone")])
def test_preferred_channel_without_the_detail_is_a_warning(channel, field):
    data = household()
    data["contact"] = {"preferred_channel": channel}
    issue = only(check(data), "contact_detail_missing")
    assert issue.severity == WARNING
    assert issue.path == f"contact/{field}"
    data["contact"][field] = "fatima@example.com" if field == "email" else "0612345678"
    assert check(data) == []


def test_interpreter_without_a_language_is_a_warning():
    data = household()
    data["language"] = {"interpreter_needed": True, "preferred": None}
    issue = only(check(data), "language_missing")
    assert issue.severity == WARNING
    assert "voorkeurstaal" in issue.message
    data["language"]["preferred"] = "ar"
    assert check(data) == []


# --- Numbers and life domains ------------------------------------------------------------


def test_negative_number_names_the_field():
    data = household()
    data["household"] = {"debts": {"debt_amount": -5}}
    issue = only(check(data), "number_negative")
    assert issue.path == "household/debts/debt_amount"
    assert issue.message.startswith("'Ongeveer hoeveel schuld in euro' kan niet lager")


def test_negative_number_of_a_member():
    data = household()
    data["members"][2]["school"] = {"distance_to_school_km": -1}
    issue = only(check(data), "number_negative")
    assert issue.path == "members/2/school/distance_to_school_km"
    assert "Sara (persoon 3)" in issue.message


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_numbers_must_be_finite(value):
    data = household()
    data["household"] = {"income": {"monthly_net_income": value}}
    issue = only(check(data), "number_not_finite")
    assert issue.path == "household/income/monthly_net_income"


def test_absence_hours_at_most_4_school_weeks():
    data = household()
    data["members"][2]["school"] = {"absence_hours_last_4_weeks": 160}
    assert check(data) == []
    data["members"][2]["school"]["absence_hours_last_4_weeks"] = 161
    issue = only(check(data), "absence_hours_too_many")
    assert issue.path == "members/2/school/absence_hours_last_4_weeks"
    assert issue.message.startswith(
        "'Aantal uren school gemist in de laatste 4 weken' bij Sara (persoon 3) is meer dan 160"
    )


def test_school_facts_for_someone_over_30_are_a_warning():
    data = household()
    data["members"][1]["school"] = {"type": "mbo", "enrolled": True}
    issue = only(check(data), "school_for_adult")
    assert issue.severity == WARNING
    assert issue.path == "members/1/school"
    assert "Mark (persoon 2)" in issue.message


def test_no_school_for_an_adult_is_not_suspicious():
    data = household()
    data["members"][1]["school"] = {
        "type": "none",
        "enrolled": False,
        "distance_to_school_km": None,
    }
    assert check(data) == []


def test_debt_amount_while_no_debts_is_a_warning():
    data = household()
    data["household"] = {"debts": {"has_debts": False, "debt_amount": 1200}}
    issue = only(check(data), "debt_amount_without_debts")
    assert issue.severity == WARNING
    assert issue.path == "household/debts/debt_amount"
    data["household"]["debts"]["has_debts"] = None  # unknown: no conflict
    assert check(data) == []


def test_weeks_until_leaving_while_not_leaving_is_a_warning():
    data = household()
    data["household"] = {"housing": {"must_leave_home": False, "weeks_until_leaving": 3}}
    issue = only(check(data), "leaving_weeks_without_leaving")
    assert issue.path == "household/housing/weeks_until_leaving"
    data["household"]["housing"]["must_leave_home"] = True
    assert check(data) == []


# --- Consent -------------------------------------------------------------------------------


def test_consent_per_purpose_only_once():
    data = household()
    data["consents"] = [
        {"purpose": "share_with_school", "given": True},
        {"purpose": "share_with_school", "given": False},
    ]
    issue = only(check(data), "consent_duplicate")
    assert issue.path == "consents/1/purpose"
    assert issue.message.startswith("Toestemming 2:")
    assert issue.params["purpose"] == "share_with_school"


def test_consent_given_by_a_member_of_the_household():
    data = household()
    data["consents"] = [{"purpose": "share_with_school", "given": True, "given_by": "m9"}]
    issue = only(check(data), "consent_member_unknown")
    assert issue.path == "consents/0/given_by"
    assert "m9" in issue.message
    data["consents"][0]["given_by"] = "m3"
    assert check(data) == []


def test_consent_date_not_in_the_future():
    data = household()
    data["consents"] = [{"purpose": "combine_regimes", "given": True, "given_on": "2027-01-01"}]
    issue = only(check(data), "consent_date_future")
    assert issue.path == "consents/0/given_on"
    assert issue.message.startswith("Toestemming 1: de datum ligt in de toekomst")
