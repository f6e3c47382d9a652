"""The fact catalogue: every fact a condition may name, read from forms/intake.schema.json.

The intake schema is the contract; the engine never keeps its own list of answers. Each fact has
a type (for load-time checks), its allowed values (for enum literals) and its nl/en label (for
explanations a resident can read).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "forms" / "intake.schema.json"

# Answers about a member that conditions may use directly; names, BSN and contact details are
# deliberately not facts, so no rule can ever depend on who someone is.
MEMBER_SCALARS = ("role", "relation", "birth_date")


@dataclass(frozen=True, slots=True)
class FactInfo:
    path: str
    type: str  # bool | number | string
    scope: str  # member | household
    label_nl: str
    label_en: str
    enum: tuple | None = None
    unit: str | None = None
    builtin: bool = False  # computed by the engine, not answered directly
    enum_labels: dict | None = None  # value -> {"nl": ..., "en": ...} when the schema has them
    # a yes said back to the resident in their own words ("U voelt zich eenzaam"), where the
    # label is a note about someone ("Voelt zich eenzaam"): {"nl": ..., "en": ...}
    said: dict | None = None


def _type_of(prop: dict) -> tuple[str, tuple | None]:
    if "enum" in prop:
        return "string", tuple(v for v in prop["enum"] if v is not None)
    types = prop.get("type", [])
    types = [types] if isinstance(types, str) else types
    for name, kind in (("boolean", "bool"), ("number", "number"), ("integer", "number")):
        if name in types:
            return kind, None
    return "string", None


def _enum_labels(prop: dict) -> dict | None:
    nl = prop.get("x-enum-titles")
    en = prop.get("x-enum-titles-en")
    if not isinstance(nl, dict):
        return None
    en = en if isinstance(en, dict) else {}
    return {k: {"nl": v, "en": en.get(k, v)} for k, v in nl.items()}


def _fact(path: str, scope: str, prop: dict, builtin: bool = False) -> FactInfo:
    kind, enum = _type_of(prop)
    return FactInfo(
        path=path,
        type=kind,
        scope=scope,
        label_nl=prop.get("title", path),
        label_en=prop.get("x-title-en", prop.get("title", path)),
        enum=enum,
        unit=prop.get("x-unit"),
        builtin=builtin,
        enum_labels=_enum_labels(prop),
        said={"nl": prop["x-said"], "en": prop.get("x-said-en", prop["x-said"])}
        if "x-said" in prop
        else None,
    )


def _domains(props: dict, prefix: str, scope: str, out: dict[str, FactInfo]) -> dict:
    """Add every <prefix>.<domain>.<fact>; return {domain: {field: path}} for flattening."""
    keymap: dict[str, dict[str, str]] = {}
    for domain, sub in props.items():
        if not isinstance(sub, dict) or "properties" not in sub:
            continue
        keymap[domain] = {}
        for field, prop in sub["properties"].items():
            path = f"{prefix}.{domain}.{field}"
            out[path] = _fact(path, scope, prop)
            keymap[domain][field] = path
    return keymap


@dataclass(frozen=True)
class Catalogue:
    facts: dict[str, FactInfo]
    member_keymap: dict[str, dict[str, str]]
    household_keymap: dict[str, dict[str, str]]

    def label(self, path: str, lang: str) -> str:
        info = self.facts.get(path)
        if info is None:
            return path
        return info.label_en if lang == "en" else info.label_nl


def build_catalogue(schema: dict) -> Catalogue:
    facts: dict[str, FactInfo] = {}
    member_props = schema["$defs"]["member"]["properties"]
    member_keymap = _domains(member_props, "member", "member", facts)
    for name in MEMBER_SCALARS:
        facts[f"member.{name}"] = _fact(f"member.{name}", "member", member_props[name])
    household_props = schema["properties"]["household"]["properties"]
    household_keymap = _domains(household_props, "household", "household", facts)

    def builtin(path, scope, kind, nl, en, unit=None, enum=None):
        facts[path] = FactInfo(path, kind, scope, nl, en, enum, unit, builtin=True)

    builtin("member.age", "member", "number", "Leeftijd", "Age", unit="years")
    builtin(
        "member.age_before_this_month",
        "member",
        "number",
        "Leeftijd aan het eind van vorige maand",
        "Age at the end of last month",
        unit="years",
    )
    # For texts ("als je 18 wordt, op 4 maart 2027"): meerderjarig at 18 (BW 1:233)
    builtin(
        "member.eighteenth_birthday",
        "member",
        "string",
        "Datum waarop iemand 18 wordt",
        "Date of turning 18",
        unit="date",
    )
    builtin("member.is_applicant", "member", "bool", "Is de aanvrager", "Is the applicant")
    builtin(
        "household.size",
        "household",
        "number",
        "Aantal personen in het huishouden",
        "Number of people in the household",
    )
    builtin(
        "household.adults",
        "household",
        "number",
        "Aantal volwassenen (18 jaar of ouder)",
        "Number of adults (18 or older)",
    )
    builtin(
        "household.children_under_18",
        "household",
        "number",
        "Aantal kinderen onder de 18",
        "Number of children under 18",
    )
    builtin("household.has_partner", "household", "bool", "Heeft een partner", "Has a partner")
    address = schema["properties"].get("address", {}).get("properties", {})
    nfa = address.get("no_fixed_address", {"title": "Heeft geen vast adres"})
    facts["household.no_fixed_address"] = _fact(
        "household.no_fixed_address", "household", nfa, builtin=True
    )
    channel = schema["properties"].get("channel", {"title": "Kanaal"})
    facts["household.channel"] = _fact("household.channel", "household", channel, builtin=True)
    return Catalogue(facts, member_keymap, household_keymap)


@lru_cache(maxsize=4)
def load_catalogue(path: str | None = None) -> Catalogue:
    schema_path = Path(path) if path else SCHEMA_PATH
    with schema_path.open(encoding="utf-8") as fh:
        return build_catalogue(json.load(fh))
