"""Scenario tests beside the rules: answers in, expected outcomes out.

A scenario for ``<dir>/data/<stem>.yaml`` lives in ``<dir>/scenarios/<stem>/*.yaml`` (or, for a
file elsewhere, in ``scenarios/<stem>/`` next to it). The format is in
docs/verordening-format.md ("Scenarios").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from itertools import chain
from pathlib import Path

import yaml

from .engine import evaluate_with
from .errors import VerordeningError
from .intake import validate_intake
from .loader import display_path, parse_date
from .model import Verordening
from .result import Evaluation
from .yamlio import line_of, safe_load_yaml

SCENARIO_KEYS = {"name", "description", "source", "as_of", "intake", "expect"}
EXPECT_KEYS = {"triage", "outcomes", "absent", "missing", "possible", "urgent"}
OUTCOME_KEYS = {"member", "rule", "article", "law_article", "says"}
# possible: the rule may apply, the municipality checks these answers (issue #11)
POSSIBLE_KEYS = {"member", "rule", "to_check"}
# urgent: the outcome is urgent and carries this (urgent) term
URGENT_KEYS = {"member", "rule", "deadline"}
TRIAGES = ("single_question", "multi_domain", "urgent", "nothing_applies", "incomplete")


@dataclass
class ScenarioResult:
    path: Path
    name: str
    failures: list[str] = field(default_factory=list)
    rules_named: set[str] = field(default_factory=set)  # rules in expect.outcomes

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class CheckReport:
    verordening: Verordening
    results: list[ScenarioResult]
    uncovered: list[str]  # rule ids no scenario names in expect.outcomes

    @property
    def ok(self) -> bool:
        return not self.uncovered and all(r.ok for r in self.results)


def scenario_dir(verordening_path: Path) -> Path:
    path = Path(verordening_path)
    beside_data = path.parent.parent / "scenarios" / path.stem
    if beside_data.is_dir():
        return beside_data
    return path.parent / "scenarios" / path.stem


def scenario_files(verordening_path: Path) -> list[Path]:
    folder = scenario_dir(verordening_path)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def run_scenario(v: Verordening, path: Path) -> ScenarioResult:
    result = ScenarioResult(path, path.stem)
    fail = result.failures.append
    source = path.read_text(encoding="utf-8")
    try:
        doc = safe_load_yaml(source)
    except yaml.YAMLError as exc:
        fail(f"geen geldige YAML: {exc}")
        return result
    if not isinstance(doc, dict):
        fail("een scenario is een lijst van sleutels")
        return result
    result.name = str(doc.get("name") or path.stem)
    for key in sorted(set(doc) - SCENARIO_KEYS):
        fail(f"onbekende sleutel '{key}'")
    expect = doc.get("expect") or {}
    if not isinstance(expect, dict):
        fail("expect is een lijst van sleutels")
        return result
    for key in sorted(set(expect) - EXPECT_KEYS):
        fail(f"onbekende sleutel 'expect.{key}'")
    for item in chain(expect.get("outcomes") or [], expect.get("possible") or []):
        if isinstance(item, dict) and isinstance(item.get("rule"), str):
            result.rules_named.add(item["rule"])
    try:
        as_of = parse_date(doc.get("as_of"))
    except ValueError as exc:
        fail(f"as_of: {exc}")
        return result
    evaluation = evaluate_checked(
        v,
        doc.get("intake"),
        as_of,
        fail,
        lambda issues: (
            "intake past niet bij forms/intake.schema.json: "
            + "; ".join(_with_line(source, issue) for issue in issues)
        ),
    )
    if evaluation is not None:
        _compare(evaluation, expect, v, fail)
    return result


def evaluate_checked(v: Verordening, intake, as_of, fail, describe) -> Evaluation | None:
    """The intake (ages made birth dates) judged by the contract, then evaluated; None when it
    could not be, after telling `fail` why (`describe` words the contract's issues)."""
    issues = ages_to_birth_dates(intake, as_of) or validate_intake(intake)
    if issues:
        fail(describe(issues))
        return None
    try:
        return evaluate_with(v, intake, as_of)
    except VerordeningError as exc:
        fail(str(exc))
        return None


def ages_to_birth_dates(intake, as_of) -> list[str]:
    """A member may give `age: 15` instead of a birth date: the age on the peildatum, so the
    scenario stays right when it is moved to a later peildatum. The birth date is put half a
    year before the birthday, far from any month or birthday boundary."""
    errors = []
    members = intake.get("members") if isinstance(intake, dict) else None
    for i, member in enumerate(members if isinstance(members, list) else []):
        if not isinstance(member, dict) or "age" not in member:
            continue
        age = member.pop("age")
        if not isinstance(age, int) or isinstance(age, bool) or not 0 <= age <= 120:
            errors.append(f"members/{i}/age: een leeftijd is een heel getal van 0 tot 120")
        elif member.get("birth_date"):
            errors.append(f"members/{i}/age: geef age of birth_date, niet allebei")
        else:
            born = _years_before(as_of, age) - timedelta(days=183)
            member["birth_date"] = born.isoformat()
    return errors


def _years_before(day, years: int):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _with_line(source: str, issue: str) -> str:
    """Prefix a contract issue ("members/1/bsn: ...") with its line in the scenario file."""
    where, _sep, _rest = issue.partition(": ")
    line = line_of(source, ["intake", *where.split("/")]) if "/" in where or where else None
    return f"regel {line}: {issue}" if line else issue


def _matches(outcome, item: dict) -> bool:
    if outcome.rule.id != item.get("rule"):
        return False
    member = item.get("member")
    if member is not None:
        expected = None if member == "household" else member
        if outcome.member_id != expected:
            return False
    if "article" in item and str(item["article"]) != outcome.rule.article_number:
        return False
    if "law_article" in item and item["law_article"] != outcome.rule.law_article:
        return False
    return not ("says" in item and item["says"] not in outcome.explanation.nl)


def _compare(evaluation, expect: dict, v: Verordening, fail) -> None:
    triage = expect.get("triage")
    if triage is not None:
        if triage not in TRIAGES:
            fail(f"onbekende triage {triage!r}")
        elif evaluation.triage != triage:
            fail(f"triage: verwacht {triage}, kreeg {evaluation.triage}")
    fired = ", ".join(f"{o.rule.id}@{o.member_id or 'household'}" for o in evaluation.outcomes)
    for item in expect.get("outcomes") or []:
        if not isinstance(item, dict) or set(item) - OUTCOME_KEYS or "rule" not in item:
            fail(f"ongeldige verwachting {item!r}")
            continue
        if item["rule"] not in v.rules_by_id:
            fail(f"verwachte regel {item['rule']} bestaat niet in de verordening")
        elif not any(_matches(o, item) for o in evaluation.outcomes):
            fail(_not_matched(item, evaluation.outcomes, fired))
    for item in expect.get("absent") or []:
        if not isinstance(item, dict) or set(item) - OUTCOME_KEYS or "rule" not in item:
            fail(f"ongeldige verwachting {item!r}")
            continue
        if item["rule"] not in v.rules_by_id:
            fail(f"regel {item['rule']} in absent bestaat niet in de verordening")
        elif any(_matches(o, item) for o in evaluation.outcomes):
            fail(f"{_describe(item)} had er niet uit mogen komen")
    _compare_possible(evaluation, expect.get("possible") or [], v, fail)
    _compare_urgent(evaluation, expect.get("urgent") or [], fail)
    missing_paths = {mf.path for mf in evaluation.missing}
    for path in expect.get("missing") or []:
        if path not in missing_paths:
            fail(
                f"verwacht dat {path} gevraagd wordt, maar het staat niet bij de ontbrekende feiten"
            )


def _for_member(found, item: dict) -> bool:
    member = item.get("member")
    return member is None or found.member_id == (None if member == "household" else member)


def _compare_possible(evaluation, items: list, v: Verordening, fail) -> None:
    for item in items:
        if not isinstance(item, dict) or set(item) - POSSIBLE_KEYS or "rule" not in item:
            fail(f"ongeldige verwachting {item!r}")
            continue
        if item["rule"] not in v.rules_by_id:
            fail(f"verwachte regel {item['rule']} bestaat niet in de verordening")
            continue
        found = [
            p for p in evaluation.possible if p.rule.id == item["rule"] and _for_member(p, item)
        ]
        if not found:
            fail(f"verwacht dat {_describe(item)} mogelijk is, maar dat is niet zo")
            continue
        checked = {path for path, _ in found[0].to_check}
        for path in item.get("to_check") or []:
            if path not in checked:
                fail(f"{_describe(item)}: verwacht dat de gemeente {path} controleert")


def _compare_urgent(evaluation, items: list, fail) -> None:
    for item in items:
        if not isinstance(item, dict) or set(item) - URGENT_KEYS or "rule" not in item:
            fail(f"ongeldige verwachting {item!r}")
            continue
        found = [o for o in evaluation.outcomes if _matches(o, item)]
        if not found:
            fail(f"verwacht {_describe(item)} met spoed, maar die kwam er niet uit")
        elif found[0].urgency != "urgent":
            fail(f"{_describe(item)}: verwacht spoed, kreeg {found[0].urgency}")
        elif "deadline" in item and (found[0].deadline or None) is None:
            fail(f"{_describe(item)}: verwacht termijn {item['deadline']}, kreeg geen")
        elif "deadline" in item and found[0].deadline.id != item["deadline"]:
            fail(
                f"{_describe(item)}: verwacht termijn {item['deadline']}, "
                f"kreeg {found[0].deadline.id}"
            )


def _not_matched(item: dict, outcomes, fired: str) -> str:
    """Why an expected outcome is not there: the rule did not fire (for that member), or it
    fired but with another article or law article than the scenario expects."""
    fired_for = [
        o for o in outcomes if _matches(o, {"rule": item["rule"], "member": item.get("member")})
    ]
    if not fired_for:
        return f"verwacht {_describe(item)}, maar die kwam er niet uit (wel: {fired or 'niets'})"
    rule = fired_for[0].rule
    diffs = []
    if "article" in item and str(item["article"]) != rule.article_number:
        diffs.append(f"artikel {rule.article_number} in plaats van {item['article']}")
    if "law_article" in item and item["law_article"] != rule.law_article:
        diffs.append(f"wetsartikel '{rule.law_article}' in plaats van '{item['law_article']}'")
    if "says" in item and item["says"] not in fired_for[0].explanation.nl:
        diffs.append(f"een uitleg zonder '{item['says']}': {fired_for[0].explanation.nl}")
    return f"verwacht {_describe(item)}: de regel kwam er wel uit, maar met " + " en ".join(diffs)


def _describe(item: dict) -> str:
    text = f"regel {item['rule']}"
    if item.get("member"):
        text += f" voor {item['member']}"
    if item.get("article"):
        text += f" (artikel {item['article']})"
    return text


def check(v: Verordening) -> CheckReport:
    results = [run_scenario(v, p) for p in scenario_files(v.path)]
    named = set().union(*(r.rules_named for r in results)) if results else set()
    uncovered = [r.id for r in v.rules if r.id not in named]
    return CheckReport(v, results, uncovered)


def describe_location(result: ScenarioResult) -> str:
    return display_path(result.path)
