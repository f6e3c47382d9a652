"""Facts-only rule tests: one rule, a few facts, the expected outcome.

Beside the full-intake scenarios (``scenarios/<stem>/*.yaml``, whole households as a resident
would tell them) a verordening keeps short tests per rule in ``scenarios/<stem>/rules/*.yaml``,
as OpenFisca's country template keeps ``tests/*.yaml``: each case names a rule, the facts that
matter (by their paths, as a condition names them) and whether the rule applies. They pin a
rule's edges (6 km and 5.9 km, an income just under and at the norm) without a story around
them. The format is in docs/verordening-format.md ("Rule tests").

The facts describe one person, the case's subject (member ``m1``, the applicant unless
``member.role`` says otherwise; an adult applicant is added then), and the household; ``members``
adds more people. ``member.age`` gives an age on the peildatum (the birth date is made from it).
Facts the engine computes (household size, derived facts) cannot be given: give the answers
they come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from catalogue.schema import SCHEMA_VERSION

from .intake_schema import load_catalogue
from .loader import parse_date
from .model import Verordening
from .scenarios import evaluate_checked, scenario_dir
from .yamlio import safe_load_yaml

CASE_KEYS = {"name", "rule", "as_of", "facts", "members", "member", "applies"}
REQUIRED_KEYS = {"name", "rule", "as_of", "applies"}
#: true: the rule applies; false: it does not; possible: it may, the municipality checks
APPLIES = (True, False, "possible")
#: a member's role -> the relation to the applicant that fits it (the contract checks the pair)
_RELATION = {"applicant": "self", "partner": "partner", "child": "child"}
#: facts that sit elsewhere in the intake than under household/<domain>/<field>
_HOUSEHOLD_PLACES = {
    "household.no_fixed_address": ("address", "no_fixed_address"),
    "household.channel": ("channel",),
}


@dataclass
class RuleTestResult:
    path: Path
    name: str
    rule: str | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def rule_test_files(verordening_path: Path) -> list[Path]:
    folder = scenario_dir(verordening_path) / "rules"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def run_rule_tests(v: Verordening, path: Path) -> list[RuleTestResult]:
    """Every case of one file; a file that is not a list of cases is one failed result."""
    try:
        doc = safe_load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [RuleTestResult(path, path.stem, failures=[f"geen geldige YAML: {exc}"])]
    if not isinstance(doc, list) or not doc:
        failure = "een regeltest is een lijst van gevallen"
        return [RuleTestResult(path, path.stem, failures=[failure])]
    return [run_case(v, path, i, case) for i, case in enumerate(doc, 1)]


def run_case(v: Verordening, path: Path, number: int, case) -> RuleTestResult:
    result = RuleTestResult(path, f"{path.stem} #{number}")
    fail = result.failures.append
    if not isinstance(case, dict):
        fail("een geval is een lijst van sleutels")
        return result
    result.name = f"{path.stem} #{number}: {case.get('name') or ''}".rstrip(": ")
    for key in sorted(set(case) - CASE_KEYS, key=str):
        fail(f"onbekende sleutel '{key}'")
    for key in sorted(REQUIRED_KEYS - set(case)):
        fail(f"ontbrekende sleutel '{key}'")
    if result.failures:
        return result
    rule = v.rules_by_id.get(case["rule"])
    result.rule = case["rule"]
    if rule is None:
        fail(f"regel {case['rule']} bestaat niet in de verordening")
    if case["applies"] not in APPLIES:
        fail(f"applies moet true, false of possible zijn, niet {case['applies']!r}")
    try:
        as_of = parse_date(case["as_of"])
    except ValueError as exc:
        fail(f"as_of: {exc}")
    if result.failures:
        return result
    intake = _intake(case, v, fail)
    if result.failures:
        return result
    evaluation = evaluate_checked(
        v,
        intake,
        as_of,
        fail,
        lambda issues: "de feiten passen niet bij het intakecontract: " + "; ".join(issues),
    )
    if evaluation is None:
        return result
    member = case.get("member", "m1") if rule.scope == "member" else None
    applies = any(o.rule.id == rule.id and o.member_id == member for o in evaluation.outcomes)
    possible = any(p.rule.id == rule.id and p.member_id == member for p in evaluation.possible)
    found = True if applies else "possible" if possible else False
    if found != case["applies"]:
        words = {True: "geldt", False: "geldt niet", "possible": "geldt misschien"}
        expected, who = words[case["applies"]], member or "het huishouden"
        fail(f"regel {rule.id} voor {who}: verwacht '{expected}', maar hij {words[found]}")
    return result


def _intake(case: dict, v: Verordening, fail) -> dict:
    """The smallest intake that holds the case's facts."""
    intake: dict = {
        "schema_version": SCHEMA_VERSION,
        "channel": "front_desk",
        "address": {"postcode": "2741AB", "house_number": "1"},
        "story": {"question": "Regeltest."},
        "household": {},
    }
    facts = case.get("facts") or {}
    people = [facts, *(case.get("members") or [])]
    if not all(isinstance(p, dict) for p in people):
        fail("facts en elk lid in members zijn een lijst van sleutels (feit: waarde)")
        return intake
    members = [_member(f"m{i}", person, intake, v, fail) for i, person in enumerate(people, 1)]
    if not any(m.get("role") == "applicant" for m in members):
        members.append({"id": f"m{len(members) + 1}", "role": "applicant", "relation": "self"})
        members[-1]["age"] = 40
    intake["members"] = members
    return intake


def _member(member_id: str, facts: dict, intake: dict, v: Verordening, fail) -> dict:
    first = member_id == "m1"
    member: dict = {"id": member_id, "role": "applicant" if first else "other"}
    catalogue_facts = load_catalogue().facts
    derived = {d.path for d in v.derived}
    for path, value in facts.items():
        if path == "member.age":
            member["age"] = value
        elif path in _HOUSEHOLD_PLACES and first:
            *parents, key = _HOUSEHOLD_PLACES[path]
            target = intake
            for part in parents:
                target = target.setdefault(part, {})
            target[key] = value
        elif path in derived or (path in catalogue_facts and catalogue_facts[path].builtin):
            fail(f"{path} berekent de engine zelf; geef de antwoorden waar het uit volgt")
        elif not isinstance(path, str) or path not in catalogue_facts:
            fail(f"onbekend feit {path!r}")
        elif path.startswith("household.") and not first:
            fail(f"{path} is een feit van het huishouden: zet het bij facts, niet bij members")
        else:
            fact = catalogue_facts[path]
            target = member if fact.scope == "member" else intake["household"]
            if fact.domain is not None:
                target = target.setdefault(fact.domain, {})
            target[fact.name] = value.isoformat() if hasattr(value, "isoformat") else value
    member.setdefault("relation", _RELATION.get(member["role"]))
    return member
