"""evaluate(): outcomes, explanations, missing facts, triage, excludes, versions, parameters."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import verordening
from verordening import Evaluation, VerordeningError, evaluate, load_verordeningen
from verordening.registry import clear_cache

from .conftest import MODEL, intake, rule_of

AS_OF = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def registry():
    return load_verordeningen(MODEL)


def elder(**health):
    return {
        "id": "m1",
        "role": "applicant",
        "given_name": "Els",
        "birth_date": "1950-02-01",
        "self_care": {"needs_help_housekeeping": True},
        "health": health,
    }


def wheelchair_user():
    """An applicant born in 1950 who uses a wheelchair: wmo_rolstoel fits."""
    return {
        "id": "m1",
        "role": "applicant",
        "birth_date": "1950-01-01",
        "mobility": {"uses_wheelchair": True},
    }


def test_outcome_carries_everything_the_plan_needs(registry):
    e = registry.evaluate(intake(elder(fall_risk=False)), AS_OF)
    assert isinstance(e, Evaluation)
    o = e.outcome("wmo_huishoudelijke_ondersteuning", "m1")
    d = o.to_dict()
    assert d["regime"] == {
        "id": "wmo",
        "kind": "municipal",
        "body": None,
        "name": {"nl": "Wet maatschappelijke ondersteuning 2015", "en": "Social Support Act 2015"},
    }
    assert d["article"] == {"number": "4.2", "title": "Huishoudelijke ondersteuning"}
    assert d["law_article"] == "Wmo 2015 art. 2.3.5 lid 3"
    assert d["deadline"]["id"] == "wmo_onderzoek" and d["deadline"]["unit"] == "weeks"
    assert d["kind"] == "melding" and d["life_domain"] == "household_self_care"
    assert d["decision"] == "advice" and d["omgekeerde_toets"] is None
    assert d["evidence"] == [{"nl": "Geen", "en": "None"}]


def test_explanation_names_the_answers_in_b1(registry):
    e = registry.evaluate(intake(elder()), AS_OF)
    o = e.outcome("wmo_huishoudelijke_ondersteuning", "m1")
    assert o.explanation.nl == (
        "U kunt het huishouden niet zelf doen. U gaf aan: Kan het huishouden niet (helemaal) "
        "zelf doen — ja; Leeftijd — 76 jaar."
    )
    assert o.explanation.en.startswith("You cannot do the housekeeping yourself. You told us: ")
    assert [(b.path, b.member_id, b.value) for b in o.because] == [
        ("member.self_care.needs_help_housekeeping", "m1", True),
        ("member.age", "m1", 76),
    ]


def test_derived_facts_are_explained_by_the_answers_behind_them(registry):
    household = {"income": {"unexpected_necessary_costs": True, "monthly_net_income": 1000}}
    e = registry.evaluate(intake(household=household), AS_OF)
    o = e.outcome("bijzondere_bijstand")
    assert o.member_id is None and o.decision == "weigh"
    assert o.to_dict()["omgekeerde_toets"]["law_purpose"]["nl"] == "Bestaanszekerheid"
    paths = [b.path for b in o.because]
    assert "household.income.monthly_net_income" in paths
    assert "household.income_ratio" not in paths
    assert "€ 1.000" in o.explanation.nl


def test_missing_facts_are_deduplicated_and_name_the_rules(registry):
    e = registry.evaluate(intake(elder()), AS_OF)
    by_key = {(m.path, m.member_id): m for m in e.missing}
    wheelchair = by_key[("member.mobility.uses_wheelchair", "m1")]
    assert wheelchair.rules == ["wmo_rolstoel", "wmo_vervoer_algemeen"]
    assert wheelchair.label.nl == "Gebruikt een rolstoel"
    assert len(by_key) == len(e.missing)
    # urgent_when of a fired rule could raise the urgency: ask it too
    assert by_key[("member.health.fall_risk", "m1")].rules == ["wmo_huishoudelijke_ondersteuning"]
    # a decided rule asks nothing: the household has no child, so no school questions
    assert ("member.school.type", "m1") in by_key  # leerlingenvervoer is still open for m1
    assert not any(p == "household.parenting.parenting_worries" for p, _ in by_key)


def test_unknown_birth_date_asks_for_the_birth_date(registry):
    member = {"id": "m1", "role": "applicant", "self_care": {"needs_help_housekeeping": True}}
    e = registry.evaluate(intake(member), AS_OF)
    assert e.outcome("wmo_huishoudelijke_ondersteuning") is None
    asked = [m for m in e.missing if "wmo_huishoudelijke_ondersteuning" in m.rules]
    assert [(m.path, m.member_id) for m in asked] == [("member.birth_date", "m1")]


def test_urgent_when_raises_urgency_and_triage(registry):
    e = registry.evaluate(intake(elder(fall_risk=True, cannot_call_for_help=True)), AS_OF)
    o = e.outcome("wmo_huishoudelijke_ondersteuning")
    assert o.urgency == "urgent" and not o.urgency_unconfirmed
    assert e.triage == "urgent"
    e = registry.evaluate(intake(elder(fall_risk=False)), AS_OF)
    assert e.outcome("wmo_huishoudelijke_ondersteuning").urgency == "normal"
    assert e.triage == "single_question"


def test_unknown_urgency_is_urgent_until_answered_with_the_urgent_term(registry):
    """An elder who may fall and not be able to call for help, who has not said: urgent, with
    Wmo 2.3.3 "onverwijld" instead of 6 weeks, and the question is still asked."""
    e = registry.evaluate(intake(elder()), AS_OF)
    o = e.outcome("wmo_huishoudelijke_ondersteuning")
    assert o.urgency == "urgent" and o.urgency_unconfirmed
    assert e.triage == "urgent"
    assert o.deadline.id == "wmo_spoed" and o.deadline.immediate
    d = o.to_dict()
    assert d["deadline"]["id"] == "wmo_spoed" and d["urgency_unconfirmed"] is True
    assert ("member.health.fall_risk", "m1") in {(m.path, m.member_id) for m in e.missing}
    # answered "no": the normal term of 6 weeks
    normal = registry.evaluate(intake(elder(fall_risk=False)), AS_OF)
    assert normal.outcome("wmo_huishoudelijke_ondersteuning").deadline.id == "wmo_onderzoek"


def test_triage_multi_domain(registry):
    member = elder(fall_risk=False)
    member["mobility"] = {"walking_difficulty": True, "uses_wheelchair": False}
    e = registry.evaluate(intake(member), AS_OF)
    assert e.life_domains == ["household_self_care", "mobility"]
    assert e.triage == "multi_domain"


def test_excludes_drops_the_other_rule_for_the_same_member_only(registry):
    wheel = wheelchair_user()
    walker = {
        "id": "m2",
        "role": "partner",
        "birth_date": "1951-01-01",
        "mobility": {"walking_difficulty": True},
    }
    e = registry.evaluate(intake(wheel, walker), AS_OF)
    assert e.outcome("wmo_rolstoel", "m1") is not None
    assert e.outcome("wmo_vervoer_algemeen", "m1") is None
    assert e.outcome("wmo_vervoer_algemeen", "m2") is not None
    assert not any(m.member_id == "m1" and "wmo_vervoer_algemeen" in m.rules for m in e.missing)


def all_no():
    """An intake in which every question the fixture's rules ask is answered, and nothing fits."""
    member = {
        "id": "m1",
        "role": "applicant",
        "birth_date": "1980-01-01",
        "self_care": {"needs_help_housekeeping": False},
        "mobility": {"uses_wheelchair": False, "walking_difficulty": False},
        "school": {"type": "none"},
        "health": {"needs_medical_treatment": False, "needs_permanent_supervision": False},
    }
    household = {
        "debts": {"has_debts": False},
        "income": {"unexpected_necessary_costs": False, "monthly_net_income": 3000},
        "safety": {"domestic_violence": False, "child_unsafe": False},
    }
    return intake(member, household=household)


