"""The vendored axe-core is the version package.json pins, with its licence (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).parent / "vendor"


def test_vendored_axe_matches_the_pinned_version_and_carries_its_licence():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    header = (VENDOR / "axe.min.js").read_text(encoding="utf-8")[:500]
    found = re.search(r"axe v(\d+\.\d+\.\d+)", header)
    assert found, header
    assert found.group(1) == pinned["axe-core"] == locked["node_modules/axe-core"]["version"]
    assert locked["node_modules/axe-core"]["license"] == "MPL-2.0"
    assert "Mozilla Public License, version 2.0" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert (VENDOR / "LICENSE-3RD-PARTY.txt").is_file()
