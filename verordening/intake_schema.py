"""The engine's catalogue: the answered facts of ``catalogue.facts`` and the facts it computes.

The intake schema is the contract; the engine never keeps its own list of answers, nor reads the
schema itself: ``catalogue.facts`` reads it once for the engine, the contract and the portal.
Here the engine adds what it computes (age, household size, ...) and the keymaps it flattens an
intake with. Each fact has a type (for load-time checks), its allowed values (for enum literals)
and its nl/en title (for explanations a resident can read).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from catalogue.facts import Fact, answered_facts, schema_fact
from catalogue.schema import SCHEMA_PATH, load_schema

__all__ = ["SCHEMA_PATH", "Catalogue", "Fact", "build_catalogue", "engine_type", "load_catalogue"]

#: A fact's type in the compiler's words (conditions know ja/nee, getal and tekst).
_ENGINE_TYPES = {"boolean": "bool", "number": "number"}


def engine_type(fact: Fact) -> str:
    """ "bool", "number" or "string" (an enum, a date and a text are all compared as text)."""
    return _ENGINE_TYPES.get(fact.type, "string")


@dataclass(frozen=True)
class Catalogue:
    facts: dict[str, Fact]
    member_keymap: dict[str, dict[str, str]]  # {domain: {field: path}}, for flattening
    household_keymap: dict[str, dict[str, str]]

    def label(self, path: str, lang: str) -> str:
        fact = self.facts.get(path)
        return path if fact is None else fact.title(lang)


def _builtin(path: str, kind: str, nl: str, en: str, unit: str | None = None) -> Fact:
    scope, name = path.split(".")
    return Fact(path, scope, None, name, kind, nl, en, unit=unit, builtin=True)


#: Computed by the engine from the members' answers, never asked.
_BUILTINS = (
    _builtin("member.age", "number", "Leeftijd", "Age", unit="years"),
    _builtin(
        "member.age_before_this_month",
        "number",
        "Leeftijd aan het eind van vorige maand",
        "Age at the end of last month",
        unit="years",
    ),
    # For texts ("als je 18 wordt, op 4 maart 2027"): meerderjarig at 18 (BW 1:233)
    _builtin(
        "member.eighteenth_birthday",
        "string",
        "Datum waarop iemand 18 wordt",
        "Date of turning 18",
        unit="date",
    ),
    _builtin("member.is_applicant", "boolean", "Is de aanvrager", "Is the applicant"),
    _builtin(
        "household.size",
        "number",
        "Aantal personen in het huishouden",
        "Number of people in the household",
    ),
    _builtin(
        "household.adults",
        "number",
        "Aantal volwassenen (18 jaar of ouder)",
        "Number of adults (18 or older)",
    ),
    _builtin(
        "household.children_under_18",
        "number",
        "Aantal kinderen onder de 18",
        "Number of children under 18",
    ),
    _builtin("household.has_partner", "boolean", "Heeft een partner", "Has a partner"),
)


def build_catalogue(facts: tuple[Fact, ...], schema: dict) -> Catalogue:
    """The answered ``facts`` (from ``catalogue.facts``) with the engine's own."""
    by_path: dict[str, Fact] = {}
    keymaps: dict[str, dict[str, dict[str, str]]] = {"member": {}, "household": {}}
    # member domains, then a member's identity, then household domains, then the computed
    # ones: the order the engine has always listed them in
    ordered = sorted(facts, key=lambda f: (f.scope != "member", f.domain is None))
    for fact in ordered:
        by_path[fact.path] = fact
        if fact.domain is not None:
            keymaps[fact.scope].setdefault(fact.domain, {})[fact.name] = fact.path
    for fact in _BUILTINS:
        by_path[fact.path] = fact
    address = schema["properties"].get("address", {}).get("properties", {})
    nfa = address.get("no_fixed_address", {"title": "Heeft geen vast adres"})
    by_path["household.no_fixed_address"] = schema_fact(
        "household.no_fixed_address", nfa, builtin=True
    )
    channel = schema["properties"].get("channel", {"title": "Kanaal"})
    by_path["household.channel"] = schema_fact("household.channel", channel, builtin=True)
    return Catalogue(by_path, keymaps["member"], keymaps["household"])


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    return build_catalogue(answered_facts(), load_schema())
