"""Parameters shared by every version (parameters/*.yaml beside the version files, issue #16).

A version file names parameters and copies no history; each dated value carries its own status
and source; the loader still reports every error of every file in one run, with file and place.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
import yaml

from verordening import VerordeningError
from verordening.loader import load_all, load_file

D2025, D2026, D2027 = dt.date(2025, 1, 1), dt.date(2026, 1, 1), dt.date(2027, 1, 1)


def _dump(path: Path, doc) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _shared(spec: dict) -> dict:
    """An inline parameter as a shared one: the status and source on every value."""
    spec = copy.deepcopy(spec)
    status, reference = spec.pop("status"), spec["reference"]
    spec["values"] = {
        start: {"value": value, "status": status, "source": reference}
        for start, value in spec["values"].items()
    }
    return spec


@pytest.fixture
def folder(tmp_path, base_doc):
    """The fixture verordening as a folder: the version file without parameters, and its
    parameters in parameters/alles.yaml."""
    version = copy.deepcopy(base_doc)
    parameters = {name: _shared(spec) for name, spec in version.pop("parameters").items()}
    _dump(tmp_path / "v2025.yaml", version)
    _dump(tmp_path / "parameters" / "alles.yaml", parameters)
    return tmp_path


def _change(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text("utf-8"))
    change(doc)
    _dump(path, doc)


def _errors(path: Path) -> list[str]:
    with pytest.raises(VerordeningError) as info:
        load_all(path)
    return info.value.errors


def test_a_version_reads_the_shared_parameters(folder, base_doc):
    (v,) = load_all(folder)
    inline = load_file(_dump(folder / "inline" / "x.yaml", base_doc))
    assert {n: p.values for n, p in v.parameters.items()} == {
        n: p.values for n, p in inline.parameters.items()
    }
    norm = v.parameters["bijstandsnorm_alleenstaande"]
    assert norm.status_on(D2026) == ("not_verified", "test")
    assert load_file(folder / "v2025.yaml").parameters.keys() == v.parameters.keys()


def test_a_2027_version_copies_no_history(folder):
    """The new version names the parameters; the new value is one dated line in their file."""
    _change(folder / "v2025.yaml", lambda d: d.update(valid_to=D2027))
    version = yaml.safe_load((folder / "v2025.yaml").read_text("utf-8"))
    version.update(valid_from=D2027, valid_to=None, title="Verordening 2027")
    _dump(folder / "v2027.yaml", version)
    new_value = {"value": 1500, "status": "verified", "source": "Pw art. 21, tekst 2027"}
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d["bijstandsnorm_alleenstaande"]["values"].update({D2027: new_value}),
    )
    v2025, v2027 = load_all(folder)
    assert "parameters" not in version
    assert v2025.parameters["bijstandsnorm_alleenstaande"].value_on(D2026) == 1400
    assert v2027.parameters["bijstandsnorm_alleenstaande"].value_on(D2027) == 1500
    assert v2027.parameters["bijstandsnorm_alleenstaande"].status_on(D2027) == (
        "verified",
        "Pw art. 21, tekst 2027",
    )


def test_every_value_in_a_shared_file_has_its_status_and_source(folder):
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d["verzuim_uren"]["values"].update({D2025: 16}),
    )
    (error,) = _errors(folder)
    assert "alles.yaml: parameter verzuim_uren: de waarde op 2025-01-01 heeft geen status" in error


def test_a_shared_parameter_has_no_status_of_its_own(folder):
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d["verzuim_uren"].update(status="verified"),
    )
    (error,) = _errors(folder)
    assert "alles.yaml: parameter verzuim_uren: onbekende sleutel 'status'" in error


def test_a_parameter_lives_in_one_place(folder, base_doc):
    spec = _shared(base_doc["parameters"]["verzuim_uren"])
    _dump(folder / "parameters" / "school.yaml", {"verzuim_uren": spec})
    _change(
        folder / "v2025.yaml",
        lambda d: d.update(
            parameters={"meerderjarig_leeftijd": base_doc["parameters"]["meerderjarig_leeftijd"]}
        ),
    )
    errors = _errors(folder)
    assert any("school.yaml: parameter verzuim_uren: staat al in" in e for e in errors)
    assert any(
        "v2025.yaml: parameter meerderjarig_leeftijd: staat al in" in e and "alles.yaml" in e
        for e in errors
    )


def test_a_parameter_a_version_names_must_have_a_value_on_its_first_day(folder):
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d["verzuim_uren"].update(
            values={D2026: {"value": 16, "status": "verified", "source": "x"}}
        ),
    )
    (error,) = _errors(folder)
    assert "v2025.yaml: parameter verzuim_uren: geen waarde op valid_from 2025-01-01" in error
    assert "(eerste waarde 2026-01-01 in" in error and "alles.yaml" in error


def test_a_parameter_no_version_names_may_start_later(folder):
    later = {"value": 3, "status": "not_verified", "source": "nieuw in 2027"}
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d.update(nieuw_in_2027={**d["verzuim_uren"], "values": {D2027: later}}),
    )
    (v,) = load_all(folder)
    assert v.parameters["nieuw_in_2027"].value_on(D2026) is None


def test_every_error_of_every_file_in_one_run_each_once(folder):
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d["verzuim_uren"]["values"][D2025].update(status="checked"),
    )
    _change(folder / "v2025.yaml", lambda d: d.update(valid_to=D2027))
    second = yaml.safe_load((folder / "v2025.yaml").read_text("utf-8"))
    second.update(valid_from=D2027, valid_to=None, colour="red")
    _dump(folder / "v2027.yaml", second)
    errors = _errors(folder)
    shared = [e for e in errors if "alles.yaml" in e]
    assert len(shared) == 1 and "onbekende status op 2025-01-01 'checked'" in shared[0]
    assert any("v2027.yaml: onbekende sleutel 'colour'" in e for e in errors)


def test_the_version_hash_covers_its_parameters(folder):
    before = load_file(folder / "v2025.yaml").content_hash
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d["verzuim_uren"]["values"][D2025].update(value=15),
    )
    assert load_file(folder / "v2025.yaml").content_hash != before


def test_the_diff_names_a_value_read_in_the_law_since(folder):
    """Same values, one now verified: the policy officer sees it per value."""
    from verordening.diff import file_changes

    old = load_file(folder / "v2025.yaml")
    _change(
        folder / "parameters" / "alles.yaml",
        lambda d: d["bijstandsnorm_alleenstaande"]["values"][D2026].update(
            status="verified", source="Pw art. 21, tekst 2026"
        ),
    )
    new = load_file(folder / "v2025.yaml")
    (change,) = [c for c in file_changes(old, new) if c.field == "status per waarde"]
    assert change.what == "parameter bijstandsnorm_alleenstaande"
    assert "2026-01-01: not_verified (test)" in change.old
    assert "2026-01-01: verified (Pw art. 21, tekst 2026)" in change.new
