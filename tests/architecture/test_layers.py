"""The layer rules lint-imports cannot see (issue #16, docs/architecture.md): the import rules
themselves are the contracts in pyproject.toml, checked by `make lint`."""

from __future__ import annotations

import ast
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"


def _calls(path: Path) -> set[str]:
    """Names of the functions and methods `path` calls (`x.y.refresh_due(...)` → refresh_due)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Attribute):
                names.add(function.attr)
            elif isinstance(function, ast.Name):
                names.add(function.id)
    return names


def _modules() -> list[Path]:
    return [p for p in sorted(PORTAL.rglob("*.py")) if "migrations" not in p.parts]


def test_the_caseload_due_dates_are_refreshed_from_one_place():
    callers = {
        str(path.relative_to(PORTAL)) for path in _modules() if "refresh_due" in _calls(path)
    }
    assert callers == {"services/due_dates.py"}


def test_no_package_init_registers_a_blueprint():
    """create_app registers every blueprint; importing a package has no such side effect."""
    for path in PORTAL.rglob("__init__.py"):
        if path.parent == PORTAL:
            continue  # create_app itself
        calls = _calls(path)
        assert not calls & {"Blueprint", "register_blueprint"}, path


def test_the_steps_after_filing_are_one_list_in_their_order():
    from portal.services import intakes

    assert [step.__name__ for step in intakes.AFTER_FILING] == [
        "record_matches",
        "record_consents",
        "assign_contact_person",
        "record_outcomes",
        "refresh_due_dates",
        "keep_resume_code",
        "update_plan",
        "hand_off",
        "tell_the_resident",
    ]
