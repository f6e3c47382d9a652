"""What a change to the verordening does: `python -m verordening diff OLD NEW [--intakes DIR]`.

For the policy officer who owns the encoded verordening: which rules, parameters, terms, derived
facts and articles changed between two files, and, for a folder of intakes (JSON intakes, or
scenario files with an `intake` and an `as_of`), which outcomes change per regime and for which
households. Both versions are applied on the same peildatum, whatever their validity dates say:
the question is "what would this change do to these households".
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .engine import evaluate_with
from .errors import VerordeningError
from .intake import validate_intake
from .loader import display_path, parse_date
from .model import Rule, Verordening
from .yamlio import safe_load_yaml

# the parts of a rule whose change alters what a resident is told, and their Dutch names
_RULE_FIELDS = {
    "when": ("voorwaarde", lambda r: r.when.text),
    "urgent_when": ("spoed als", lambda r: r.urgent_when.text if r.urgent_when else None),
    "article": ("artikel", lambda r: r.article_number),
    "law_article": ("wetsartikel", lambda r: r.law_article),
    "regime": ("regime", lambda r: r.regime.id),
    "provision": ("voorziening", lambda r: r.provision.id),
    "kind": ("soort", lambda r: r.kind),
    "scope": ("voor wie", lambda r: r.scope),
    "urgency": ("urgentie", lambda r: r.urgency),
    "deadline": ("termijn", lambda r: r.deadline.id if r.deadline else None),
    "urgent_deadline": (
        "termijn bij spoed",
        lambda r: r.urgent_deadline.id if r.urgent_deadline else None,
    ),
    "excludes": ("sluit uit", lambda r: ", ".join(r.excludes) or None),
    "municipality_checks": (
        "gemeente controleert",
        lambda r: ", ".join(r.municipality_checks) or None,
    ),
    "explanation": ("uitleg", lambda r: r.explanation.nl),
}


@dataclass
class Change:
    what: str  # e.g. "regel pw_algemene_bijstand"
    field: str  # e.g. "voorwaarde"; "" for added/removed
    old: object
    new: object


@dataclass
class OutcomeChanges:
    """Per regime: which households gain and lose which outcomes."""

    intakes: int = 0
    skipped: list[str] = field(default_factory=list)  # intake files that could not be read
    gained: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lost: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    triage: list[str] = field(default_factory=list)


def _rule_changes(old: Verordening, new: Verordening) -> list[Change]:
    changes = []
    for rid in sorted(set(old.rules_by_id) | set(new.rules_by_id)):
        a, b = old.rules_by_id.get(rid), new.rules_by_id.get(rid)
        if a is None or b is None:
            changes.append(Change(f"regel {rid}", "", a and _rule_line(a), b and _rule_line(b)))
            continue
        for name, read in _RULE_FIELDS.values():
            if read(a) != read(b):
                changes.append(Change(f"regel {rid}", name, read(a), read(b)))
    return changes


def _rule_line(rule: Rule) -> str:
    return f"artikel {rule.article_number}, {rule.regime.id}: {rule.when.text}"


def _parameter_changes(old: Verordening, new: Verordening) -> list[Change]:
    changes = []
    for name in sorted(set(old.parameters) | set(new.parameters)):
        a, b = old.parameters.get(name), new.parameters.get(name)
        values_a = _values(a) if a else None
        values_b = _values(b) if b else None
        if values_a != values_b:
            changes.append(Change(f"parameter {name}", "waarden", values_a, values_b))
        if a and b and a.status != b.status:
            changes.append(Change(f"parameter {name}", "status", a.status, b.status))
        if a and b and values_a == values_b and _checked(a) != _checked(b):
            # a value read in the law since (shared parameter files: status per value)
            changes.append(
                Change(f"parameter {name}", "status per waarde", _checked(a), _checked(b))
            )
        if a and b and a.reference != b.reference:
            changes.append(Change(f"parameter {name}", "bron", a.reference, b.reference))
    return changes


def _values(parameter) -> str:
    return ", ".join(f"{start}: {value}" for start, value in parameter.values)


def _checked(parameter) -> str:
    """Each value's status and source: `2026-01-01: verified (Pw art. 21)`."""
    return ", ".join(
        f"{start}: {status} ({source})"
        for start, (status, source) in ((s, parameter.status_on(s)) for s, _ in parameter.values)
    )


def _deadline_changes(old: Verordening, new: Verordening) -> list[Change]:
    changes = []
    for did in sorted(set(old.deadlines) | set(new.deadlines)):
        a, b = old.deadlines.get(did), new.deadlines.get(did)
        line_a = a and f"{a.length} {a.unit} ({a.law_article}, {a.status})"
        line_b = b and f"{b.length} {b.unit} ({b.law_article}, {b.status})"
        if line_a != line_b:
            changes.append(Change(f"termijn {did}", "", line_a, line_b))
    return changes


def _derived_changes(old: Verordening, new: Verordening) -> list[Change]:
    a = {d.path: d.text for d in old.derived}
    b = {d.path: d.text for d in new.derived}
    return [
        Change(f"afgeleid feit {path}", "", a.get(path), b.get(path))
        for path in sorted(set(a) | set(b))
        if a.get(path) != b.get(path)
    ]


