"""Every module of portal/, forms/, verordening/ and catalogue/ imports on its own (issue #16).

The app always imports through `create_app`, which hides circles: `import portal.plans.render_docx`
on its own used to fail on a half-initialised `portal.plans.views`, and `make bench-plan` crashed on
it. Here each module is imported first, as a script, a benchmark or a Celery worker would: one fresh
interpreter runs the whole list, dropping every project module from `sys.modules` between two
imports so each one starts from nothing (one interpreter per module would take a minute).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("portal", "forms", "verordening", "catalogue")
# Runs `python -m verordening`; importing it means running the CLI.
SKIP = {"verordening.__main__"}

PROBE = r"""
import importlib, json, sys, traceback
failures = {}
ours = ("portal", "forms", "verordening", "catalogue")
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m.split(".")[0] in ours]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except BaseException as error:  # a SystemExit from an import is a failure too
        failures[name] = "".join(traceback.format_exception_only(type(error), error)).strip()
print(json.dumps(failures))
"""


def project_modules() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join(parts)
            if name not in SKIP:
                names.append(name)
    return names


def test_the_list_covers_the_four_packages_and_their_subpackages():
    names = project_modules()
    assert {"portal", "forms", "verordening", "catalogue", "portal.plans.render_docx"} <= set(names)
    assert len(names) > 100


def test_every_module_imports_alone_in_a_fresh_interpreter():
    result = subprocess.run(  # noqa: S603 (our own interpreter and files)
        [sys.executable, "-c", PROBE, json.dumps(project_modules())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    assert failures == {}, "\n".join(f"{name}: {why}" for name, why in failures.items())
