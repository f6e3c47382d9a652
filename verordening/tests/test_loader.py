"""Loading and strict validation: each error names the file, the article, the rule, the reason."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from verordening import VerordeningError, load_verordeningen
from verordening.loader import load_all, load_file

from .conftest import MODEL, rule_of

RULE = "wmo_huishoudelijke_ondersteuning"
WHERE = f"artikel 4.2, regel {RULE}"


def _error(write_variant, change) -> str:
    path = write_variant(change)
    with pytest.raises(VerordeningError) as info:
        load_file(path)
    message = str(info.value)
    assert path.name in message  # every message names the file
    return message


def test_fixture_loads_with_hash_of_file_bytes():
    v = load_file(MODEL)
    assert len(v.rules) == 13
    assert v.content_hash == hashlib.sha256(MODEL.read_bytes()).hexdigest()
    assert v.valid_from == dt.date(2025, 1, 1)
    assert v.rules_by_id[RULE].when.refs >= {
        "member.self_care.needs_help_housekeeping",
        "member.age",
    }


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda r: r.update(when="member.self_care.foo"), "onbekend feit member.self_care.foo"),
        (lambda r: r.pop("law_article"), "ontbrekende bronvermelding law_article"),
        (lambda r: r.update(regime="wmoo"), "onbekend regime 'wmoo'"),
        (lambda r: r.update(deadline="nope"), "onbekende termijn 'nope'"),
        (lambda r: r.update(when="member.age >= param.nope"), "onbekende parameter param.nope"),
        (lambda r: r.update(when="member.age >="), "ongeldige syntaxis"),
        (lambda r: r.update(colour="red"), "onbekende sleutel 'colour'"),
        (lambda r: r.update(decision="weigh"), "decision: weigh vraagt om een omgekeerde_toets"),
        (lambda r: r.update(when="member.age"), "moet ja/nee opleveren"),
        (lambda r: r.update(when="member.work.status == 'employd'"), "onbekende waarde 'employd'"),
        (lambda r: r.update(when="member.age >= 'achttien'"), "verwacht een getal"),
        (lambda r: r.update(when="member.age == null"), "is_known"),
        (lambda r: r.update(when="__import__('os').system('true')"), "onbekende functie"),
        (lambda r: r.update(when="(lambda: True)()"), "onbekende functie"),
        (lambda r: r.update(when="member.mobility['uses_wheelchair']"), "Subscript"),
        (lambda r: r.update(when="[x for x in [1]]"), "ListComp"),
        (lambda r: r.update(when="member.role is 'child'"), "'is' en 'is not'"),
        (
            lambda r: r.update(when="household.debts.has_debts and member.bsn == '1'"),
            "onbekend feit member.bsn",
        ),
        (
            lambda r: r.update(scope="household"),
            "member.self_care.needs_help_housekeeping is een feit van één persoon",
        ),
        (lambda r: r.update(when="any_member(any_member(member.age > 1))"), "binnen een ander"),
        (lambda r: r.update(life_domain="fun"), "onbekende leefgebied 'fun'"),
        (lambda r: r.update(kind="referral"), "past niet bij regime wmo"),
        (
            lambda r: r.update(explanation={"nl": "alleen nl"}),
            "explanation moet {nl: ..., en: ...}",
        ),
        (lambda r: r.update(excludes=["bestaat_niet"]), "excludes noemt onbekende regel"),
        (
            lambda r: r.update(
                explanation={"nl": "Op {member.jarig} ...", "en": "On {member.jarig}"}
            ),
            "explanation {member.jarig}: onbekend feit member.jarig",
        ),
        (
            lambda r: r.update(explanation={"nl": "Op {member.age} ...", "en": "On that day"}),
            "nl en en moeten dezelfde {feiten} noemen",
        ),
        (
            lambda r: (
                [r.pop("urgent_when", None)]
                and r.update(
                    scope="household",
                    when="household.size > 1",
                    explanation={"nl": "{member.age} jaar", "en": "{member.age} years"},
                )
            ),
            "member.age is een feit van één persoon",
        ),
    ],
)
def test_rule_errors_name_file_article_rule_and_reason(write_variant, change, reason):
    message = _error(write_variant, lambda doc: change(rule_of(doc, RULE)))
    assert f"{WHERE}: " in message
    assert reason in message


def test_duplicate_rule_id(write_variant):
    def change(doc):
        rule_of(doc, "wmo_rolstoel")["id"] = RULE

    message = _error(write_variant, change)
    assert "artikel 4.3, regel wmo_huishoudelijke_ondersteuning" in message
    assert "regel-id komt ook voor in artikel 4.2" in message


def test_mutual_excludes_is_refused(write_variant):
    message = _error(
        write_variant,
        lambda d: rule_of(d, "wmo_vervoer_algemeen").update(excludes=["wmo_rolstoel"]),
    )
    assert "sluiten elkaar uit" in message


def test_supporting_must_be_yes_or_no(write_variant):
    message = _error(write_variant, lambda d: rule_of(d, RULE).update(supporting="ja"))
    assert f"{WHERE}: supporting moet true of false zijn" in message


def test_supporting_and_the_eerste_gesprek_start_load(write_variant):
    def change(doc):
        rule_of(doc, RULE)["supporting"] = True
        doc["deadlines"]["wmo_onderzoek"]["starts"] = "eerste_gesprek"

    (v,) = load_all(write_variant(change))
    assert v.rules_by_id[RULE].supporting is True
    assert v.rules_by_id["wmo_rolstoel"].supporting is False
    assert v.deadlines["wmo_onderzoek"].starts == "eerste_gesprek"


def test_model_file_marks_accompanying_rules_and_the_wgs_decision_term():
    from verordening.registry import DEFAULT_PATH

    (v,) = load_all(DEFAULT_PATH / "model-2026-01-01.yaml")
    assert {r.id for r in v.rules if r.supporting} == {
        "wmo_clientondersteuning",
        "jeugd_familiegroepsplan",
        "jeugd_vooruitblik_18",  # information at 17, no help question of its own
    }
    assert v.deadlines["wgs_besluit"].starts == "eerste_gesprek"


def test_article_number_read_as_float_is_refused(write_variant):
    message = _error(write_variant, lambda d: d["articles"][1].update(number=4.10))
    assert 'zet het tussen aanhalingstekens, zoals "4.10"' in message


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(valid_from="2026-13-01"), "ongeldige datum '2026-13-01'"),
        (lambda d: d.update(valid_from="1-1-2026"), "ongeldige datum"),
        (lambda d: d.update(valid_from=dt.datetime(2026, 1, 1, 12, 0)), "tijdstip"),
        (lambda d: d.update(valid_to=dt.date(2024, 1, 1)), "valid_to moet na valid_from"),
        (lambda d: d.update(extra=1), "onbekende sleutel 'extra'"),
        (lambda d: d.update(format=2), "onbekend format 2"),
        (lambda d: d.pop("nothing_applies"), "ontbrekende sleutel 'nothing_applies'"),
        (lambda d: d["regimes"]["wmo"].update(kind="national"), "onbekende soort 'national'"),
        (lambda d: d["deadlines"]["wmo_onderzoek"].update(unit="fortnights"), "fortnights"),
        (lambda d: d["deadlines"]["wmo_onderzoek"].update(starts="gesprek"), "'gesprek'"),
        (
            lambda d: d["parameters"]["verzuim_uren"].update(values={dt.date(2026, 1, 1): 16}),
            "parameter verzuim_uren: geen waarde op valid_from 2025-01-01",
        ),
        (
            lambda d: d["parameters"]["verzuim_uren"].update(values={dt.date(2025, 1, 1): None}),
            "parameter verzuim_uren",
        ),
        (lambda d: d["parameters"]["verzuim_uren"].pop("status"), "ontbrekende sleutel 'status'"),
        (
            lambda d: d["derived"]["household"].update(social_minimum="household.income_ratio * 2"),
            "kringverwijzing in afgeleide feiten",
        ),
        (lambda d: d["derived"]["member"].update(age="1"), "al een feit uit het formulier"),
        (lambda d: d["triage"].update(multi_domain_min_life_domains=0), "1 of meer"),
    ],
)
def test_file_level_errors(write_variant, change, reason):
    assert reason in _error(write_variant, change)


def test_all_errors_are_reported_in_one_go(write_variant):
    def change(doc):
        rule_of(doc, RULE)["regime"] = "x"
        rule_of(doc, "wmo_rolstoel")["when"] = "member.nope"

    path = write_variant(change)
    with pytest.raises(VerordeningError) as info:
        load_file(path)
    assert len(info.value.errors) == 2


def test_overlapping_versions_are_refused(tmp_path, write_variant):
    write_variant(lambda d: None, "a.yaml")
    write_variant(lambda d: d.update(valid_from=dt.date(2026, 1, 1)), "b.yaml")
    with pytest.raises(VerordeningError, match="versies mogen niet overlappen"):
        load_all(tmp_path)


def test_folder_without_files_is_an_error(tmp_path):
    with pytest.raises(VerordeningError, match="geen verordening"):
        load_verordeningen(tmp_path)


def test_yaml_syntax_error_names_file(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("format: 1\narticles: [\n", "utf-8")
    with pytest.raises(VerordeningError, match=r"kapot\.yaml: geen geldige YAML"):
        load_file(path)


def test_the_engine_never_calls_eval_exec_or_compile():
    import ast
    import pathlib

    import verordening

    for module in pathlib.Path(verordening.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile", "__import__"), module


def test_a_value_may_carry_its_own_status_and_source(write_variant):
    def change(doc):
        name, spec = next(iter(doc["parameters"].items()))
        (start, value), *_ = spec["values"].items()
        spec["status"] = "secondary"
        spec["values"][start] = {"value": value, "status": "verified", "source": "Pw art. 21"}
        doc["_changed"] = (name, start)

    path = write_variant(lambda d: change(d) or d.pop("_changed", None))
    v = load_file(path)
    name = next(iter(v.parameters))
    parameter = v.parameters[name]
    start = parameter.values[0][0]
    assert parameter.status_on(start) == ("verified", "Pw art. 21")
    assert parameter.status_on(None) == ("secondary", parameter.reference)


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"value": 1, "status": "checked", "source": "x"}, "onbekende status op"),
        ({"value": 1, "status": "verified"}, "ontbrekende sleutel 'source'"),
        (
            {"value": 1, "status": "verified", "source": "x", "note": "y"},
            "onbekende sleutel 'note'",
        ),
    ],
)
def test_a_dated_value_with_a_bad_status_is_refused(write_variant, entry, reason):
    def change(doc):
        spec = next(iter(doc["parameters"].values()))
        start = next(iter(spec["values"]))
        spec["values"][start] = entry

    message = _error(write_variant, change)
    assert reason in message


def test_an_estimate_must_be_an_amount(write_variant):
    message = _error(
        write_variant,
        lambda d: rule_of(d, RULE).update(estimate_per_month="member.age >= 18"),
    )
    assert "estimate_per_month moet een bedrag (getal) opleveren" in message
