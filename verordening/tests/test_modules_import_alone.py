"""Every module of the package imports on its own, in a fresh interpreter (issue #16): an import
circle shows up here even when the test suite, which imports through `verordening`, hides it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
ROOT = PACKAGE.parent
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
    if "tests" not in path.relative_to(PACKAGE).parts and path.name != "__main__.py"
)  # __main__ runs the command line when imported: it is an entry point, not a module


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_alone(module):
    done = subprocess.run(  # noqa: S603 - our own interpreter and module names
        [sys.executable, "-c", f"import {module}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_engine_layers_point_one_way():
    """result knows nothing of the engine or the registry; the engine nothing of the registry;
    the model nothing of any of them (the engine <-> model circle is gone)."""
    import ast

    def imports(name: str) -> set[str]:
        tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found.add(node.module or "")
        return found

    assert not imports("result") & {"engine", "registry"}
    assert "registry" not in imports("engine")
    assert not imports("model") & {"engine", "registry", "result"}
