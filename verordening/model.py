"""The loaded verordening: plain, immutable-by-convention objects built once by the loader."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .compiler import Condition, DerivedFact


@dataclass(frozen=True, slots=True)
class Text:
    """A bilingual text; Dutch (B1) is the source language."""

    nl: str
    en: str
    # to_dict() result, built once: texts from the file and the schema recur in every output
    # (which is why to_dict() results are read-only)
    _dict: dict | None = field(default=None, compare=False, repr=False)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def to_dict(self) -> dict:
        d = self._dict
        if d is None:
            d = {"nl": self.nl, "en": self.en}
            object.__setattr__(self, "_dict", d)
        return d


@dataclass(frozen=True, slots=True)
class Regime:
    id: str
    name: Text
    kind: str  # municipal | referral
    body: Text | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name.to_dict(),
            "kind": self.kind,
            "body": self.body.to_dict() if self.body else None,
        }


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    id: str
    length: int
    unit: str  # days | working_days | weeks | months
    starts: str  # melding | aanvraag | request | report | eerste_gesprek | immediately
    law_article: str
    description: Text
    # verified | secondary | not_verified: as for parameters, a term we could not check against
    # the law text says so in the data and on the rules page
    status: str = "verified"

    @property
    def immediate(self) -> bool:
        """A term of 0 days is "onverwijld" (without delay), never "0 dagen"."""
        return self.length == 0

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "length": self.length,
            "unit": self.unit,
            "starts": self.starts,
            "law_article": self.law_article,
            "description": self.description.to_dict(),
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: Text
    unit: str
    reference: str
    status: str  # of every value that does not carry its own
    values: tuple[tuple[date, object], ...]  # sorted by start date
    # start date -> (status, source) for values checked apart from the rest (a norm read in the
    # law text of 1 January 2026 while an older one is known only from a secondary source)
    value_sources: dict = field(default_factory=dict)

    def value_on(self, as_of: date):
        """The value whose start date is the latest one on or before as_of (None before any)."""
        i = bisect_right([start for start, _ in self.values], as_of)
        return self.values[i - 1][1] if i else None

    def status_on(self, as_of: date | None) -> tuple[str, str]:
        """(status, source) of the value in force on as_of; the parameter's own without one."""
        i = bisect_right([start for start, _ in self.values], as_of) if as_of else 0
        start = self.values[i - 1][0] if i else None
        return self.value_sources.get(start, (self.status, self.reference))


@dataclass(frozen=True, slots=True)
class Provision:
    id: str
    name: Text


@dataclass(frozen=True, slots=True)
class OmgekeerdeToets:
    desired_effect: Text
    law_purpose: Text
    weighing: Text

    def to_dict(self) -> dict:
        return {
            "desired_effect": self.desired_effect.to_dict(),
            "law_purpose": self.law_purpose.to_dict(),
            "weighing": self.weighing.to_dict(),
        }


@dataclass(eq=False, slots=True, weakref_slot=True)
class Rule:
    id: str
    article_number: str
    article_title: str
    regime: Regime
    provision: Provision
    kind: str
    life_domain: str
    scope: str
    when: Condition
    law_article: str
    urgency: str
    urgent_when: Condition | None
    deadline: DeadlineRule | None
    decision: str
    omgekeerde_toets: OmgekeerdeToets | None
    evidence: tuple[Text, ...]
    explanation: Text
    excludes: tuple[str, ...]
    # the term that applies when the outcome is urgent (e.g. Wmo 2.3.3 "onverwijld" instead of
    # the normal 6 weeks); None: the normal term applies either way
    urgent_deadline: DeadlineRule | None = None
    # answers the municipality checks itself (e.g. assets from bank statements): while only
    # these are unknown the outcome is "possible: apply, the gemeente checks X", never hidden
    municipality_checks: tuple[str, ...] = ()
    # accompanies other help (e.g. cliëntondersteuning): an outcome, but not a life domain of
    # its own for triage
    supporting: bool = False
    # `{fact}` placeholders in the explanation, compiled: ((placeholder text, Condition), ...);
    # the resident reads the value on the peildatum, e.g. the date a 17-year-old turns 18
    explanation_fields: tuple = ()
    # what the help is worth per month, when the verordening has a basis for it (bijstand: the
    # social minimum minus the income); a number expression, None for help without an amount
    estimate_per_month: Condition | None = None
    order: int = 0  # position in the file (rules of both scopes); keeps outputs in file order
    static: dict | None = field(default=None, repr=False)  # to_dict parts, built on first use


@dataclass(slots=True)
class Article:
    number: str
    title: str
    summary: Text | None
    text: str | None
    law_articles: tuple[str, ...]
    rules: tuple[Rule, ...]


@dataclass(slots=True)
class WhereElse:
    name: Text
    contact: Text

    def to_dict(self) -> dict:
        return {"name": self.name.to_dict(), "contact": self.contact.to_dict()}


@dataclass(slots=True, frozen=True)
class IntegratedBudget:
    """The verordening lets one household have one budget for the provisions of several regimes
    (Meppel's gezinsbudget, the integrated pgb of Delft and Woerden): `integrated_budget` in the
    file (docs/verordening-format.md). Absent: one budget line per provision."""

    name: Text
    regimes: tuple[str, ...]
    reference: str  # the verordening article or other source that allows it
    status: str  # verified | secondary | not_verified
    note: str | None = None


@dataclass(slots=True)
class NothingApplies:
    explanation: Text
    where_else: tuple[WhereElse, ...]

    def to_dict(self) -> dict:
        return {
            "explanation": self.explanation.to_dict(),
            "where_else": [w.to_dict() for w in self.where_else],
        }


@dataclass(eq=False)
class Verordening:
    path: Path
    content_hash: str
    id: str
    title: str
    municipality: str
    valid_from: date
    valid_to: date | None
    source_url: str | None
    legal_basis: tuple[str, ...]
    regimes: dict[str, Regime]
    deadlines: dict[str, DeadlineRule]
    parameters: dict[str, Parameter]
    derived: tuple[DerivedFact, ...]  # in evaluation order
    articles: tuple[Article, ...]
    nothing_applies: NothingApplies
    multi_domain_min_life_domains: int
    # the questions asked before any other (danger, a roof tonight, ...), most urgent first
    safety_questions: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()
    rules_by_id: dict[str, Rule] = field(default_factory=dict)
    # one budget for several regimes, when the verordening allows it (None: it does not)
    integrated_budget: IntegratedBudget | None = None
    # filled by the engine on first use (rules per scope, keymaps, templates per peildatum)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def stem(self) -> str:
        return self.path.stem

    def covers(self, as_of: date) -> bool:
        return self.valid_from <= as_of and (self.valid_to is None or as_of < self.valid_to)
