"""Issue #11: unknown answers never make help disappear (possible outcomes), unknown urgency is
urgent, safety questions come first and the first ask-list is short, and the file says so."""

from __future__ import annotations

import datetime as dt

import pytest

from verordening.errors import VerordeningError
from verordening.registry import DEFAULT_PATH, load_verordeningen
from verordening.result import MAX_ASK_FIRST, MAX_SAFETY_FIRST

from .conftest import intake, rule_of

AS_OF = dt.date(2026, 3, 1)
MODEL_DATA = DEFAULT_PATH / "model-2026-01-01.yaml"


@pytest.fixture(scope="module")
def model():
    return load_verordeningen(MODEL_DATA)


def unemployed(**income):
    member = {"id": "m1", "role": "applicant", "birth_date": "1979-04-12"}
    base = {"monthly_net_income": 0, "receives_bijstand": False, "low_income_years": 0}
    return intake(member, household={"income": base | income})


def test_unknown_assets_make_bijstand_possible_with_what_the_gemeente_checks(model):
    e = model.evaluate(unemployed(), AS_OF)
    assert e.outcome("pw_algemene_bijstand") is None
    possible = {p.rule_id: p for p in e.possible}
    assert "pw_algemene_bijstand" in possible
    assert [path for path, _ in possible["pw_algemene_bijstand"].to_check] == [
        "household.income.assets"
    ]
    # the resident is not asked for the assets first: the gemeente checks the bank statements
    assert "household.income.assets" not in {mf.path for mf in e.ask_first}
    d = e.to_dict()
    shown = {p["rule_id"]: p for p in d["household"]["possible"]}
    assert shown["pw_algemene_bijstand"]["to_check"][0]["label"]["nl"]
    assert d["triage"] != "nothing_applies" and d["nothing_applies"] is None


def test_assets_known_decide_it_either_way(model):
    assert model.evaluate(unemployed(assets=200), AS_OF).outcome("pw_algemene_bijstand")
    rich = model.evaluate(unemployed(assets=250_000), AS_OF)
    assert rich.outcome("pw_algemene_bijstand") is None
    assert "pw_algemene_bijstand" not in {p.rule_id for p in rich.possible}


def test_safety_questions_come_first_and_the_first_list_is_short(model):
    e = model.evaluate(intake(), AS_OF)  # nothing answered
    first = [mf.path for mf in e.ask_first]
    safety = list(model.for_date(AS_OF).safety_questions)
    assert 0 < len(safety) <= MAX_SAFETY_FIRST
    assert first[: len(safety)] == safety
    assert len(first) == MAX_ASK_FIRST < len(e.missing)
    # after the safety questions, the question that decides most rules comes first
    counts = [len(mf.rules) for mf in e.ask_first[len(safety) :]]
    assert counts == sorted(counts, reverse=True)


def test_answered_safety_questions_are_not_asked_again(model):
    safety = {"immediate_danger": False, "child_unsafe": False, "domestic_violence": False}
    e = model.evaluate(intake(household={"safety": safety}), AS_OF)
    asked = {mf.path for mf in e.ask_first}
    assert "household.safety.immediate_danger" not in asked
    assert "household.housing.situation" in asked


def test_urgent_outcome_never_shows_a_normal_term(model):
    """Losing the home next week: the deposit is urgent with the short term, not 8 weeks."""
    household = {
        "income": {"monthly_net_income": 1100, "assets": 100, "receives_bijstand": False},
        "housing": {"situation": "room", "must_leave_home": True, "weeks_until_leaving": 1},
    }
    address = {"postcode": "2741 AB", "house_number": "1", "no_fixed_address": False}
    e = model.evaluate(intake(household=household, address=address), AS_OF)
    o = e.outcome("pw_bijzondere_bijstand_woonkosten")
    assert o.urgency == "urgent" and not o.urgency_unconfirmed
    assert o.deadline.unit == "working_days" and o.deadline.length == 3
    assert o.deadline.status == "not_verified"  # a local working agreement, said so in the data


def test_a_rule_that_can_be_urgent_needs_an_urgent_term(write_variant):
    def drop(doc):
        rule_of(doc, "wmo_huishoudelijke_ondersteuning").pop("urgent_deadline")

    with pytest.raises(VerordeningError, match="urgent_deadline"):
        load_verordeningen(write_variant(drop))


def test_too_many_or_unknown_safety_questions_are_refused(write_variant):
    def too_many(doc):
        doc.setdefault("triage", {})["safety_questions"] = ["household.safety.immediate_danger"] * 6

    with pytest.raises(VerordeningError, match="hoogstens 5"):
        load_verordeningen(write_variant(too_many))

    def unknown(doc):
        doc.setdefault("triage", {})["safety_questions"] = ["household.safety.is_it_raining"]

    with pytest.raises(VerordeningError, match="onbekende vraag"):
        load_verordeningen(write_variant(unknown))


def test_municipality_checks_must_name_known_questions(write_variant):
    def typo(doc):
        rule_of(doc, "schuldhulp")["municipality_checks"] = ["household.income.asets"]

    with pytest.raises(VerordeningError, match="municipality_checks"):
        load_verordeningen(write_variant(typo))


def test_the_trail_shows_the_numbers_used(model):
    """The norm, the ratio and the assets limit the bijstand rule worked with, on the day."""
    e = model.evaluate(unemployed(monthly_net_income=1100, assets=200), AS_OF)
    numbers = dict(e.outcome("pw_algemene_bijstand").numbers)
    assert numbers["param.bijstandsnorm_alleenstaande"] == 1401.50
    assert numbers["household.social_minimum"] == 1401.50
    assert numbers["household.income_ratio"] == round(1100 / 1401.50, 4)
    assert numbers["household.asset_limit"] == 8000
    # only the branch that applied: no couple norm for a single person
    assert "param.bijstandsnorm_paar" not in numbers


def test_a_regime_not_advised_says_why_and_what_would_change_it(model):
    """Income above the norm: bijstand is not advised, and the trail names the income (the
    answer that would have to change); regimes with an outcome are not listed."""
    e = model.evaluate(unemployed(monthly_net_income=2500, assets=200), AS_OF)
    assert e.outcome("pw_algemene_bijstand") is None
    reasons = {(rule.id, who): because for rule, who, because in e.not_advised()}
    paths = [b.path for b in reasons[("pw_algemene_bijstand", None)]]
    assert "household.income.monthly_net_income" in paths
    advised = {o.rule.regime.id for o in e.outcomes}
    assert not any(rule.regime.id in advised for rule, _who, _b in e.not_advised())
