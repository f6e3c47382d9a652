"""The `regimes:` and `deadlines:` sections: who can help, and the statutory terms."""

from __future__ import annotations

from .. import model as m
from .checker import ID, Checker
from .parameters import PARAM_STATUS

DEADLINE_UNITS = ("days", "working_days", "weeks", "months")
DEADLINE_STARTS = ("melding", "aanvraag", "request", "report", "eerste_gesprek", "immediately")


def read_regimes(check: Checker, raw) -> dict[str, m.Regime]:
    out: dict[str, m.Regime] = {}
    if not isinstance(raw, dict) or not raw:
        check.err("regimes moet minstens één regime noemen")
        return out
    for rid, spec in raw.items():
        where = f"regime {rid}"
        if not isinstance(rid, str) or not ID.match(rid):
            check.err("een regime-id bestaat uit kleine letters, cijfers en _", where=where)
        if not check.keys(spec, {"name", "kind", "body"}, {"name", "kind"}, where=where):
            continue
        name = check.text(spec.get("name"), "name", where=where)
        kind = check.choice(spec.get("kind"), ("municipal", "referral"), "soort", where=where)
        body = check.text(spec["body"], "body", where=where) if spec.get("body") else None
        if name and kind:
            out[rid] = m.Regime(rid, name, kind, body)
    return out


def read_deadlines(check: Checker, raw) -> dict[str, m.DeadlineRule]:
    out: dict[str, m.DeadlineRule] = {}
    if not isinstance(raw, dict):
        check.err("deadlines moet een lijst van sleutels zijn")
        return out
    fields = {"length", "unit", "starts", "law_article", "description"}
    for did, spec in raw.items():
        where = f"termijn {did}"
        if not check.keys(spec, fields | {"status"}, fields, where=where):
            continue
        status = check.choice(spec.get("status", "verified"), PARAM_STATUS, "status", where=where)
        length = spec.get("length")
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            check.err("length moet een heel getal van 0 of meer zijn", where=where)
            length = None
        unit = check.choice(spec.get("unit"), DEADLINE_UNITS, "eenheid", where=where)
        starts = check.choice(spec.get("starts"), DEADLINE_STARTS, "start", where=where)
        law = check.string(spec.get("law_article"), "law_article", where=where)
        desc = check.text(spec.get("description"), "description", where=where)
        if None not in (length, unit, starts, law, desc, status):
            out[did] = m.DeadlineRule(did, length, unit, starts, law, desc, status)
    return out
