"""migrate_intake: stored intakes are upgraded step by step, or refused clearly."""

from __future__ import annotations

import pytest

from forms import contract
from forms.contract import SCHEMA_VERSION, MigrationError, check_intake, migrate_intake
from tests.forms.builders import TODAY, household


def _from_0_9(document):
    """A made-up old format: the question sat at the top level as ``vraag``."""
    document["story"] = {"question": document.pop("vraag")}
    return document


FAKE = {"0.9": ("1.0", _from_0_9)}


def _old():
    data = household()
    del data["story"]
    data["schema_version"] = "0.9"
    data["vraag"] = "Wij hebben schulden."
    return data


def test_old_document_is_upgraded():
    old = _old()
    new = migrate_intake(old, migrations=FAKE)
    assert new["schema_version"] == SCHEMA_VERSION
    assert new["story"] == {"question": "Wij hebben schulden."}
    assert "vraag" not in new
    assert old["schema_version"] == "0.9", "the input is left alone"
    assert contract.validate_intake(new, today=TODAY) == []


def test_steps_are_chained():
    steps = {"0.8": ("0.9", lambda d: {**d, "vraag": d.pop("question_text")}), **FAKE}
    old = _old()
    old["schema_version"] = "0.8"
    old["question_text"] = old.pop("vraag")
    assert migrate_intake(old, migrations=steps)["story"]["question"] == "Wij hebben schulden."


def test_current_document_is_returned_as_a_copy():
    data = household()
    migrated = migrate_intake(data)
    assert migrated == data and migrated is not data


def test_unknown_version_without_a_step():
    with pytest.raises(MigrationError, match=r"unknown schema_version 0\.9") as caught:
        migrate_intake(_old())
    assert caught.value.version == "0.9"


def test_newer_version_is_refused():
    data = household()
    data["schema_version"] = "1.1"
    with pytest.raises(MigrationError, match="newer"):
        migrate_intake(data, migrations={"1.1": ("1.0", lambda d: d)})


@pytest.mark.parametrize("version", [None, 1.0])
def test_document_without_a_string_version(version):
    data = household()
    data["schema_version"] = version
    with pytest.raises(MigrationError, match="no schema_version"):
        migrate_intake(data)


def test_a_loop_is_refused():
    loop = {"0.8": ("0.9", lambda d: d), "0.9": ("0.8", lambda d: d)}
    data = household()
    data["schema_version"] = "0.8"
    with pytest.raises(MigrationError, match="loop"):
        migrate_intake(data, migrations=loop)


def test_register_migration_fills_the_registry(monkeypatch):
    monkeypatch.setattr(contract, "MIGRATIONS", {})
    contract.register_migration("0.9", "1.0")(_from_0_9)
    assert migrate_intake(_old())["story"]["question"] == "Wij hebben schulden."
    with pytest.raises(ValueError, match="already exists"):
        contract.register_migration("0.9", "1.0")(_from_0_9)


def test_check_intake_migrates_normalises_and_validates(monkeypatch):
    monkeypatch.setattr(contract, "MIGRATIONS", dict(FAKE))
    old = _old()
    old["address"]["postcode"] = "2741 ab"
    document, issues = check_intake(old, today=TODAY)
    assert issues == []
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["address"]["postcode"] == "2741AB"


def test_check_intake_turns_a_migration_error_into_an_issue():
    data = household()
    data["schema_version"] = "3.0"
    _, issues = check_intake(data, today=TODAY)
    assert [i.code for i in issues] == ["schema_version_unsupported"]
