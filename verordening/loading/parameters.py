"""Parameters: amounts, ages and limits, each with dated values.

They live in the folder ``parameters/`` beside the version files, one file per group, shared by
every version (as OpenFisca keeps its parameters): a new version of the verordening names them
and a new dated value is added there, no history is copied. Each dated value carries its own
status and source there. A version file may still have a ``parameters:`` section of its own
(a small verordening in one file, the tests' fixtures); a name may not be in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import model as m
from ..compiler import type_of_value
from ..yamlio import safe_load_yaml
from .checker import Checker, display_path

PARAM_STATUS = ("verified", "secondary", "not_verified")
#: the folder beside the version files that holds the shared parameters
SHARED_FOLDER = "parameters"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class SharedParameters:
    """The parameters of ``parameters/*.yaml``, read once for every version in the folder."""

    parameters: dict[str, tuple[m.Parameter, str]] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # parameter name -> its file
    errors: list[str] = field(default_factory=list)
    #: names with an error in their file: known, so a version naming them gets no second error
    broken: set[str] = field(default_factory=set)
    contents: list[tuple[str, bytes]] = field(default_factory=list)  # (file name, bytes)


def read_shared_parameters(folder: Path) -> SharedParameters:
    """Every file of ``folder`` (none when it does not exist); all errors of all files kept."""
    shared = SharedParameters()
    if not folder.is_dir():
        return shared
    for path in sorted(p for p in folder.glob("*.yaml") if p.is_file()):
        check = Checker(path)
        raw = path.read_bytes()
        shared.contents.append((path.name, raw))
        try:
            doc = safe_load_yaml(raw)
        except yaml.YAMLError as exc:
            shared.errors.append(f"{check.name}: geen geldige YAML: {exc}")
            continue
        read = read_parameters(check, doc or {}, None, shared=True)
        if isinstance(doc, dict):
            shared.broken |= {name for name in doc if isinstance(name, str)} - read.keys()
        for name, found in read.items():
            if name in shared.parameters:
                check.err(
                    f"staat al in {display_path(shared.files[name])}; een parameter staat op "
                    "één plek",
                    where=f"parameter {name}",
                )
                continue
            shared.parameters[name] = found
            shared.files[name] = path
        shared.errors.extend(check.errors)
    return shared


def _weakest(statuses) -> str:
    """The least checked of the statuses: a parameter is as verified as its weakest value."""
    return max(statuses, key=PARAM_STATUS.index, default="not_verified")


def read_parameters(
    check: Checker, raw, valid_from, *, shared: bool = False
) -> dict[str, tuple[m.Parameter, str]]:
    """A file's parameters. ``shared``: a file of ``parameters/``, where every dated value has
    its own status and source, and there is no ``status`` for the whole parameter."""
    out: dict[str, tuple[m.Parameter, str]] = {}
    if not isinstance(raw, dict):
        check.err("parameters moet een lijst van sleutels zijn")
        return out
    fields = {"description", "unit", "reference", "values"} | (set() if shared else {"status"})
    for name, spec in raw.items():
        where = f"parameter {name}"
        if not isinstance(name, str) or not _NAME.match(name):
            check.err("een parameternaam bestaat uit letters, cijfers en _", where=where)
            continue
        if not check.keys(spec, fields, fields, where=where):
            continue
        desc = check.text(spec.get("description"), "description", where=where)
        unit = check.string(spec.get("unit"), "unit", where=where)
        ref = check.string(spec.get("reference"), "reference", where=where)
        status = (
            "verified"  # replaced by the weakest status of the values below
            if shared
            else check.choice(spec.get("status"), PARAM_STATUS, "status", where=where)
        )
        values = spec.get("values")
        if not isinstance(values, dict) or not values:
            check.err("values moet minstens één datum: waarde bevatten", where=where)
            continue
        dated, types, sources = [], set(), {}
        for start, value in values.items():
            day = check.date(start, "startdatum", where=where)
            if shared and not isinstance(value, dict):
                check.err(
                    f"de waarde op {start} heeft geen status en bron: schrijf "
                    "{value: ..., status: ..., source: ...}",
                    where=where,
                )
                continue
            if isinstance(value, dict):  # {value: .., status: .., source: ..}
                checked = _dated_source(check, value, start, where)
                if checked is None:
                    continue
                value, sources[day] = checked
            vtype = type_of_value(value)
            if vtype in ("null", "any"):
                check.err(
                    f"waarde {value!r} op {start} is geen getal, ja/nee, tekst of lijst",
                    where=where,
                )
                continue
            types.add(vtype)
            if day:
                dated.append((day, tuple(value) if isinstance(value, list) else value))
        if len(types) > 1:
            check.err("alle waarden moeten van hetzelfde soort zijn", where=where)
        dated.sort(key=lambda x: x[0])
        if len({d for d, _ in dated}) != len(dated):
            check.err("dezelfde startdatum staat er twee keer", where=where)
        if dated and valid_from and dated[0][0] > valid_from:
            check.err(
                f"geen waarde op valid_from {valid_from} (eerste waarde {dated[0][0]})",
                where=where,
            )
        if shared and sources:
            status = _weakest(s for s, _ in sources.values())
        if None not in (desc, unit, ref, status) and dated and len(types) == 1:
            parameter = m.Parameter(name, desc, unit, ref, status, tuple(dated), sources)
            out[name] = (parameter, types.pop())
    return out


def _dated_source(check: Checker, raw: dict, start, where: str):
    """One value with its own status and source: (value, (status, source)) or None."""
    wanted = {"value", "status", "source"}
    check.keys(raw, wanted, wanted, where=where)  # reports what is missing or unknown
    if not wanted <= set(raw):
        return None
    status = check.choice(raw["status"], PARAM_STATUS, f"status op {start}", where=where)
    source = check.string(raw["source"], f"source op {start}", where=where)
    if None in (status, source):
        return None
    return raw["value"], (status, source)
