"""Benchmark the verordening engine on one core.

    .venv/bin/python bench/verordening_bench.py [--n 3000] [--seed 7] [--verordening PATH]

Prints, for a few thousand random but valid intakes (seeded):
1. household evaluations per second with the model file (evaluate only, and evaluate + the
   full to_dict() with explanations and the "ask this" list);
2. the engine against hand-written plain Python for the same six rules (the engine runs a
   registry built from a filtered copy of the file, so both compute exactly the same outcomes;
   the bench checks that they agree);
3. the same model with every rule copied 10 times (new ids), and the cost ratio: the engine's
   cost should grow linearly with the number of rules.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verordening import load_verordeningen  # noqa: E402
from verordening.intake import validate_intake  # noqa: E402
from verordening.intake_schema import load_catalogue  # noqa: E402
from verordening.loading.parameters import SHARED_FOLDER  # noqa: E402
from verordening.registry import default_path  # noqa: E402

AS_OF = date(2026, 3, 2)
# main before the engine's split and speed work (issue #16): measured in the same run, on the
# same intakes, so the before/after figures share the machine's load (the development VM is shared)
BEFORE_REF = "b81bff5"
FIXTURE = ROOT / "verordening" / "tests" / "fixtures" / "model" / "sociaal.yaml"

# -- random intakes -----------------------------------------------------------------------------

_RANGES = {"EUR": (0, 4000), "years": (0, 10), "weeks": (0, 20), "hours": (0, 40), "km": (0, 30)}
_ROLES_EXTRA = ("partner", "child", "child", "child", "other")


_ABSENT = object()


def _value(info, rng: random.Random):
    """40% not asked (absent), 20% asked but unknown (null), 40% answered."""
    roll = rng.random()
    if roll < 0.4:
        return _ABSENT
    if roll < 0.6:
        return None
    if info.type == "boolean":
        return rng.random() < 0.3
    if info.type == "number":
        lo, hi = _RANGES.get(info.unit or "", (0, 100))
        return rng.randint(lo, hi)
    return rng.choice(info.values) if info.values else None


def _answers(keymap, catalogue, rng) -> dict:
    out = {}
    for domain, fields in keymap.items():
        values = {f: _value(catalogue.facts[p], rng) for f, p in fields.items()}
        out[domain] = {f: v for f, v in values.items() if v is not _ABSENT}
    return out


def random_intake(rng: random.Random, catalogue) -> dict:
    size = rng.randint(1, 5)
    roles = ["applicant"] + [rng.choice(_ROLES_EXTRA) for _ in range(size - 1)]
    if roles.count("partner") > 1:
        roles = [
            r if r != "partner" or i == roles.index("partner") else "child"
            for i, r in enumerate(roles)
        ]
    members = []
    for i, role in enumerate(roles, 1):
        year = rng.randint(2008, 2025) if role == "child" else rng.randint(1935, 2004)
        member = {
            "id": f"m{i}",
            "role": role,
            "relation": {"applicant": "self", "partner": "partner", "child": "child"}.get(
                role, "other"
            ),
            "birth_date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        member.update(_answers(catalogue.member_keymap, catalogue, rng))
        if role != "child" or year < 2010:
            member["school"] = {}  # school questions are only asked for children
        members.append(member)
    household = _answers(catalogue.household_keymap, catalogue, rng)
    return {
        "schema_version": "1.0",
        "channel": "front_desk",
        "address": {"postcode": "2741 AB", "house_number": str(rng.randint(1, 200))},
        "story": {"question": "Benchmark"},
        "members": members,
        "household": household,
    }


# -- hand-written rules -------------------------------------------------------------------------

HAND_RULES = (
    "wmo_rolstoelvoorziening",
    "wmo_personenalarmering",
    "wmo_zelfstandig_thuis_maatwerk",
    "ref_zvw_wijkverpleging",
    "leerlingenvervoer_afstand",
    "schuldhulp_eerste_gesprek",
)
_SCHOOL_TYPES = frozenset({"primary", "special_primary", "special_secondary"})


def hand_written(intake: dict, min_km: float) -> set[tuple[str, str | None]]:
    """The six rules as plain Python: what a programmer would write without an engine."""
    fired = set()
    if ((intake.get("household") or {}).get("debts") or {}).get("has_debts") is True:
        fired.add(("schuldhulp_eerste_gesprek", None))
    for m in intake["members"]:
        mid = m["id"]
        health = m.get("health") or {}
        if (m.get("mobility") or {}).get("uses_wheelchair") is True:
            fired.add(("wmo_rolstoelvoorziening", mid))
        if health.get("fall_risk") is True:
            fired.add(("wmo_personenalarmering", mid))
            if health.get("cannot_call_for_help") is True:
                fired.add(("wmo_zelfstandig_thuis_maatwerk", mid))
        if health.get("needs_nursing_care") is True or (
            (m.get("self_care") or {}).get("needs_help_personal_care") is True
        ):
            fired.add(("ref_zvw_wijkverpleging", mid))
        school = m.get("school") or {}
        km = school.get("distance_to_school_km")
        if school.get("type") in _SCHOOL_TYPES and km is not None and km >= min_km:
            fired.add(("leerlingenvervoer_afstand", mid))
    return fired


# -- filtered and multiplied copies of the file -------------------------------------------------


def _rules(doc):
    for article in doc["articles"]:
        yield from article.get("rules") or []


def _prune_derived(doc) -> None:
    """Drop derived facts no kept rule needs, so the filtered engine does no extra work."""
    derived = doc.get("derived") or {}
    texts = [r["when"] + " " + r.get("urgent_when", "") for r in _rules(doc)]
    keep: set[str] = set()
    changed = True
    while changed:
        changed = False
        for scope, block in derived.items():
            for name, text in block.items():
                path = f"{scope}.{name}"
                if path not in keep and any(path in t for t in texts):
                    keep.add(path)
                    texts.append(text)
                    changed = True
    for scope, block in derived.items():
        derived[scope] = {k: v for k, v in block.items() if f"{scope}.{k}" in keep}


def filtered(doc: dict, rule_ids) -> dict:
    doc = copy.deepcopy(doc)
    for article in doc["articles"]:
        article["rules"] = [r for r in article.get("rules") or [] if r["id"] in rule_ids]
        for r in article["rules"]:
            r["excludes"] = [x for x in r.get("excludes") or [] if x in rule_ids]
    _prune_derived(doc)
    return doc


def multiplied(doc: dict, times: int) -> dict:
    doc = copy.deepcopy(doc)
    for article in doc["articles"]:
        originals = article.get("rules") or []
        copies = []
        for k in range(1, times):
            for r in originals:
                c = copy.deepcopy(r)
                c["id"] = f"{r['id']}_x{k}"
                c["excludes"] = [f"{x}_x{k}" for x in r.get("excludes") or []]
                copies.append(c)
        article["rules"] = originals + copies
    return doc


def registry_from(doc: dict, folder: Path, name: str):
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return load_verordeningen(path)


# -- timing -------------------------------------------------------------------------------------


def rate(fn, intakes, repeat: int = 5) -> float:
    """Best of `repeat` runs, in evaluations per second.

    CPU time of this process, not wall time: on a shared machine other processes would
    otherwise count against us whenever the scheduler runs them on our core.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for intake in intakes:
            fn(intake)
        best = min(best, time.process_time() - start)
    return len(intakes) / best