def _article_changes(old: Verordening, new: Verordening) -> list[Change]:
    a = {x.number: x for x in old.articles}
    b = {x.number: x for x in new.articles}
    changes = []
    for number in sorted(set(a) | set(b), key=_article_key):
        x, y = a.get(number), b.get(number)
        if x is None or y is None:
            changes.append(Change(f"artikel {number}", "", x and x.title, y and y.title))
            continue
        for name, read in (
            ("titel", lambda art: art.title),
            ("tekst", lambda art: art.text),
            ("wetsartikelen", lambda art: ", ".join(art.law_articles)),
        ):
            if read(x) != read(y):
                changes.append(Change(f"artikel {number}", name, read(x), read(y)))
    return changes


def _article_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))


def file_changes(old: Verordening, new: Verordening) -> list[Change]:
    return (
        _rule_changes(old, new)
        + _parameter_changes(old, new)
        + _deadline_changes(old, new)
        + _derived_changes(old, new)
        + _article_changes(old, new)
    )


def _intakes(folder: Path, default_as_of: date) -> list[tuple[str, dict | None, date]]:
    """(name, intake or None when unreadable, peildatum) per file in the folder."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".json", ".yaml", ".yml") or not path.is_file():
            continue
        name = display_path(path)
        try:
            text = path.read_text(encoding="utf-8")
            doc = json.loads(text) if path.suffix == ".json" else safe_load_yaml(text)
        except (OSError, ValueError) as exc:  # JSON and YAML errors are ValueErrors
            found.append((f"{name}: {exc}", None, default_as_of))
            continue
        as_of = default_as_of
        if isinstance(doc, dict) and isinstance(doc.get("intake"), dict):  # a scenario
            try:
                as_of = parse_date(doc.get("as_of")) if doc.get("as_of") else default_as_of
            except ValueError:
                as_of = default_as_of
            doc = doc["intake"]
        if not isinstance(doc, dict) or validate_intake(doc):
            found.append((f"{name}: geen geldige intake", None, as_of))
            continue
        found.append((name, doc, as_of))
    return found


def _keys(evaluation) -> dict[tuple[str, str], str]:
    """(regime, "rule@member") -> how it applies: an outcome, or possible."""
    keys = {}
    for o in evaluation.outcomes:
        keys[o.rule.regime.id, f"{o.rule.id}@{o.member_id or 'huishouden'}"] = "ja"
    for p in evaluation.possible:
        keys[p.rule.regime.id, f"{p.rule.id}@{p.member_id or 'huishouden'}"] = "misschien"
    return keys


def outcome_changes(
    old: Verordening, new: Verordening, folder: Path, as_of: date | None
) -> OutcomeChanges:
    result = OutcomeChanges()
    for name, intake, day in _intakes(folder, as_of or new.valid_from):
        if intake is None:
            result.skipped.append(name)
            continue
        day = as_of or day
        try:
            before = evaluate_with(old, intake, day, any_date=True)
            after = evaluate_with(new, intake, day, any_date=True)
        except VerordeningError as exc:
            result.skipped.append(f"{name}: {exc}")
            continue
        result.intakes += 1
        a, b = _keys(before), _keys(after)
        for regime, what in sorted(set(a) | set(b)):
            was, now = a.get((regime, what)), b.get((regime, what))
            if was == now:
                continue
            if now is not None:
                result.gained[regime].append(f"{name} ({what}{_tier(was, now)})")
            else:
                result.lost[regime].append(f"{name} ({what})")
        if before.triage != after.triage:
            result.triage.append(f"{name}: {before.triage} → {after.triage}")
    return result


def _tier(was: str | None, now: str) -> str:
    return f", was {was}, nu {now}" if was else ("" if now == "ja" else ", misschien")


def render(
    old: Verordening, new: Verordening, changes: list[Change], outcomes: OutcomeChanges | None
) -> str:
    lines = [
        f"Oud: {display_path(old.path)} ({old.id}, geldig vanaf {old.valid_from}, "
        f"sha256 {old.content_hash[:12]})",
        f"Nieuw: {display_path(new.path)} ({new.id}, geldig vanaf {new.valid_from}, "
        f"sha256 {new.content_hash[:12]})",
        "",
    ]
    if not changes:
        lines.append("Geen verschillen in regels, parameters, termijnen of artikelen.")
    else:
        lines.append(f"Wijzigingen in het bestand ({len(changes)}):")
    for c in changes:
        if c.old is None:
            lines.append(f"+ {c.what}: nieuw — {c.new}")
        elif c.new is None:
            lines.append(f"- {c.what}: vervallen — was {c.old}")
        else:
            label = f"{c.what}, {c.field}" if c.field else c.what
            lines.append(f"~ {label}:\n    was:  {c.old}\n    nu:   {c.new}")
    if outcomes is not None:
        lines += ["", f"Effect op {outcomes.intakes} intakes:"]
        regimes = sorted(set(outcomes.gained) | set(outcomes.lost))
        if not regimes and not outcomes.triage:
            lines.append("  geen uitkomst verandert")
        for regime in regimes:
            gained, lost = outcomes.gained.get(regime, []), outcomes.lost.get(regime, [])
            lines.append(f"  {regime}: {len(gained)} erbij, {len(lost)} eraf")
            lines += [f"    + {item}" for item in gained]
            lines += [f"    - {item}" for item in lost]
        if outcomes.triage:
            lines.append(f"  soort vraag verandert bij {len(outcomes.triage)}:")
            lines += [f"    {item}" for item in outcomes.triage]
        if outcomes.skipped:
            lines.append(f"  overgeslagen ({len(outcomes.skipped)}):")
            lines += [f"    {item}" for item in outcomes.skipped]
    return "\n".join(lines) + "\n"
