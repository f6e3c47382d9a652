"""The verordening says whether one household budget is allowed (`integrated_budget`,
docs/verordening-format.md): the model file allows it for Wmo and Jeugdwet, marked not
verified; a wrong entry stops the load with its place and reason."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from verordening import load_verordeningen
from verordening.errors import VerordeningError
from verordening.loader import load_file

MODEL = Path(__file__).resolve().parents[2] / "verordening" / "data" / "model-2026-01-01.yaml"


def _variant(folder: Path, doc: dict) -> Path:
    """The model file changed, beside a copy of the parameters every version shares."""
    shutil.copytree(MODEL.parent / "parameters", folder / "parameters")
    path = folder / "variant.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    return path


def test_the_model_file_allows_one_budget_for_wmo_and_jeugdwet_not_verified():
    found = load_verordeningen(None).for_date(date(2026, 6, 1)).integrated_budget
    assert found.regimes == ("wmo", "jeugdwet")
    assert found.status == "not_verified"
    assert "Meppel" in found.reference and "Delft" in found.reference
    assert found.name.nl == "Gezinsbudget"


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ({"regimes": ["wmo", "onbekend"]}, "onbekende regeling 'onbekend'"),
        ({"regimes": ["wmo", "zvw"]}, "regeling 'zvw' is geen gemeentelijke regeling"),
        ({"regimes": ["wmo"]}, "één budget is er voor minstens twee regelingen"),
        ({"reference": " "}, "reference moet zeggen waar dit staat"),
        ({"status": "zeker"}, "status moet een van verified, secondary, not_verified zijn"),
        ({"extra": 1}, "onbekende sleutel 'extra'"),
    ],
)
def test_a_wrong_entry_stops_the_load(tmp_path, entry, reason):
    doc = yaml.safe_load(MODEL.read_text())
    doc["integrated_budget"].update(entry)
    path = _variant(tmp_path, doc)
    with pytest.raises(VerordeningError) as error:
        load_file(path)
    assert "integrated_budget" in str(error.value) and reason in str(error.value)


def test_without_the_entry_no_integrated_budget(tmp_path):
    doc = yaml.safe_load(MODEL.read_text())
    del doc["integrated_budget"]
    path = _variant(tmp_path, doc)
    assert load_file(path).integrated_budget is None
