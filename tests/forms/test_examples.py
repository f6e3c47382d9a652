"""The examples in docs/ are checked, so the documentation cannot rot."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from forms.contract import MESSAGES, main, normalise_intake, validate_intake
from tests.forms.builders import TODAY

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("intake-*.json"))
DOC = ROOT / "docs" / "intake.md"


def test_both_examples_exist():
    assert {p.name for p in EXAMPLES} >= {"intake-family.json", "intake-minimal.json"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_valid_without_warnings(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate_intake(data, today=TODAY) == []
    assert normalise_intake(data) == data, "examples show the stored (normalised) form"


def test_family_example_is_a_household_of_four_with_several_domains():
    data = json.loads((ROOT / "docs/examples/intake-family.json").read_text(encoding="utf-8"))
    assert len(data["members"]) == 4
    assert len(data["household"]) >= 4


def test_the_doc_embeds_the_family_example():
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, flags=re.S)
    family = json.loads((ROOT / "docs/examples/intake-family.json").read_text(encoding="utf-8"))
    assert family in [json.loads(block) for block in blocks]


def test_the_doc_lists_every_code():
    text = DOC.read_text(encoding="utf-8")
    missing = {key.split(":")[0] for key in MESSAGES} - set(re.findall(r"`([a-z0-9_]+)`", text))
    assert missing == set()


def test_cli_prints_dutch_and_exits_1_on_errors(tmp_path, capsys):
    assert main([str(EXAMPLES[0]), "--today", TODAY.isoformat()]) == 0
    bad = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    bad["members"][0]["bsn"] = "999990008"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert main([str(path), "--today", TODAY.isoformat()]) == 1
    assert "klopt niet" in capsys.readouterr().out