def test_nothing_applies_is_never_silent(registry):
    e = registry.evaluate(all_no(), AS_OF)
    assert e.outcomes == [] and e.missing == [] and e.triage == "nothing_applies"
    d = e.to_dict()
    assert d["triage"] == "nothing_applies"
    assert d["nothing_applies"]["explanation"]["nl"].startswith("Wij zien nu geen regeling")
    assert d["nothing_applies"]["where_else"][0]["contact"]["nl"] == "Bel 14 0000"


def test_unanswered_intake_is_incomplete_not_nothing_applies(registry):
    e = registry.evaluate(intake(), AS_OF)  # only a birth date: every rule is undecided
    assert e.outcomes == [] and e.triage == "incomplete"
    assert e.nothing_applies is None
    d = e.to_dict()
    assert d["triage"] == "incomplete" and len(d["triage"]) <= 20  # the portal's column
    assert d["nothing_applies"] is None
    asked = {m["path"] for m in d["missing"]}
    assert {"household.debts.has_debts", "member.mobility.uses_wheelchair"} <= asked
    # one answer that decides nothing either way keeps it incomplete; answering all of them
    # (all_no) gives nothing_applies, and one yes gives an outcome
    household = {"debts": {"has_debts": True}}
    # unknown urgency is urgent until answered: nobody said the home or the energy is safe
    assert registry.evaluate(intake(household=household), AS_OF).triage == "urgent"
    household["debts"] |= {
        "threatened_eviction": False,
        "threatened_energy_cutoff": False,
        "health_insurance_cancelled": False,
    }
    assert registry.evaluate(intake(household=household), AS_OF).triage == "single_question"


