"""The intake JSON Schema (Draft 2020-12), read once for the whole process.

The file is the intake contract's data, ``forms/intake.schema.json``; this is its only reader:
the contract (forms/contract.py), the fact catalogue (``catalogue.facts``), the engine and the
portal's OpenAPI page all take the parsed schema from here. Treat it as read-only.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "forms" / "intake.schema.json"


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The parsed intake schema; one object per process, do not mutate it."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


SCHEMA_VERSION: str = load_schema()["properties"]["schema_version"]["const"]
