"""Run the real scenarios (verordening/scenarios/<stem>/*.yaml) against the real data files.

Until the data folder holds a file the tests skip; once it does, no scenarios is a failure, not a
vacuous pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verordening.loader import load_all
from verordening.registry import DEFAULT_PATH
from verordening.scenarios import check, run_scenario, scenario_files

from .conftest import MODEL

DATA_FILES = sorted(DEFAULT_PATH.glob("*.yaml")) if DEFAULT_PATH.is_dir() else []
CASES = [(f, s) for f in DATA_FILES for s in scenario_files(f)]


@pytest.fixture(scope="module")
def loaded():
    return {v.path: v for v in load_all(DEFAULT_PATH)} if DATA_FILES else {}


def test_every_data_file_has_scenarios():
    if not DATA_FILES:
        pytest.skip("verordening/data is still empty")
    without = [f.name for f in DATA_FILES if not scenario_files(f)]
    assert not without, f"no scenarios for {without}"


@pytest.mark.parametrize(
    ("data_file", "scenario"), CASES, ids=[f"{f.stem}/{s.stem}" for f, s in CASES]
)
def test_scenario(loaded, data_file: Path, scenario: Path):
    result = run_scenario(loaded[data_file], scenario)
    assert result.ok, "\n".join(result.failures)


def test_every_rule_is_named_by_a_scenario(loaded):
    if not DATA_FILES:
        pytest.skip("verordening/data is still empty")
    uncovered = {v.path.name: check(v).uncovered for v in loaded.values()}
    assert not any(uncovered.values()), f"rules without a scenario: {uncovered}"


def test_fixture_scenarios_pass_and_cover_every_rule():
    (v,) = load_all(MODEL)
    report = check(v)
    assert [r.failures for r in report.results] == [[], [], []]
    assert report.uncovered == []


def test_a_fired_rule_with_another_article_says_what_differed(tmp_path):
    import yaml

    (v,) = load_all(MODEL)
    source = next(p for p in scenario_files(MODEL) if p.stem == "onveilig")
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    item = doc["expect"]["outcomes"][0]
    rule = v.rules_by_id[item["rule"]]
    item["article"] = "99.9"
    item["law_article"] = "Wet X art. 1"
    path = tmp_path / "onveilig.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (failure,) = run_scenario(v, path).failures
    assert "kwam er niet uit" not in failure
    assert "de regel kwam er wel uit, maar met" in failure
    assert f"artikel {rule.article_number} in plaats van 99.9" in failure
    assert f"wetsartikel '{rule.law_article}' in plaats van 'Wet X art. 1'" in failure
    # a rule that did not fire at all still says so
    item["rule"] = "wmo_rolstoel"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    (failure,) = run_scenario(v, path).failures
    assert "maar die kwam er niet uit" in failure


def _scenario(tmp_path, text: str) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SCENARIO_HEAD = """name: leeftijd en fouten
as_of: '2026-03-02'
intake:
  schema_version: '1.0'
  channel: online
  address: {postcode: 2741 AB, house_number: '1'}
  story: {question: Ik heb een vraag.}
  members:
  - id: m1
    role: applicant
"""


def test_an_age_instead_of_a_birth_date_stays_right_on_any_peildatum(tmp_path):
    """`age: 80` is the age on the scenario's peildatum, whichever year that is."""
    (v,) = load_all(MODEL)
    body = (
        SCENARIO_HEAD
        + """    age: 80
    self_care: {needs_help_housekeeping: true}
    health: {fall_risk: false}
expect:
  outcomes: [{member: m1, rule: wmo_huishoudelijke_ondersteuning}]
"""
    )
    assert run_scenario(v, _scenario(tmp_path, body)).ok
    later = body.replace("as_of: '2026-03-02'", "as_of: '2031-03-02'")
    later_file = tmp_path / "later"
    later_file.mkdir()
    assert run_scenario(v, _scenario(later_file, later)).ok
    both = body.replace("    age: 80\n", "    age: 80\n    birth_date: '1950-01-01'\n")
    (failure,) = run_scenario(v, _scenario(tmp_path, both)).failures
    assert "age of birth_date, niet allebei" in failure


def test_an_impossible_date_or_a_word_for_a_number_names_the_line(tmp_path):
    (v,) = load_all(MODEL)
    impossible = SCENARIO_HEAD + "    birth_date: 1950-02-30\nexpect: {}\n"
    (failure,) = run_scenario(v, _scenario(tmp_path, impossible)).failures
    assert "geen bestaande datum" in failure and "line 11" in failure
    word = (
        SCENARIO_HEAD
        + "    birth_date: '1950-01-01'\n"
        + "    school: {absence_hours_last_4_weeks: zes}\nexpect: {}\n"
    )
    (failure,) = run_scenario(v, _scenario(tmp_path, word)).failures
    assert "regel 12:" in failure and "absence_hours_last_4_weeks" in failure
