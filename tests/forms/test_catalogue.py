"""facts_catalogue: the one list of facts the engine, the contract and the form share."""

from __future__ import annotations

from catalogue.facts import Fact, facts_catalogue
from catalogue.schema import load_schema


def test_member_and_household_facts_are_there():
    facts = facts_catalogue()
    wheelchair = facts["member.mobility.uses_wheelchair"]
    assert wheelchair == Fact(
        path="member.mobility.uses_wheelchair",
        scope="member",
        domain="mobility",
        name="uses_wheelchair",
        type="boolean",
        title_nl="Gebruikt een rolstoel",
        title_en="Uses a wheelchair",
        domain_title_nl="Bewegen en vervoer",
        domain_title_en="Moving around and transport",
        said={"nl": "U gebruikt een rolstoel", "en": "You use a wheelchair"},
    )
    debts = facts["household.debts.has_debts"]
    assert (debts.scope, debts.type, debts.title_nl) == (
        "household",
        "boolean",
        "Heeft schulden of betalingsachterstanden",
    )


def test_numbers_carry_their_unit_and_enums_their_values():
    facts = facts_catalogue()
    amount = facts["household.debts.debt_amount"]
    assert (amount.type, amount.unit) == ("number", "EUR")
    situation = facts["household.housing.situation"]
    assert situation.type == "enum"
    assert "homeless" in situation.values and None not in situation.values


def test_identity_facts_the_engine_may_use():
    facts = facts_catalogue()
    assert facts["member.birth_date"].type == "date"
    assert facts["member.role"].values == ("applicant", "partner", "child", "other")
    assert facts["member.relation"].domain is None
    assert "member.bsn" not in facts and "member.given_name" not in facts


def test_every_domain_fact_in_the_schema_is_listed_once():
    schema = load_schema()
    expected = set()
    for scope, domains in (
        ("member", schema["$defs"]["member"]["properties"]),
        ("household", schema["properties"]["household"]["properties"]),
    ):
        for domain, node in domains.items():
            if node.get("type") == "object":
                expected |= {f"{scope}.{domain}.{name}" for name in node["properties"]}
    listed = {path for path, fact in facts_catalogue().items() if fact.domain}
    assert listed == expected
    assert len(expected) > 50


def test_every_fact_has_both_titles():
    for fact in facts_catalogue().values():
        assert fact.title_nl and fact.title_en, fact.path


def test_the_catalogue_is_a_fresh_dict():
    facts = facts_catalogue()
    facts.clear()
    assert facts_catalogue()


def test_the_engine_reads_the_same_facts():
    """One parse of the schema: the engine's catalogue holds the very facts the contract has."""
    from verordening.intake_schema import load_catalogue

    engine = load_catalogue().facts
    for path, fact in facts_catalogue().items():
        assert engine[path] is fact
