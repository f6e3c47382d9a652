"""Facts-only rule tests (scenarios/<stem>/rules/*.yaml): each case runs; a wrong one says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from verordening.loader import load_all
from verordening.registry import DEFAULT_PATH
from verordening.rule_tests import rule_test_files, run_rule_tests

DATA_FILES = sorted(DEFAULT_PATH.glob("*.yaml"))
CASES = [(f, t) for f in DATA_FILES for t in rule_test_files(f)]


@pytest.fixture(scope="module")
def model():
    return {v.path: v for v in load_all(DEFAULT_PATH)}


def test_the_model_has_rule_tests():
    assert all(rule_test_files(f) for f in DATA_FILES)


@pytest.mark.parametrize(("data_file", "tests"), CASES, ids=[t.stem for _f, t in CASES])
def test_rule_tests(model, data_file: Path, tests: Path):
    results = run_rule_tests(model[data_file], tests)
    assert len(results) >= 2  # a rule's edge: one side and the other
    failures = [f"{r.name}: {failure}" for r in results for failure in r.failures]
    assert not failures, "\n".join(failures)


def _run(model, tmp_path, text: str):
    path = tmp_path / "geval.yaml"
    path.write_text(text, encoding="utf-8")
    (v,) = model.values()
    return run_rule_tests(v, path)


CASE = """
- name: {name}
  rule: {rule}
  as_of: 2026-03-01
  facts:
{facts}
  applies: {applies}
"""


def case(rule="wmo_rolstoelvoorziening", facts="    member.mobility.uses_wheelchair: true", **kw):
    return CASE.format(name=kw.get("name", "geval"), rule=rule, facts=facts, **kw)


def test_a_wrong_expectation_fails_and_says_what_happened(model, tmp_path):
    (result,) = _run(model, tmp_path, case(applies="false"))
    assert result.failures == [
        "regel wmo_rolstoelvoorziening voor m1: verwacht 'geldt niet', maar hij geldt"
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (case(rule="wmo_vliegende_tapijt", applies="true"), "bestaat niet in de verordening"),
        (case(facts="    member.mobility.flies: true", applies="true"), "onbekend feit"),
        (case(facts="    member.is_adult: true", applies="true"), "berekent de engine zelf"),
        (case(facts="    household.size: 3", applies="true"), "berekent de engine zelf"),
        (case(applies="misschien"), "applies moet true, false of possible zijn"),
        (case(facts="    member.mobility.uses_wheelchair: 3", applies="true"), "intakecontract"),
        ("- rule: wmo_rolstoelvoorziening\n", "ontbrekende sleutel 'as_of'"),
        ("name: geen lijst\n", "een regeltest is een lijst van gevallen"),
    ],
)
def test_a_bad_case_is_refused_with_a_reason(model, tmp_path, text, reason):
    (result,) = _run(model, tmp_path, text)
    assert any(reason in failure for failure in result.failures), result.failures
