"""Every fact a resident can answer, read once from the intake schema.

The engine's conditions name these facts, the contract checks their values and the household
file shows them: one list, one ``Fact`` type. A fact is a member's identity answer (role,
relation, birth date) or an answer in a life domain (``member.mobility.uses_wheelchair``,
``household.debts.has_debts``). Names, BSN and contact details are deliberately not facts, so
no rule can depend on who someone is. The engine adds the facts it computes itself (age,
household size) in ``verordening/intake_schema.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from catalogue.schema import load_schema

#: Member properties that are facts too (the verordening format allows them in conditions).
MEMBER_IDENTITY_FACTS = ("role", "relation", "birth_date")


@dataclass(frozen=True)
class Fact:
    """One fact the engine can ask about and the form can ask for.

    ``type`` is one of "boolean", "number" (JSON Schema's integer too), "enum" (``values``
    holds the allowed answers, without null), "date" or "string".
    """

    path: str  # "member.mobility.uses_wheelchair", "household.debts.has_debts"
    scope: str  # "member" | "household"
    domain: str | None  # "mobility"; None for member.role, member.relation, member.birth_date
    name: str
    type: str
    title_nl: str
    title_en: str
    domain_title_nl: str | None = None
    domain_title_en: str | None = None
    unit: str | None = None
    values: tuple[str, ...] = ()
    #: value -> {"nl": ..., "en": ...} when the schema names an enum's answers
    value_titles: Mapping[str, Mapping[str, str]] | None = None
    #: a yes said back to the resident in their own words ("U voelt zich eenzaam"), where the
    #: title is a note about someone ("Voelt zich eenzaam"): {"nl": ..., "en": ...}
    said: Mapping[str, str] | None = None
    #: computed by the engine (age, household size), not answered in the form
    builtin: bool = False

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl


def fact_type(node: Mapping[str, Any]) -> str:
    """The type of a schema property, in the words of ``Fact.type``."""
    if "enum" in node:
        return "enum"
    if node.get("format") == "date":
        return "date"
    types = node.get("type", [])
    types = [types] if isinstance(types, str) else types
    for kind in ("boolean", "number", "string"):
        if kind in types:
            return kind
    return "number" if "integer" in types else "string"


def _value_titles(node: Mapping[str, Any]) -> dict | None:
    nl, en = node.get("x-enum-titles"), node.get("x-enum-titles-en")
    if not isinstance(nl, dict):
        return None
    en = en if isinstance(en, dict) else {}
    return {key: {"nl": text, "en": en.get(key, text)} for key, text in nl.items()}


def schema_fact(
    path: str,
    node: Mapping[str, Any],
    *,
    parent: Mapping[str, Any] | None = None,
    builtin: bool = False,
) -> Fact:
    """The fact at ``path`` ("member.mobility.uses_wheelchair") described by schema ``node``."""
    scope, *rest = path.split(".")
    title = node.get("title", path)
    return Fact(
        path=path,
        scope=scope,
        domain=rest[0] if len(rest) == 2 else None,
        name=rest[-1],
        type=fact_type(node),
        title_nl=title,
        title_en=node.get("x-title-en", title),
        domain_title_nl=parent.get("title") if parent else None,
        domain_title_en=parent.get("x-title-en") if parent else None,
        unit=node.get("x-unit"),
        values=tuple(v for v in node.get("enum", ()) if v is not None),
        value_titles=_value_titles(node),
        said={"nl": node["x-said"], "en": node.get("x-said-en", node["x-said"])}
        if "x-said" in node
        else None,
        builtin=builtin,
    )


def _domain_facts(scope: str, properties: Mapping[str, Any]) -> list[Fact]:
    facts = []
    for domain, node in properties.items():
        if not isinstance(node, Mapping) or "properties" not in node:
            continue
        for name, fact_node in node["properties"].items():
            facts.append(schema_fact(f"{scope}.{domain}.{name}", fact_node, parent=node))
    return facts


def read_facts(schema: Mapping[str, Any]) -> tuple[Fact, ...]:
    """The answered facts of ``schema``: a member's identity, then every member domain, then
    every household domain, each in schema order."""
    member = schema["$defs"]["member"]["properties"]
    identity = [schema_fact(f"member.{name}", member[name]) for name in MEMBER_IDENTITY_FACTS]
    household = schema["properties"]["household"]["properties"]
    return (*identity, *_domain_facts("member", member), *_domain_facts("household", household))


@lru_cache(maxsize=1)
def answered_facts() -> tuple[Fact, ...]:
    """The answered facts of the intake schema, read once."""
    return read_facts(load_schema())


def facts_catalogue() -> dict[str, Fact]:
    """Every answered fact by path, in schema order (a fresh dict per call)."""
    return {fact.path: fact for fact in answered_facts()}
