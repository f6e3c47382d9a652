"""Command line: `python -m verordening check | evaluate | explain | diff` (no Flask needed).

Exit codes: 0 success; 1 `check` found failing or missing scenarios; 2 invalid input (bad JSON,
an intake that breaks forms/intake.schema.json, a bad verordening file, a bad date), with the
reason on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from . import diff
from .errors import VerordeningError
from .intake import validate_intake
from .loader import display_path, load_all, load_file, parse_date
from .registry import default_path, load_verordeningen
from .report import render_explain, render_text
from .rule_tests import rule_test_files, run_rule_tests
from .scenarios import check as check_scenarios

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


class InvalidInput(Exception):
    """Input the user must fix; printed on stderr with exit code 2."""


def _date(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return parse_date(text)
    except ValueError as exc:
        raise InvalidInput(f"--as-of: {exc}") from None


def _read_intake(name: str) -> dict:
    try:
        raw = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"{name}: kan het bestand niet lezen ({exc.strerror})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{name}: geen geldige JSON: {exc}") from None
    issues = validate_intake(data)
    if issues:
        raise InvalidInput(
            f"{name}: de intake past niet bij forms/intake.schema.json:\n  " + "\n  ".join(issues)
        )
    return data


def cmd_check(args) -> int:
    path = Path(args.path) if args.path else default_path()
    verordeningen = load_all(path)
    ok = True
    for v in verordeningen:
        report = check_scenarios(v)
        passed = sum(r.ok for r in report.results)
        print(
            f"{display_path(v.path)}: {v.id}, geldig vanaf {v.valid_from}"
            f"{' tot ' + str(v.valid_to) if v.valid_to else ''}, {len(v.rules)} regels, "
            f"{len(v.parameters)} parameters, sha256 {v.content_hash[:12]}"
        )
        print(
            f"  scenario's: {len(report.results)}, geslaagd: {passed}, "
            f"mislukt: {len(report.results) - passed}"
        )
        for r in report.results:
            for failure in r.failures:
                print(f"  MISLUKT {display_path(r.path)} ({r.name}): {failure}")
        if report.uncovered:
            print(
                f"  regels zonder scenario ({len(report.uncovered)}): "
                + ", ".join(report.uncovered)
            )
        rule_tests = [r for path in rule_test_files(v.path) for r in run_rule_tests(v, path)]
        if rule_tests:
            passed = sum(r.ok for r in rule_tests)
            print(
                f"  regeltests: {len(rule_tests)}, geslaagd: {passed}, "
                f"mislukt: {len(rule_tests) - passed}"
            )
        for r in rule_tests:
            for failure in r.failures:
                print(f"  MISLUKT {display_path(r.path)} ({r.name}): {failure}")
        ok = ok and report.ok and all(r.ok for r in rule_tests)
    print("OK" if ok else "NIET OK")
    return EXIT_OK if ok else EXIT_FAILED


def _evaluation(args):
    intake = _read_intake(args.intake)
    as_of = _date(args.as_of)
    registry = load_verordeningen(args.verordening)
    return intake, registry.evaluate(intake, as_of)


def cmd_evaluate(args) -> int:
    intake, evaluation = _evaluation(args)
    if args.format == "json":
        json.dump(evaluation.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(evaluation, intake, args.lang))
    return EXIT_OK


def cmd_explain(args) -> int:
    intake, evaluation = _evaluation(args)
    sys.stdout.write(render_explain(evaluation, intake, args.lang))
    return EXIT_OK


def cmd_diff(args) -> int:
    old, new = load_file(args.old), load_file(args.new)
    outcomes = None
    if args.intakes:
        folder = Path(args.intakes)
        if not folder.is_dir():
            raise InvalidInput(f"--intakes: {args.intakes} is geen map")
        as_of = _date(args.as_of) if args.as_of else None
        outcomes = diff.outcome_changes(old, new, folder, as_of)
    sys.stdout.write(diff.render(old, new, diff.file_changes(old, new), outcomes))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m verordening",
        description="De gecodeerde verordening: controleren, toepassen en uitleggen.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="valideer de verordening en draai de scenario's")
    check.add_argument(
        "path", nargs="?", help="bestand of map (standaard: verordening/data of VERORDENING_PATH)"
    )
    check.set_defaults(func=cmd_check)

    for name, func, helptext in (
        ("evaluate", cmd_evaluate, "pas de verordening toe op een intake"),
        ("explain", cmd_explain, "laat zien waarom"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("intake", help="intake als JSON-bestand (of - voor stdin)")
        p.add_argument("--as-of", help="peildatum JJJJ-MM-DD (standaard: vandaag)")
        p.add_argument(
            "--verordening", help="bestand of map (standaard: verordening/data of VERORDENING_PATH)"
        )
        p.add_argument("--lang", choices=("nl", "en"), default="nl")
        if name == "evaluate":
            p.add_argument("--format", choices=("json", "text"), default="text")
        p.set_defaults(func=func)

    d = sub.add_parser("diff", help="wat verandert er tussen twee versies, en voor wie")
    d.add_argument("old", help="het oude verordeningbestand")
    d.add_argument("new", help="het nieuwe verordeningbestand")
    d.add_argument(
        "--intakes",
        help="map met intakes (JSON) of scenario's (YAML) om beide versies op toe te passen",
    )
    d.add_argument(
        "--as-of",
        help="peildatum voor alle intakes (standaard: die van het scenario, anders valid_from)",
    )
    d.set_defaults(func=cmd_diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (InvalidInput, VerordeningError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return EXIT_INVALID
