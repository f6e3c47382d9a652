"""Insight fixtures: the households' world (teams, contact persons, a lead), a policy officer,
and draft verordeningen made from the live one with one parameter changed."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.households.conftest import (  # noqa: F401  (fixtures)
    app,
    family,
    make_team,
    submit,
    world,
)
from tests.staff.conftest import clock, login, make_staff, text  # noqa: F401

DATA = Path(__file__).resolve().parents[2] / "verordening" / "data"
PARAMETER = "minima_inkomensgrens_percentage"


def _changed(source: str, value: int) -> str:
    """The live text with the income limit for the minima schemes set to `value` percent (the
    family of docs/examples earns 107 % of the norm: at 100 % it loses the kindpakket)."""
    changed, n = re.subn(
        rf"({PARAMETER}:.*?\n\s+\d{{4}}-\d{{2}}-\d{{2}}: (?:\{{value: )?)120\b",
        rf"\g<1>{value}",
        source,
        count=1,
        flags=re.S,
    )
    return changed if n else source


def draft_files(value: int = 100) -> dict[str, bytes]:
    """Every file of the live verordening (relative name -> bytes), the parameter changed."""
    files = {}
    for path in sorted(p for p in DATA.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        text_ = raw.decode("utf-8")
        if PARAMETER in text_:
            raw = _changed(text_, value).encode("utf-8")
        files[str(path.relative_to(DATA))] = raw
    assert any(PARAMETER in v.decode() and f": {value}" in v.decode() for v in files.values())
    return files


def draft_upload(value: int = 100) -> tuple[str, bytes]:
    """(file name, content): the single YAML file where the verordening is one file, else a zip
    of its folder (one file per parameter, issue #16)."""
    files = draft_files(value)
    if len(files) == 1:
        name, content = next(iter(files.items()))
        return "concept-" + name, content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return "concept.zip", buffer.getvalue()


@pytest.fixture
def officer(app):  # noqa: F811
    return make_staff(app, "beleid@test.example", "policy_officer")


def as_(app, account, clock):  # noqa: F811
    client = app.test_client()
    login(client, account, clock)
    return client


@pytest.fixture(autouse=True)
def no_embedded_worker(app):  # noqa: F811
    """Tests run the what-if themselves (`whatif.run_due()`), or switch the thread on."""
    app.config["INSIGHT_EMBEDDED_WORKER"] = False
    yield