_BEFORE_SCRIPT = """
import json, sys, time
from datetime import date
sys.path.insert(0, sys.argv[1])
from verordening import load_verordeningen
registry = load_verordeningen(sys.argv[2])
intakes = json.load(open(sys.argv[3], encoding="utf-8"))
as_of = date.fromisoformat(sys.argv[4])

def rate(fn):
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for intake in intakes:
            fn(intake)
        best = min(best, time.process_time() - start)
    return len(intakes) / best

print(json.dumps([rate(lambda i: registry.evaluate(i, as_of)),
                  rate(lambda i: registry.evaluate(i, as_of).to_dict())]))
"""


def before_rates(ref: str, source: Path, intakes) -> tuple[float, float] | None:
    """evaluate and evaluate+to_dict rates of the engine at git `ref` (with that commit's copy
    of the data file when it has one), in a subprocess on the same core and intakes."""
    import io
    import json
    import subprocess
    import tarfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = subprocess.run(  # noqa: S603 - git with a ref from our own command line
            ["git", "-C", str(ROOT), "archive", ref, "verordening", "forms"],  # noqa: S607
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            return None
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        old_source = source
        if source.is_relative_to(ROOT) and (folder / source.relative_to(ROOT)).is_file():
            old_source = folder / source.relative_to(ROOT)
        data = folder / "intakes.json"
        data.write_text(json.dumps(intakes), encoding="utf-8")
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-c", _BEFORE_SCRIPT, tmp, str(old_source), str(data), str(AS_OF)],
            capture_output=True,
            text=True,
            check=True,
        )
        return tuple(json.loads(out.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=3000, help="number of random intakes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--verordening",
        help="file (default: the model file in the data folder, else the engine's test fixture)",
    )
    parser.add_argument(
        "--before",
        default=BEFORE_REF,
        help=f"git ref of the engine to compare with (default {BEFORE_REF}; '' to skip)",
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})  # one core, honestly

    source = Path(args.verordening) if args.verordening else None
    if source is None:
        data = sorted(default_path().glob("*.yaml")) if default_path().is_dir() else []
        source = data[-1] if data else FIXTURE
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    registry = load_verordeningen(source)
    v = registry.for_date(AS_OF)
    catalogue = load_catalogue()
    rng = random.Random(args.seed)
    intakes = [random_intake(rng, catalogue) for _ in range(args.n)]
    sample = intakes[:200]
    invalid = sum(1 for i in sample if validate_intake(i))
    members = sum(len(i["members"]) for i in intakes) / len(intakes)
    print(
        f"verordening: {source.relative_to(ROOT) if source.is_relative_to(ROOT) else source}"
        f" ({len(v.rules)} rules, {len(v.derived)} derived facts)"
    )
    print(
        f"intakes: {len(intakes)} (seed {args.seed}), {members:.1f} members on average; "
        f"{invalid} of the first {len(sample)} invalid against the intake contract"
    )
    fired = sum(len(registry.evaluate(i, AS_OF).outcomes) for i in intakes) / len(intakes)
    print(f"outcomes per household: {fired:.1f}")

    base = rate(lambda i: registry.evaluate(i, AS_OF), intakes)
    full = rate(lambda i: registry.evaluate(i, AS_OF).to_dict(), intakes)
    print(
        f"\n1. model file: {base:,.0f} household evaluations/s on one core "
        f"({1e6 / base:.1f} µs each); with to_dict() (explanations, ask-this list): "
        f"{full:,.0f}/s ({1e6 / full:.1f} µs)"
    )
    print(
        f"   evaluate()+to_dict() (what the portal stores per submission): {full:,.0f}/s "
        f"({1e6 / full:.1f} µs each)"
    )
    if args.before:
        before = before_rates(args.before, source, intakes)
        if before is None:
            print(f"   before: git ref {args.before} not available, skipped")
        else:
            before_eval, before_full = before
            print(
                f"   before (git {args.before}, its own engine and data file, same intakes, "
                f"measured now): evaluate {before_eval:,.0f}/s ({1e6 / before_eval:.1f} µs), "
                f"evaluate()+to_dict() {before_full:,.0f}/s ({1e6 / before_full:.1f} µs); "
                f"after/before: {base / before_eval:.2f}x and {full / before_full:.2f}x"
            )

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shared = source.parent / SHARED_FOLDER  # the parameters every version reads
        if shared.is_dir():
            shutil.copytree(shared, folder / SHARED_FOLDER)
        if all(r in v.rules_by_id for r in HAND_RULES):
            small = registry_from(filtered(doc, set(HAND_RULES)), folder, "subset")
            min_km = v.parameters["leerlingenvervoer_min_afstand_km"].value_on(AS_OF)
            mismatches = sum(
                1
                for i in intakes
                if {(o.rule.id, o.member_id) for o in small.evaluate(i, AS_OF).outcomes}
                != hand_written(i, min_km)
            )
            engine = rate(lambda i: small.evaluate(i, AS_OF), intakes)
            plain = rate(lambda i: hand_written(i, min_km), intakes)
            print(
                f"\n2. {len(HAND_RULES)} rules: engine {engine:,.0f}/s, hand-written Python "
                f"{plain:,.0f}/s: the engine takes {plain / engine:.1f}x the time of plain "
                f"Python; outcomes differ in {mismatches} of {len(intakes)} households"
            )
        else:
            print(f"\n2. skipped: the file lacks one of {', '.join(HAND_RULES)}")

        big = registry_from(multiplied(doc, 10), folder, "times10")
        n_big = len(big.for_date(AS_OF).rules)
        big_rate = rate(lambda i: big.evaluate(i, AS_OF), intakes)
        ratio = base / big_rate
        print(
            f"\n3. {n_big} rules (10x): {big_rate:,.0f}/s ({1e6 / big_rate:.1f} µs each); "
            f"time ratio 10x/1x = {ratio:.1f} (linear would be at most 10); cost per rule "
            f"{1e6 / big_rate / n_big:.2f} µs vs {1e6 / base / len(v.rules):.2f} µs"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