def test_supporting_rule_is_no_life_domain_of_its_own(registry, write_variant):
    member = elder(fall_risk=False)
    member["mobility"] = {"walking_difficulty": True, "uses_wheelchair": False}
    # wmo_vervoer_algemeen (mobility) next to huishoudelijke ondersteuning: two domains
    assert registry.evaluate(intake(member), AS_OF).triage == "multi_domain"

    def supporting(doc):
        rule_of(doc, "wmo_vervoer_algemeen")["supporting"] = True

    e = load_verordeningen(write_variant(supporting)).evaluate(intake(member), AS_OF)
    assert e.outcome("wmo_vervoer_algemeen", "m1") is not None  # still an outcome
    assert e.life_domains == ["household_self_care", "mobility"]  # still listed
    assert e.triage == "single_question"  # but not counted for triage

    # only a supporting rule fired: one question, not "nothing applies"
    alone = {"id": "m1", "role": "applicant", "birth_date": "1950-02-01"}
    alone["mobility"] = {"walking_difficulty": True, "uses_wheelchair": False}
    e = load_verordeningen(write_variant(supporting)).evaluate(intake(alone), AS_OF)
    assert [o.rule_id for o in e.outcomes] == ["wmo_vervoer_algemeen"]
    assert e.triage == "single_question"


def test_parameter_value_changes_on_its_date(registry):
    child = {
        "id": "c",
        "role": "child",
        "birth_date": "2017-01-01",
        "school": {"type": "primary", "distance_to_school_km": 5},
    }
    parent = {"id": "p", "role": "applicant", "birth_date": "1985-01-01"}
    before = registry.evaluate(intake(parent, child), dt.date(2026, 6, 30))
    after = registry.evaluate(intake(parent, child), dt.date(2026, 7, 1))
    assert before.outcome("leerlingenvervoer") is None  # 5 km, limit 6
    outcome = after.outcome("leerlingenvervoer", "c")  # limit 4 km from 1 July 2026
    assert outcome is not None
    words = {b.path: b.value_text.nl for b in outcome.because}
    assert words == {
        "member.school.type": "basisschool",
        "member.school.distance_to_school_km": "5 km",
    }


