"""Shared helpers: the fixture verordening, mutated copies of it, and small intakes."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
MODEL = FIXTURES / "model" / "sociaal.yaml"


@pytest.fixture(scope="session")
def base_doc() -> dict:
    return yaml.safe_load(MODEL.read_text(encoding="utf-8"))


@pytest.fixture
def write_variant(tmp_path, base_doc):
    """Write a changed copy of the fixture; `change(doc)` edits it in place."""

    def write(change, name: str = "variant.yaml") -> Path:
        doc = copy.deepcopy(base_doc)
        change(doc)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write


def rule_of(doc: dict, rule_id: str) -> dict:
    for article in doc["articles"]:
        for rule in article.get("rules") or []:
            if rule["id"] == rule_id:
                return rule
    raise KeyError(rule_id)


def intake(*members, household=None, **extra) -> dict:
    data = {
        "schema_version": "1.0",
        "channel": "front_desk",
        "address": {"postcode": "2741 AB", "house_number": "1"},
        "story": {"question": "Ik heb een vraag."},
        "members": list(members) or [{"id": "m1", "role": "applicant", "birth_date": "1980-01-01"}],
        "household": household or {},
    }
    data.update(extra)
    return data
