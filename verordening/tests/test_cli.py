"""The command line, run as a real subprocess: output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import MODEL, intake, rule_of

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, stdin=None):
    return subprocess.run(  # noqa: S603 - fixed arguments, our own CLI
        [sys.executable, "-m", "verordening", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        input=stdin,
        check=False,
    )


@pytest.fixture
def intake_file(tmp_path):
    member = {
        "id": "m1",
        "role": "applicant",
        "given_name": "Els",
        "birth_date": "1950-02-01",
        "self_care": {"needs_help_housekeeping": True},
        "health": {"fall_risk": False},
    }
    debts = {
        "has_debts": True,
        "threatened_eviction": False,
        "threatened_energy_cutoff": False,
        "health_insurance_cancelled": False,
    }
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(intake(member, household={"debts": debts})))
    return path


def test_evaluate_json(intake_file):
    r = cli(
        "evaluate", intake_file, "--as-of", "2026-03-02", "--format", "json", "--verordening", MODEL
    )
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["as_of"] == "2026-03-02" and d["triage"] == "multi_domain"
    assert d["members"][0]["outcomes"][0]["rule_id"] == "wmo_huishoudelijke_ondersteuning"


def test_evaluate_text_is_a_b1_report(intake_file):
    r = cli("evaluate", intake_file, "--as-of", "2026-03-02", "--verordening", MODEL)
    assert r.returncode == 0, r.stderr
    assert "Voor Els (m1):" in r.stdout
    assert "Huishoudelijke ondersteuning (Wet maatschappelijke ondersteuning 2015)" in r.stdout
    assert "U gaf aan: Kan het huishouden niet (helemaal) zelf doen — ja" in r.stdout
    assert "termijn: 6 weken" in r.stdout
    assert "Wat we nog willen weten:" in r.stdout


def test_explain_lists_rules_and_questions(intake_file):
    r = cli("explain", intake_file, "--as-of", "2026-03-02", "--verordening", MODEL, "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert (
        "- schuldhulp → For the whole household: article 5.1 (Schulden); law: Wgs art. 4"
        in r.stdout
    )
    assert "Because: Cannot do (all of) the housekeeping alone [m1] = yes" in r.stdout
    assert "What we would still like to know:" in r.stdout


def test_evaluate_reads_stdin(intake_file):
    r = cli(
        "evaluate",
        "-",
        "--as-of",
        "2026-03-02",
        "--verordening",
        MODEL,
        "--format",
        "json",
        stdin=intake_file.read_text(),
    )
    assert r.returncode == 0 and json.loads(r.stdout)["format"] == 1


@pytest.mark.parametrize(
    ("args", "content", "reason"),
    [
        (("--as-of", "2026-02-30"), None, "--as-of: ongeldige datum"),
        ((), "{not json", "geen geldige JSON"),
        ((), json.dumps({"schema_version": "1.0"}), "past niet bij forms/intake.schema.json"),
        (("--as-of", "2020-01-01"), None, "geen verordening geldig op 2020-01-01"),
    ],
)
def test_invalid_input_exits_2_with_reason(tmp_path, intake_file, args, content, reason):
    path = intake_file
    if content is not None:
        path = tmp_path / "bad.json"
        path.write_text(content)
    r = cli("evaluate", path, "--verordening", MODEL, *args)
    assert r.returncode == 2
    assert reason in r.stderr and r.stdout == ""


def test_bad_verordening_exits_2(tmp_path, intake_file):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MODEL.read_text().replace(
            'when: "member.mobility.uses_wheelchair"', 'when: "member.mobility.uses_wheelchairs"'
        )
    )
    r = cli("evaluate", intake_file, "--verordening", bad)
    assert r.returncode == 2
    assert "bad.yaml: artikel 4.3, regel wmo_rolstoel: onbekend feit" in r.stderr
    assert cli("check", bad).returncode == 2


def test_check_passes_on_the_fixture():
    r = cli("check", MODEL)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "scenario's: 3, geslaagd: 3, mislukt: 0" in r.stdout
    assert r.stdout.strip().endswith("OK")


def test_check_fails_on_a_failing_scenario_and_an_uncovered_rule(tmp_path):
    (tmp_path / "x.yaml").write_text(MODEL.read_text())
    folder = tmp_path / "scenarios" / "x"
    folder.mkdir(parents=True)
    source = MODEL.parent / "scenarios" / "sociaal" / "onveilig.yaml"
    doc = yaml.safe_load(source.read_text())
    doc["expect"]["triage"] = "single_question"
    (folder / "onveilig.yaml").write_text(yaml.safe_dump(doc))
    r = cli("check", tmp_path / "x.yaml")
    assert r.returncode == 1
    assert "triage: verwacht single_question, kreeg urgent" in r.stdout
    assert "regels zonder scenario (12):" in r.stdout
    assert "NIET OK" in r.stdout


def test_diff_names_changed_rules_and_parameters_and_the_households_they_affect(
    tmp_path, write_variant
):
    """The policy officer raises the age for huishoudelijke ondersteuning to 70 and sees which
    rule changed and which of two households loses the help (and the other keeps it)."""

    def stricter(doc):
        rule = rule_of(doc, "wmo_huishoudelijke_ondersteuning")
        rule["when"] = "member.self_care.needs_help_housekeeping and member.age >= 70"

    new = write_variant(stricter, "new.yaml")
    intakes = tmp_path / "intakes"
    intakes.mkdir()
    for name, born in (("oud.json", "1940-01-01"), ("jonger.json", "1965-01-01")):
        member = {
            "id": "m1",
            "role": "applicant",
            "birth_date": born,
            "self_care": {"needs_help_housekeeping": True},
            "health": {"fall_risk": False},
        }
        (intakes / name).write_text(json.dumps(intake(member)), encoding="utf-8")
    (intakes / "kapot.json").write_text("{niet json", encoding="utf-8")
    r = cli("diff", MODEL, new, "--intakes", intakes, "--as-of", "2026-03-02")
    assert r.returncode == 0, r.stderr
    assert "~ regel wmo_huishoudelijke_ondersteuning, voorwaarde:" in r.stdout
    assert "member.age >= 70" in r.stdout
    assert "Effect op 2 intakes:" in r.stdout
    assert "wmo: 0 erbij, 1 eraf" in r.stdout
    assert "jonger.json (wmo_huishoudelijke_ondersteuning@m1)" in r.stdout
    assert "oud.json (wmo_huishoudelijke" not in r.stdout  # still 70+: keeps it
    assert "overgeslagen (1):" in r.stdout and "kapot.json" in r.stdout


def test_diff_of_a_file_with_itself_says_nothing_changed():
    r = cli("diff", MODEL, MODEL)
    assert r.returncode == 0, r.stderr
    assert "Geen verschillen" in r.stdout


def test_diff_refuses_a_broken_file_with_the_reason(tmp_path):
    broken = tmp_path / "kapot.yaml"
    broken.write_text("format: 1\nid: [", encoding="utf-8")
    r = cli("diff", MODEL, broken)
    assert r.returncode == 2 and "geen geldige YAML" in r.stderr