def test_version_is_picked_by_as_of(tmp_path, write_variant):
    write_variant(lambda d: d.update(valid_to=dt.date(2026, 1, 1)), "v2025.yaml")

    def v2026(doc):
        doc["valid_from"] = dt.date(2026, 1, 1)
        doc["title"] = "Versie 2026"
        doc["articles"] = [a for a in doc["articles"] if a["number"] != "4.3"]

    write_variant(v2026, "v2026.yaml")
    registry = load_verordeningen(tmp_path)
    member = wheelchair_user()
    old = registry.evaluate(intake(member), dt.date(2025, 12, 31))
    new = registry.evaluate(intake(member), dt.date(2026, 1, 1))
    assert old.outcome("wmo_rolstoel") is not None
    assert new.outcome("wmo_rolstoel") is None and new.verordening.title == "Versie 2026"
    with pytest.raises(VerordeningError, match="geen verordening geldig op 2024-12-31"):
        registry.evaluate(intake(member), dt.date(2024, 12, 31))


def test_to_dict_is_stable_json(registry):
    e = registry.evaluate(intake(elder(), household={"debts": {"has_debts": True}}), AS_OF)
    d = json.loads(json.dumps(e.to_dict()))
    assert list(d) == [
        "format",
        "verordening",
        "as_of",
        "triage",
        "life_domains",
        "members",
        "household",
        "missing",
        "ask_first",
        "nothing_applies",
    ]
    assert d["verordening"]["content_hash"] == e.verordening.content_hash
    assert d["members"][0]["member_id"] == "m1" and d["members"][0]["role"] == "applicant"
    assert d["household"]["outcomes"][0]["rule_id"] == "schuldhulp"
    assert list(d["household"]["outcomes"][0]) == [
        "rule_id",
        "member_id",
        "regime",
        "provision",
        "kind",
        "life_domain",
        "article",
        "law_article",
        "urgency",
        "urgency_unconfirmed",
        "deadline",
        "evidence",
        "decision",
        "omgekeerde_toets",
        "explanation",
        "because",
        "numbers",
        "estimate",  # None: debt help has no amount in the verordening
    ]
    assert d["household"]["outcomes"][0]["estimate"] is None
    assert e.to_dict() == e.to_dict()


def test_module_evaluate_uses_env_path_and_caches(monkeypatch):
    clear_cache()
    monkeypatch.setenv("VERORDENING_PATH", str(MODEL))
    first = evaluate(intake(elder()), AS_OF)
    second = verordening.evaluate(intake(elder()), AS_OF)
    assert first.verordening is second.verordening
    assert first.outcome("wmo_huishoudelijke_ondersteuning") is not None
    clear_cache()


