"""The `parameters:` section: amounts, ages and limits, each with dated values."""

from __future__ import annotations

import re

from .. import model as m
from ..compiler import type_of_value
from .checker import Checker

PARAM_STATUS = ("verified", "secondary", "not_verified")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def read_parameters(check: Checker, raw, valid_from) -> dict[str, tuple[m.Parameter, str]]:
    out: dict[str, tuple[m.Parameter, str]] = {}
    if not isinstance(raw, dict):
        check.err("parameters moet een lijst van sleutels zijn")
        return out
    fields = {"description", "unit", "reference", "status", "values"}
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
        status = check.choice(spec.get("status"), PARAM_STATUS, "status", where=where)
        values = spec.get("values")
        if not isinstance(values, dict) or not values:
            check.err("values moet minstens één datum: waarde bevatten", where=where)
            continue
        dated, types, sources = [], set(), {}
        for start, value in values.items():
            day = check.date(start, "startdatum", where=where)
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
