"""JSON Schema level: the schema itself, and its errors turned into friendly issues."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from forms.contract import SCHEMA_VERSION, load_schema, validate_intake
from tests.forms.builders import TODAY, codes, household, only


def check(data):
    return validate_intake(data, today=TODAY)


DELETED = object()


def changed(where: str, value) -> dict:
    """The base household with the value at `where` (a path as an issue gives it,
    'members/2/birth_date') set, or removed with DELETED. Missing groups on the way are added."""
    data = household()
    *parents, last = where.split("/")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    if value is DELETED:
        del node[last]
    else:
        node[last] = value
    return data


def _walk(node, path=""):
    if isinstance(node, dict):
        for key in ("properties", "$defs"):
            for name, child in node.get(key, {}).items():
                yield f"{path}/{name}", child
                yield from _walk(child, f"{path}/{name}")
        if isinstance(node.get("items"), dict):
            yield from _walk(node["items"], f"{path}[]")


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(load_schema())
    assert load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_version_is_read_from_the_schema():
    assert SCHEMA_VERSION == "1.0"
    assert load_schema()["$id"].endswith("/" + SCHEMA_VERSION)


def test_every_property_has_a_dutch_and_an_english_title():
    untitled = [
        path
        for path, node in _walk(load_schema())
        if "$ref" not in node
        and path != "/member"
        and not (node.get("title") and node.get("x-title-en"))
    ]
    assert untitled == []


def test_missing_question():
    data = household()
    del data["story"]["question"]
    issue = only(check(data), "required")
    assert issue.path == "story/question"
    assert issue.message == "Uw vraag in uw eigen woorden ontbreekt. Vul dit in."


@pytest.mark.parametrize(
    ("where", "value", "code"),
    [
        # missing, or blank, is 'required'
        ("story", DELETED, "required"),
        ("story/question", "   ", "required"),
        ("schema_version", DELETED, "required"),
        # a value of the wrong type; a household that is no group is wrong, not missing
        ("schema_version", 1.0, "wrong_type"),
        ("household/income/assets", True, "wrong_type"),  # a boolean is not a number
        ("household", 5, "wrong_type"),
        # a text in the wrong form: each pattern has its own code
        ("members/2/birth_date", "03-09-2014", "date_invalid"),
        ("contact/email", "fatima.example.com", "email_invalid"),
        ("contact/phone", "bel me", "phone_invalid"),
        ("address/house_number", "12a", "house_number_invalid"),
        ("language/preferred", "Nederlands", "language_invalid"),
    ],
)
def test_one_wrong_value_gives_one_issue_at_its_path(where, value, code):
    assert only(check(changed(where, value)), code).path == where


def test_wrong_type_names_the_field_and_the_person():
    data = household()
    data["members"][1]["mobility"] = {"uses_wheelchair": "ja"}
    issue = only(check(data), "wrong_type")
    assert issue.path == "members/1/mobility/uses_wheelchair"
    assert issue.dotted_path == "members[1].mobility.uses_wheelchair"
    assert issue.params["expected"] == "boolean"
    assert issue.message == "'Gebruikt een rolstoel' bij Mark (persoon 2) moet ja of nee zijn."


def test_wrong_type_for_a_number():
    data = household()
    data["household"] = {"income": {"monthly_net_income": "1500"}}
    issue = only(check(data), "wrong_type")
    assert issue.message.startswith(
        "'Netto inkomen per maand van de aanvrager en de partner samen, in euro'"
    )
    assert "een getal" in issue.message


def test_unknown_property():
    data = household()
    data["members"][2]["health"] = {"has_flu": True}
    issue = only(check(data), "unknown_field")
    assert issue.path == "members/2/health/has_flu"
    assert issue.params["name"] == "has_flu"
    assert "Gezondheid van Sara (persoon 3)" in issue.message
    assert "'has_flu'" in issue.message


def test_unknown_top_level_property():
    data = household()
    data["bsn"] = "999990007"
    issue = only(check(data), "unknown_field")
    assert issue.path == "bsn"


def test_value_not_in_the_list():
    data = household()
    data["members"][3]["role"] = "grandchild"
    issue = only(check(data), "not_allowed")
    assert issue.path == "members/3/role"
    assert "Rol in het huishouden van Daan (persoon 4)" in issue.message


@pytest.mark.parametrize("version", ["0.9", "2.0"])
def test_other_schema_version(version):
    data = household()
    data["schema_version"] = version
    issue = only(check(data), "schema_version_unsupported")
    assert issue.path == "schema_version"
    assert version in issue.message and SCHEMA_VERSION in issue.message


def test_impossible_date():
    data = household()
    data["members"][2]["birth_date"] = "2014-02-30"
    issue = only(check(data), "date_invalid")
    assert issue.path == "members/2/birth_date"
    assert "Geboortedatum van Sara (persoon 3)" in issue.message


def test_member_id_pattern():
    data = household()
    data["members"][0]["id"] = "Persoon 1"
    issue = only(check(data), "member_id_invalid")
    assert issue.path == "members/0/id"
    assert "Kenmerk van Fatima (persoon 1)" in issue.message


def test_text_too_long():
    data = household()
    data["story"]["goals"] = "x" * 5001
    issue = only(check(data), "too_long")
    assert issue.params["limit"] == 5000
    assert issue.message.startswith("Wat u wilt bereiken is te lang")


def test_no_members():
    data = household()
    data["members"] = []
    issues = check(data)
    assert codes(issues) == ["too_few"]
    assert issues[0].path == "members"


def test_too_many_members():
    data = household()
    data["members"] = [{"id": f"m{i}", "role": "other" if i else "applicant"} for i in range(21)]
    assert "too_many" in codes(check(data))


def test_a_member_that_is_not_an_object():
    data = household()
    data["members"][3] = "Daan"
    issue = only(check(data), "wrong_type")
    assert issue.path == "members/3"
    assert issue.message == "Persoon 4 moet een groep gegevens zijn."


def test_not_an_object_at_all():
    issues = check(["geen", "intake"])
    assert codes(issues) == ["wrong_type"]
    assert issues[0].path == ""


def test_schema_and_semantic_issue_on_one_field_are_reported_once():
    data = household()
    data["members"][3]["bsn"] = "12345"
    assert codes(check(data)) == ["bsn_not_9_digits"]


def test_a_consent_that_is_not_an_object_is_named_by_its_number():
    data = household()
    data["consents"] = [{"purpose": "combine_regimes", "given": True}, "ja"]
    issue = only(check(data), "wrong_type")
    assert issue.path == "consents/1"
    assert issue.message == "Toestemming 2 moet een groep gegevens zijn."


def test_garbage_in_odd_places_gives_issues_not_exceptions():
    data = household()
    data["channel"] = ["online"]
    data["members"][0]["id"] = {"nested": True}
    data["members"][0]["bsn"] = None
    data["consents"] = [{"purpose": ["x"], "given": True, "given_by": "m1"}]
    found = codes(check(data))
    assert {"not_allowed", "wrong_type"} <= set(found)