def test_the_engine_does_not_import_flask_or_the_portal():
    import subprocess
    import sys

    code = (
        "import sys, verordening, verordening.cli, verordening.scenarios;"
        "bad=[m for m in sys.modules if m.split('.')[0] in "
        "('flask','portal','sqlalchemy','flask_babel','wtforms')];print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout.strip() == "[]"


def _random_intake(rng, catalogue) -> dict:
    """A household with random answers: not asked, unknown (null), or a random value."""

    def answers(keymap):
        out = {}
        for domain, fields in keymap.items():
            out[domain] = {}
            for field, path in fields.items():
                info, roll = catalogue.facts[path], rng.random()
                if roll < 0.3:
                    continue
                if roll < 0.5 or not (info.type in ("boolean", "number") or info.values):
                    out[domain][field] = None
                elif info.type == "boolean":
                    out[domain][field] = rng.random() < 0.4
                elif info.type == "number":
                    out[domain][field] = rng.randint(0, 3000 if info.unit == "EUR" else 25)
                else:
                    out[domain][field] = rng.choice(info.values)
        return out

    members = []
    for i in range(rng.randint(1, 4)):
        role = "applicant" if i == 0 else rng.choice(("partner", "child", "other"))
        member = {"id": f"m{i + 1}", "role": role}
        if rng.random() < 0.85:
            member["birth_date"] = f"{rng.randint(1940, 2024)}-0{rng.randint(1, 9)}-1{i}"
        member.update(answers(catalogue.member_keymap))
        members.append(member)
    return intake(*members, household=answers(catalogue.household_keymap))


@pytest.mark.parametrize(
    "path", [MODEL, verordening.registry.DEFAULT_PATH / "model-2026-01-01.yaml"]
)
def test_guards_skip_only_what_cannot_fire(path):
    """Against running every rule on every fact dict: the same outcomes, and the same
    undecided rules (which feed the "ask this" list), in the same order."""
    import random

    from verordening import facts as fx
    from verordening.engine import _prepared, evaluate_with
    from verordening.intake_schema import load_catalogue

    (v,) = load_verordeningen(path)
    catalogue = load_catalogue()
    prep = _prepared(v, catalogue)
    rng = random.Random(3)  # noqa: S311 - reproducible test data
    for _ in range(300):
        data = _random_intake(rng, catalogue)
        e = evaluate_with(v, data, AS_OF)
        h, members = fx.flatten(
            data, AS_OF, prep.template(AS_OF), prep.member_keymap, prep.household_keymap
        )
        fired, undecided = [], []
        for f, scope in [(h, "household")] + [(m, "member") for m in members]:
            for rule in (r for r in v.rules if r.scope == scope):
                result = rule.when.fn(f)
                member_id = f[fx.MEMBER_ID]
                if result is True:
                    fired.append((rule.id, member_id))
                elif result is None:
                    undecided.append((rule, member_id))
        dropped = {(x, member_id) for rid, member_id in fired for x in v.rules_by_id[rid].excludes}
        assert [(o.rule_id, o.member_id) for o in e.outcomes] == [
            x for x in fired if x not in dropped
        ]
        unknown, _ = e.unknown
        assert [(r.id, f[fx.MEMBER_ID]) for r, f in unknown] == [
            (r.id, m) for r, m in undecided if (r.id, m) not in dropped
        ]


def test_a_couple_exactly_at_the_income_limit_is_in_and_one_cent_above_is_out(write_variant):
    """The law says "at most 130 % of the norm": with a norm of 1250.10 the limit is exactly
    1625.13. In binary floating point 1625.13 / 1250.10 is just above 1.3 and the couple was
    refused; the engine counts money exactly (issue #11)."""

    def odd_norm(doc):
        doc["parameters"]["bijstandsnorm_paar"]["values"] = {dt.date(2025, 1, 1): 1250.10}

    registry = load_verordeningen(write_variant(odd_norm))
    couple = [
        {"id": "m1", "role": "applicant", "birth_date": "1980-01-01"},
        {"id": "m2", "role": "partner", "relation": "partner", "birth_date": "1981-01-01"},
    ]

    def special_assistance(income):
        household = {"income": {"monthly_net_income": income, "unexpected_necessary_costs": True}}
        e = registry.evaluate(intake(*couple, household=household), AS_OF)
        return e.outcome("bijzondere_bijstand")

    assert 1625.13 / 1250.10 > 1.3  # the trap
    assert special_assistance(1625.13) is not None
    assert special_assistance(1625.14) is None


def test_the_eighteenth_birthday_is_the_first_day_the_age_is_18():
    from datetime import date, timedelta

    from verordening.facts import age_on, eighteenth_birthday

    for born in ("2008-09-15", "2008-02-29", "2009-12-31"):
        day = date.fromisoformat(eighteenth_birthday(born))
        assert age_on(born, day) == 18
        assert age_on(born, day - timedelta(days=1)) == 17
    assert eighteenth_birthday("2008-02-29") == "2026-03-01"  # a common year
    assert eighteenth_birthday(None) is None
    assert eighteenth_birthday("2008-02-30") is None
