"""Unknown is not false: every fact may be left unanswered."""

from __future__ import annotations

from forms.contract import facts_catalogue, validate_intake
from tests.forms.builders import TODAY, household


def _all_facts(value):
    data = household()
    household_facts: dict = {}
    for fact in facts_catalogue().values():
        if fact.domain is None:
            continue
        if fact.scope == "household":
            household_facts.setdefault(fact.domain, {})[fact.name] = value
        else:
            for member in data["members"]:
                member.setdefault(fact.domain, {})[fact.name] = value
    data["household"] = household_facts
    return data


def test_all_facts_null_is_valid():
    data = _all_facts(None)
    for member in data["members"]:
        member["relation"] = None
        member["birth_date"] = None
    data["language"] = {"preferred": None, "interpreter_needed": None}
    data["contact"] = {k: None for k in ("email", "phone", "preferred_channel", "safe_to_contact")}
    data["consents"] = [{"purpose": "combine_regimes", "given": None}]
    assert validate_intake(data, today=TODAY) == []


def test_all_facts_absent_is_valid():
    assert validate_intake(household(), today=TODAY) == []


def test_a_false_answer_is_kept_apart_from_no_answer():
    data = household()
    data["household"] = {"debts": {"has_debts": False, "debt_amount": None}}
    assert validate_intake(data, today=TODAY) == []
    data["household"]["debts"]["debt_amount"] = 300
    assert [i.code for i in validate_intake(data, today=TODAY)] == ["debt_amount_without_debts"]
