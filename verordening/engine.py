"""Evaluate an intake against a loaded verordening: outcomes per member, missing facts, triage.

The hot loop only calls each rule's compiled closure. Explanations (`because`) are built only for
rules that fired, and the "ask this" list only for rules that could not be decided.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain, compress, repeat
from operator import attrgetter, call, contains, eq, is_, itemgetter
from pathlib import Path

from . import facts as fx
from . import nodes as nd
from .compiler import _in
from .errors import VerordeningError
from .intake_schema import Catalogue, load_catalogue
from .loader import load_all
from .model import Rule, Text, Verordening
from .nodes import Trail
from .text import fill, value_text

OUTPUT_FORMAT = 1  # version of the to_dict() shape; bump on any incompatible change
DEFAULT_PATH = Path(__file__).resolve().parent / "data"
_TEMPLATE_CACHE_SIZE = 512


@dataclass(frozen=True, slots=True)
class Because:
    """One answer that made a rule fire."""

    path: str
    member_id: str | None
    label: Text
    value: object
    value_text: Text

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "member_id": self.member_id,
            "label": self.label.to_dict(),
            "value": self.value,
            "value_text": self.value_text.to_dict(),
        }


class Outcome:
    """One rule that applies to one member (or, with member_id None, to the household)."""

    __slots__ = (
        "_because",
        "_catalogue",
        "_explanation",
        "_facts",
        "_numbers",
        "member_id",
        "rule",
        "urgency",
        "urgency_unconfirmed",
    )

    def __init__(
        self,
        rule: Rule,
        member_id: str | None,
        urgency: str,
        facts: dict,
        catalogue: Catalogue,
        urgency_unconfirmed: bool = False,
    ):
        self.rule = rule
        self.member_id = member_id
        self.urgency = urgency
        # urgent only because the answer that decides it is missing: unknown urgency is urgent
        # until answered (issue #11), and the question is still asked
        self.urgency_unconfirmed = urgency_unconfirmed
        self._facts = facts  # the flat facts it fired on; read only, kept for `because`
        self._catalogue = catalogue
        self._because: tuple[Because, ...] | None = None
        self._explanation: Text | None = None
        self._numbers: tuple | None = None

    @property
    def numbers(self) -> tuple[tuple[str, object], ...]:
        """The numbers the rule worked with (issue #11: the trail shows them): parameters such
        as a norm or a limit, and derived numbers such as the income ratio, with their values
        on the peildatum. Built on first use, not in the hot loop."""
        if self._numbers is None:
            found: dict = {}
            _collect_numbers(self.rule.when.node, self._facts, found)
            self._numbers = tuple(found.items())
        return self._numbers

    @property
    def because(self) -> tuple[Because, ...]:
        """The answers that made the rule fire; built on first use, not in the hot loop."""
        if self._because is None:
            pairs: list = []
            self.rule.when.node.why(self._facts, pairs)
            self._because = _because(pairs, self._catalogue)
        return self._because

    def __repr__(self) -> str:
        return f"Outcome({self.rule.id!r}, member_id={self.member_id!r}, urgency={self.urgency!r})"

    # the static parts come straight from the rule, so building an outcome copies nothing
    @property
    def rule_id(self):
        return self.rule.id

    @property
    def regime(self):
        return self.rule.regime

    @property
    def provision(self):
        return self.rule.provision

    @property
    def kind(self):
        return self.rule.kind

    @property
    def life_domain(self):
        return self.rule.life_domain

    @property
    def law_article(self):
        return self.rule.law_article

    @property
    def deadline(self):
        """The urgent term (Wmo 2.3.3 "onverwijld", ...) when the outcome is urgent."""
        r = self.rule
        if self.urgency == "urgent" and r.urgent_deadline is not None:
            return r.urgent_deadline
        return r.deadline

    @property
    def decision(self):
        return self.rule.decision

    @property
    def article(self) -> dict:
        return {"number": self.rule.article_number, "title": self.rule.article_title}

    @property
    def evidence(self):
        return self.rule.evidence

    @property
    def omgekeerde_toets(self):
        return self.rule.omgekeerde_toets

    @property
    def explanation(self) -> Text:
        """The file's B1 text followed by the answers that triggered the rule."""
        text = self._explanation
        if text is None:
            text = self._explanation = self._explain()
        return text

    def _explain(self) -> Text:
        base = filled_explanation(self.rule, self._facts, self._catalogue)
        # what the resident said, not what they did not say: a "no" that a rule needs (no
        # bijstand yet, no eviction) is kept in `because` for staff, but listing it as a
        # reason ("U gaf aan: verhuurder zegt dat u het huis uit moet — nee") reads as if
        # they asked for it (issue #13)
        because = [b for b in self.because if b.value is not False and b.value is not None]
        if not because:
            return base
        nl, en = [], []
        for b in because:
            who = f" ({b.member_id})" if b.member_id and b.member_id != self.member_id else ""
            nl.append(f"{b.label.nl}{who} — {b.value_text.nl}")
            en.append(f"{b.label.en}{who} — {b.value_text.en}")
        return Text(
            f"{base.nl} U gaf aan: " + "; ".join(nl) + ".",
            f"{base.en} You told us: " + "; ".join(en) + ".",
        )

    def to_dict(self) -> dict:
        """JSON-ready; the nested parts that come from the file are shared between calls,
        so treat the result as read-only (or serialise it)."""
        r = self.rule
        static = _static(r)
        return {
            **_head(r, static, self.member_id),
            "urgency": self.urgency,
            "urgency_unconfirmed": self.urgency_unconfirmed,
            "deadline": static["urgent_deadline"]
            if self.urgency == "urgent" and r.urgent_deadline is not None
            else static["deadline"],
            "evidence": static["evidence"],
            "decision": r.decision,
            "omgekeerde_toets": static["omgekeerde_toets"],
            "explanation": self.explanation.to_dict(),
            "because": [b.to_dict() for b in self.because],
            "numbers": [{"name": name, "value": value} for name, value in self.numbers],
        }


def filled_explanation(rule: Rule, f: dict | None, catalogue: Catalogue | None) -> Text:
    """The rule's explanation with its `{fact}` placeholders valued on the fact dict `f`
    (dates as '1 maart 2027', amounts as on the page); without facts it stays as written."""
    base = rule.explanation
    if not rule.explanation_fields or f is None:
        return base
    facts = (catalogue or load_catalogue()).facts
    valued = [(name, facts.get(name), c.node.fn(f)) for name, c in rule.explanation_fields]
    nl, en = (
        fill(base.get(lang), {name: value_text(info, v, lang) for name, info, v in valued})
        for lang in ("nl", "en")
    )
    return Text(nl, en)


def _collect_numbers(node, f: dict, found: dict) -> None:
    """Parameters and derived numbers under `node`, valued on the fact dict `f`. Aggregates
    are not entered: their inner facts are per member, not of `f`."""
    if isinstance(node, (nd.Aggregate, nd.Count)):
        return
    if isinstance(node, nd.IfExp):  # only the branch that was taken
        test = node.test.fn(f)
        _collect_numbers(node.test, f, found)
        if test is not None:
            _collect_numbers(node.body if test else node.orelse, f, found)
        return
    if isinstance(node, nd.Param):
        value = f.get("param." + node.name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            found.setdefault("param." + node.name, value)
        return
    if isinstance(node, nd.Fact) and node.derived is not None:
        if node.type == "number":
            value = node.fn(f)
            if isinstance(value, (Decimal, float)):
                value = float(round(value, 4))  # JSON-ready; computed exactly, shown rounded
            if value is not None:
                found.setdefault(node.path, value)
        _collect_numbers(node.derived, f, found)
        return
    for child in node.children():
        _collect_numbers(child, f, found)


def _static(r: Rule) -> dict:
    static = r.static
    if static is None:
        static = r.static = _static_parts(r)
    return static


def _head(r: Rule, static: dict, member_id: str | None) -> dict:
    """The first keys of an outcome's or a possible outcome's dict: which rule, for whom."""
    return {
        "rule_id": r.id,
        "member_id": member_id,
        "regime": static["regime"],
        "provision": static["provision"],
        "kind": r.kind,
        "life_domain": r.life_domain,
        "article": static["article"],
        "law_article": r.law_article,
    }


def _static_parts(r: Rule) -> dict:
    """The parts of an outcome that depend only on the rule, built once per rule."""
    return {
        "regime": r.regime.to_dict(),
        "provision": {"id": r.provision.id, "name": r.provision.name.to_dict()},
        "article": {"number": r.article_number, "title": r.article_title},
        "deadline": r.deadline.to_dict() if r.deadline else None,
        "urgent_deadline": r.urgent_deadline.to_dict() if r.urgent_deadline else None,
        "evidence": [e.to_dict() for e in r.evidence],
        "omgekeerde_toets": r.omgekeerde_toets.to_dict() if r.omgekeerde_toets else None,
    }


@dataclass(slots=True)
class MissingFact:
    """An unanswered question that would let the engine decide one or more rules."""

    path: str
    member_id: str | None
    label: Text
    rules: list[str]

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "member_id": self.member_id,
            "label": self.label.to_dict(),
            "rules": list(self.rules),
        }


@dataclass(slots=True)
class Possible:
    """A rule that may apply: only answers the municipality checks itself are unknown (assets
    from bank statements, ...). Unknown answers never make help disappear: the resident is told
    to apply and what the gemeente will check (issue #11)."""

    rule: Rule
    member_id: str | None
    to_check: list[tuple[str, Text]]  # (fact path, question label)
    facts: dict | None = None  # the fact dict it was judged on (for `numbers`)

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def numbers(self) -> tuple[tuple[str, object], ...]:
        found: dict = {}
        if self.facts is not None:
            _collect_numbers(self.rule.when.node, self.facts, found)
        return tuple(found.items())

    def to_dict(self) -> dict:
        r = self.rule
        static = _static(r)
        return {
            **_head(r, static, self.member_id),
            "urgency": r.urgency,
            "deadline": static["deadline"],
            "explanation": filled_explanation(r, self.facts, None).to_dict(),
            "to_check": [{"path": p, "label": label.to_dict()} for p, label in self.to_check],
            "numbers": [{"name": name, "value": value} for name, value in self.numbers],
        }


# the first "ask this" list a person sees: at most this many safety questions, then the most
# decisive other questions up to the total (issue #11)
MAX_SAFETY_FIRST = 5
MAX_ASK_FIRST = 10


class Evaluation:
    def __init__(self, verordening, as_of, member_ids, member_roles, outcomes, pending, catalogue):
        self.verordening: Verordening = verordening
        self.as_of: date = as_of
        self.member_ids: list[str] = member_ids
        self._roles = member_roles
        self.outcomes: list[Outcome] = outcomes
        # what the hot loop left undecided, resolved into `_unknown` and `missing` on first use
        self._pending = pending
        self._unknown: tuple | None = None
        self._catalogue = catalogue
        self._missing: list[MissingFact] | None = None
        self._possible: list[Possible] | None = None
        self._household_facts = pending[3][0]

    @property
    def household(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.member_id is None]

    @property
    def members(self) -> dict[str, list[Outcome]]:
        """member id -> that member's outcomes, in the intake's member order."""
        out: dict[str, list[Outcome]] = {mid: [] for mid in self.member_ids}
        for o in self.outcomes:
            if o.member_id is not None:
                out.setdefault(o.member_id, []).append(o)
        return out

    @property
    def life_domains(self) -> list[str]:
        return sorted({o.rule.life_domain for o in self.outcomes})

    @property
    def triage(self) -> str:
        if not self.outcomes and not self.possible:
            # nothing fired: "nothing applies" only when the answers could not change that
            return "incomplete" if self.missing else "nothing_applies"
        if any(o.urgency == "urgent" for o in self.outcomes):
            return "urgent"
        # a supporting rule (cliëntondersteuning, ...) accompanies other help: no domain of its own
        domains = {o.rule.life_domain for o in self.outcomes if not o.rule.supporting}
        domains |= {p.rule.life_domain for p in self.possible if not p.rule.supporting}
        if len(domains) >= self.verordening.multi_domain_min_life_domains:
            return "multi_domain"
        return "single_question"

    @property
    def nothing_applies(self):
        if self.outcomes or self.possible or self.missing:
            return None  # something applies, or the open questions could still make it so
        return self.verordening.nothing_applies

    @property
    def unknown(self) -> tuple:
        """The undecided (rule, fact dict) pairs, in output order; resolved on first use."""
        if self._unknown is None:
            self._unknown = _resolve_unknown(*self._pending)
        return self._unknown

    @property
    def missing(self) -> list[MissingFact]:
        """The open questions, the most decisive first (the one that decides most rules)."""
        if self._missing is None:
            self._missing, self._possible = _missing_facts(*self.unknown, self._catalogue)
        return self._missing

    @property
    def possible(self) -> list[Possible]:
        if self._possible is None:
            self._missing, self._possible = _missing_facts(*self.unknown, self._catalogue)
        return self._possible

    @property
    def ask_first(self) -> list[MissingFact]:
        """The first questions to put to a person: the unanswered safety questions of the file
        (at most MAX_SAFETY_FIRST, in the file's order), then the most decisive open questions,
        at most MAX_ASK_FIRST in all. A safety question is asked even when no rule waits for it:
        unknown danger counts as danger until answered."""
        missing = self.missing
        by_key = {(mf.path, mf.member_id): mf for mf in missing}
        first: list[MissingFact] = []
        for path in self.verordening.safety_questions:
            if len(first) == MAX_SAFETY_FIRST:
                break
            if path.startswith("household."):
                if self._household_facts.get(path) is not None:
                    continue
                mf = by_key.get((path, None)) or MissingFact(
                    path, None, _label(self._catalogue, path), []
                )
                first.append(mf)
            else:
                first += [mf for mf in missing if mf.path == path][: MAX_SAFETY_FIRST - len(first)]
        chosen = {id(mf) for mf in first}
        rest = [mf for mf in missing if id(mf) not in chosen]
        return first + rest[: max(0, MAX_ASK_FIRST - len(first))]

    def not_advised(self) -> list[tuple[Rule, str | None, tuple[Because, ...]]]:
        """Every rule of a regime that gave this household nothing, decided "no": the rule, for
        whom (None: the household), and the answers in the first condition part that failed,
        which are what would have to change (issue #11: a refusal is never silent). For the
        explain report; not computed in the hot loop."""
        advised = {o.rule.regime.id for o in self.outcomes} | {
            p.rule.regime.id for p in self.possible
        }
        undecided = {(r.id, id(f)) for r, f in self.unknown[0]}
        dropped = self._pending[2]
        h, *members = self._pending[3]
        fired = {(o.rule.id, o.member_id) for o in self.outcomes}
        found = []
        for rule in self.verordening.rules:
            if rule.regime.id in advised:
                continue
            for f in (h,) if rule.scope == "household" else members:
                who = f[fx.MEMBER_ID]
                if (rule.id, who) in fired or (rule.id, id(f)) in undecided:
                    continue
                if (id(f), rule.id) in dropped or rule.when.node.fn(f) is not False:
                    continue
                node = rule.when.node
                parts = node.items if isinstance(node, nd.And) else (node,)
                failing = next((p for p in parts if p.fn(f) is False), node)
                pairs: list = []
                failing.leaves(f, pairs)
                found.append((rule, who, _because(pairs, self._catalogue)))
        return found

    def outcome(self, rule_id: str, member_id: str | None = None) -> Outcome | None:
        for o in self.outcomes:
            if o.rule.id == rule_id and (member_id is None or o.member_id == member_id):
                return o
        return None

    def to_dict(self) -> dict:
        v = self.verordening
        head = v._cache.get("to_dict_head")
        if head is None:
            head = v._cache["to_dict_head"] = {
                "id": v.id,
                "title": v.title,
                "municipality": v.municipality,
                "valid_from": v.valid_from.isoformat(),
                "valid_to": v.valid_to.isoformat() if v.valid_to else None,
                "content_hash": v.content_hash,
            }
        members = self.members
        nothing = self.nothing_applies
        return {
            "format": OUTPUT_FORMAT,
            "verordening": head,
            "as_of": self.as_of.isoformat(),
            "triage": self.triage,
            "life_domains": self.life_domains,
            "members": [
                {
                    "member_id": mid,
                    "role": self._roles.get(mid),
                    "outcomes": [o.to_dict() for o in members.get(mid, ())],
                    "possible": [p.to_dict() for p in self.possible if p.member_id == mid],
                }
                for mid in self.member_ids
            ],
            "household": {
                "outcomes": [o.to_dict() for o in self.household],
                "possible": [p.to_dict() for p in self.possible if p.member_id is None],
            },
            "missing": [mf.to_dict() for mf in self.missing],
            "ask_first": [mf.to_dict() for mf in self.ask_first],
            "nothing_applies": _nothing_dict(v, nothing) if nothing else None,
        }


def _nothing_dict(v: Verordening, nothing) -> dict:
    d = v._cache.get("nothing_dict")
    if d is None:
        d = v._cache["nothing_dict"] = nothing.to_dict()
    return d


_LABELS: dict[int, dict[str, Text]] = {}
_VALUE_TEXTS: dict[tuple, Text] = {}


def _labels(catalogue: Catalogue) -> dict[str, Text]:
    """path -> nl/en question label, for one catalogue; filled as labels are needed."""
    labels = _LABELS.get(id(catalogue))
    if labels is None:
        labels = _LABELS[id(catalogue)] = {}
    return labels


def _label(catalogue: Catalogue, path: str) -> Text:
    """The nl/en question label of a fact; cached, as the same few labels recur endlessly."""
    labels = _labels(catalogue)
    label = labels.get(path)
    if label is None:
        label = labels[path] = Text(catalogue.label(path, "nl"), catalogue.label(path, "en"))
    return label


def _value_text(catalogue: Catalogue, path: str, value) -> Text:
    key = (id(catalogue), path, type(value), value)  # type: True and 1 are different answers
    text = _VALUE_TEXTS.get(key)
    if text is None:
        if len(_VALUE_TEXTS) > 50_000:  # numbers vary; keep the cache bounded
            _VALUE_TEXTS.clear()
        info = catalogue.facts.get(path)
        text = _VALUE_TEXTS[key] = Text(
            value_text(info, value, "nl"), value_text(info, value, "en")
        )
    return text


# Who is who in the household is structure, not an answer about the situation: listing
# "Rol in het huishouden (m3) — kind" for every member under "U gaf aan" buries the answers that
# matter (a rule reading the couple norm walks every member's role). Rules still use them.
STRUCTURAL_FACTS = frozenset({"member.role", "member.relation", "member.is_applicant"})


def _because(pairs, catalogue: Catalogue) -> tuple[Because, ...]:
    seen = set()
    out = []
    for path, f in pairs:
        if path in STRUCTURAL_FACTS:
            continue
        member_id = f[fx.MEMBER_ID] if path.startswith("member.") else None
        key = (path, member_id)
        if key in seen:
            continue
        seen.add(key)
        value = f[path]
        out.append(
            Because(
                path, member_id, _label(catalogue, path), value, _value_text(catalogue, path, value)
            )
        )
    return tuple(out)


def _missing_facts(
    unknown, urgent_unknown, catalogue: Catalogue
) -> tuple[list[MissingFact], list[Possible]]:
    """Resolve undecided rules into questions, deduplicated per (fact, member), the most
    decisive first; and into possible outcomes: undecided rules whose only open answers are
    ones the municipality checks itself (those answers are not asked of the resident)."""
    found: dict[tuple, MissingFact] = {}
    possible: list[Possible] = []
    memo: dict = {}
    labels = _labels(catalogue)
    walks = [(r, f, r.when.node, True) for r, f in unknown]
    walks += [(r, f, r.urgent_when.node, False) for r, f in urgent_unknown]
    trail = Trail()  # reused: one list for every walk
    trail.memo = memo
    for rule, f, node, may_be_possible in walks:
        trail.clear()
        node.unknowns(f, trail)
        rid = rule.id
        checks = rule.municipality_checks
        if may_be_possible and checks and trail and all(path in checks for path, _ in trail):
            to_check = list(dict.fromkeys(path for path, _ in trail))
            member_id = f[fx.MEMBER_ID]
            possible.append(
                Possible(rule, member_id, [(p, _label(catalogue, p)) for p in to_check], f)
            )
            continue
        for path, g in trail:
            if path in checks:
                continue  # the gemeente checks it itself: not a question for the resident
            key = (path, g[fx.MEMBER_ID] if path[0] == "m" else None)  # member.… or household.…
            mf = found.get(key)
            if mf is None:
                label = labels.get(path) or _label(catalogue, path)
                found[key] = MissingFact(path, key[1], label, [rid])
            elif rid not in mf.rules:
                mf.rules.append(rid)
    # the question that decides most rules first; ties keep the output order
    missing = sorted(found.values(), key=lambda mf: -len(mf.rules))
    return missing, possible


def _guard(rule: Rule):
    """A necessary condition of the rule on one fact: (path, values that let the rule fire,
    derived?), or None.

    Taken from a conjunct of a top-level `and` (or the whole condition): a yes/no answer, its
    `not`, `answer == constant` or `answer in [constants]`; for a member rule also a yes/no
    household fact the file derives (`household.homeless`), computed once per household. When
    the fact has another value the rule is false (Kleene `and`); when it is unknown the rule
    cannot be true. So the hot loop runs the rule only when the fact has a wanted value.
    Answers are preferred: they are read straight from the dict, all at once.
    """
    node = rule.when.node
    parts = node.items if isinstance(node, nd.And) else (node,)
    derived = None
    for part in parts:
        fact, wanted = part, frozenset((True,))
        if isinstance(part, nd.Not):
            fact, wanted = part.child, frozenset((False,))
        elif isinstance(part, nd.Compare) and isinstance(part.right, nd.Const):
            value = part.right.value
            if part.op is eq and not isinstance(value, (tuple, frozenset)):
                wanted = frozenset((value,))
            elif part.op is _in and isinstance(value, frozenset):
                wanted = value
            else:
                continue
            fact = part.left
        if not isinstance(fact, nd.Fact):
            continue
        if fact.type == "bool" and not wanted <= {True, False}:
            continue
        if fact.derived is None and fact.path.count(".") == 2:  # an answer
            return fact.path, wanted, None
        if (
            derived is None
            and fact.derived is not None
            and rule.scope == "member"
            and fact.path.startswith("household.")
            and fact.type == "bool"
        ):
            derived = (fact.path, wanted, fact.fn)
    return derived


class _Scope:
    """The rules of one scope, grouped for the hot loop by their guard (see `_guard`).

    One C-level itemgetter reads every guard fact of a fact dict; a group runs only when its
    fact has a wanted value. Rules without a guard form one group whose "guard" is a key that
    is always true. Groups whose fact is unknown cannot fire: they are kept aside and run only
    when the "ask this" list or the triage is wanted.
    """

    def __init__(self, rules):
        self.rules = rules
        groups: dict = {fx.ALWAYS: []}
        wanted = {fx.ALWAYS: frozenset((True,))}
        self.household_guards: dict[str, object] = {}  # path -> lazy reader, run on the household
        for rule in rules:
            g = _guard(rule)
            path, want, reader = g if g is not None else (fx.ALWAYS, frozenset((True,)), None)
            groups.setdefault((path, want), []).append(rule)
            wanted[path, want] = want
            if reader is not None:
                self.household_guards[path] = reader
        keys = [k for k in groups if groups[k]]
        self.group_rules = tuple(tuple(groups[k]) for k in keys)
        self.group_fns = tuple(tuple(r.when.node.fn for r in groups[k]) for k in keys)
        self.wanted = tuple(k[1] for k in keys)
        paths = [k[0] for k in keys]
        self.guards = itemgetter(*paths) if len(paths) > 1 else lambda f: (f[paths[0]],)


class _Prepared:
    """What the engine derives once per loaded verordening, so each evaluation only runs."""

    def __init__(self, v: Verordening, catalogue: Catalogue):
        self.v = v
        refs: set[str] = set()
        for rule in v.rules:
            refs |= rule.when.refs
            if rule.urgent_when is not None:
                refs |= rule.urgent_when.refs
        for d in v.derived:
            refs |= d.condition.refs
        for rule in v.rules:  # an answer named in an explanation is copied too
            for _name, condition in rule.explanation_fields:
                refs |= condition.refs
        # only answers some condition reads are copied into the fact dicts; built-in facts
        # (and the birth date, asked when an age is unknown) always are
        self.paths = [
            p
            for p, info in catalogue.facts.items()
            if p in refs or info.builtin or p.count(".") == 1
        ]
        wanted = set(self.paths)
        self.member_keymap = fx.keymap_items(_restrict(catalogue.member_keymap, wanted))
        self.household_keymap = fx.keymap_items(_restrict(catalogue.household_keymap, wanted))
        self.excluders = frozenset(r for r in v.rules if r.excludes)
        self.household = _Scope(tuple(r for r in v.rules if r.scope == "household"))
        self.member = _Scope(tuple(r for r in v.rules if r.scope == "member"))
        self.templates: dict[date, dict] = {}

    def template(self, as_of: date) -> dict:
        """The fact-dict template for one peildatum, cached: parameters are looked up once."""
        tpl = self.templates.get(as_of)
        if tpl is None:
            if len(self.templates) >= _TEMPLATE_CACHE_SIZE:
                self.templates.clear()
            params = {name: p.value_on(as_of) for name, p in self.v.parameters.items()}
            tpl = self.templates[as_of] = fx.template(
                self.paths, params, [d.path for d in self.v.derived]
            )
        return tpl


def _restrict(keymap: dict, wanted: set[str]) -> dict:
    out = {}
    for domain, fields in keymap.items():
        kept = {field: path for field, path in fields.items() if path in wanted}
        if kept:
            out[domain] = kept
    return out


def _prepared(v: Verordening, catalogue: Catalogue) -> _Prepared:
    prep = v._cache.get("prepared")
    if prep is None:
        prep = v._cache["prepared"] = _Prepared(v, catalogue)
    return prep


_ORDER = attrgetter("order")
_FIRST = itemgetter(0)


def _run(scope: _Scope, f, fired, unknown, deferred) -> None:
    """Evaluate one scope's live rules on one fact dict; every loop stays in C."""
    values = scope.guards(f)
    try:
        live = list(map(contains, scope.wanted, values))
    except TypeError:  # an answer that is not a plain value (never in a valid intake):
        live = [True] * len(values)  # run every rule now, as if there were no guards
        values = ()
    rules = list(chain.from_iterable(compress(scope.group_rules, live)))
    results = list(map(call, chain.from_iterable(compress(scope.group_fns, live)), repeat(f)))
    if None in values:
        deferred.append((scope, f, values))
    if None in results:
        unknown.extend(zip(compress(rules, map(is_, results, repeat(None))), repeat(f)))
    got = list(compress(rules, results))
    if got:
        if len(got) > 1:
            got.sort(key=_ORDER)  # file order, as if every rule had run in turn
        fired.extend(zip(got, repeat(f)))


def _resolve_unknown(evaluated, deferred, dropped, dicts, urgent_unknown) -> tuple:
    """Run the rules whose guard fact was unknown; return (undecided, urgent undecided)
    in output order: household first, then the members, rules in file order."""
    per_dict: dict[int, list] = {id(f): [] for f in dicts}
    for rule, f in evaluated:
        per_dict[id(f)].append(rule)
    for scope, f, values in deferred:
        unknown_guard = list(map(is_, values, repeat(None)))
        rules = list(chain.from_iterable(compress(scope.group_rules, unknown_guard)))
        fns = chain.from_iterable(compress(scope.group_fns, unknown_guard))
        results = list(map(call, fns, repeat(f)))
        per_dict[id(f)].extend(compress(rules, map(is_, results, repeat(None))))
    unknown = []
    for f in dicts:
        rules = per_dict[id(f)]
        if rules:
            rules.sort(key=_ORDER)
            unknown.extend(zip(rules, repeat(f)))
    if dropped:
        unknown = [(r, f) for r, f in unknown if (id(f), r.id) not in dropped]
    return unknown, urgent_unknown


def evaluate_with(
    v: Verordening,
    intake: dict,
    as_of: date,
    catalogue: Catalogue | None = None,
    *,
    any_date: bool = False,
) -> Evaluation:
    """`any_date`: apply the file even outside its validity (the diff tool compares two
    versions on one peildatum); never for advice to a resident."""
    if not any_date and not v.covers(as_of):
        raise VerordeningError(
            f"{v.path.name}: geldt niet op {as_of.isoformat()} (geldig vanaf {v.valid_from})"
        )
    catalogue = catalogue or load_catalogue()
    prep = _prepared(v, catalogue)
    h, members = fx.flatten(
        intake, as_of, prep.template(as_of), prep.member_keymap, prep.household_keymap
    )
    fired: list[tuple[Rule, dict]] = []
    unknown: list[tuple[Rule, dict]] = []
    deferred: list = []
    _run(prep.household, h, fired, unknown, deferred)
    scope = prep.member
    if scope.household_guards and members:
        # household facts that guard member rules: computed once, then read like answers
        known = [(path, read(h)) for path, read in scope.household_guards.items()]
        for f in members:
            f.update(known)
    for f in members:
        _run(scope, f, fired, unknown, deferred)

    # excludes: a fired rule drops the listed rules for the same member (or the household)
    dropped = set()
    if not prep.excluders.isdisjoint(map(_FIRST, fired)):
        dropped = {(id(f), x) for rule, f in fired for x in rule.excludes}
        fired = [(r, f) for r, f in fired if (id(f), r.id) not in dropped]

    outcomes = []
    urgent_unknown = []
    member_id = fx.MEMBER_ID  # the household dict's is None
    for rule, f in fired:
        urgency = rule.urgency
        if rule.urgent_when is not None:
            u = rule.urgent_when.node.fn(f)
            unconfirmed = False
            if u:
                urgency = "urgent"
            elif u is None:  # unknown urgency is urgent until answered; and ask it
                urgency, unconfirmed = "urgent", True
                urgent_unknown.append((rule, f))
            outcomes.append(Outcome(rule, f[member_id], urgency, f, catalogue, unconfirmed))
            continue
        outcomes.append(Outcome(rule, f[member_id], urgency, f, catalogue))

    # outcomes are already in order: household first, then members, rules in file order
    member_ids = [f[fx.MEMBER_ID] for f in members]
    roles = {f[fx.MEMBER_ID]: f["member.role"] for f in members}
    pending = (unknown, deferred, dropped, (h, *members), urgent_unknown)
    return Evaluation(v, as_of, member_ids, roles, outcomes, pending, catalogue)


class Registry:
    """Every loaded version of the verordening, picked by peildatum."""

    def __init__(self, verordeningen: list[Verordening], path: Path | None = None):
        self.verordeningen = sorted(verordeningen, key=lambda v: v.valid_from)
        self.path = path

    def for_date(self, as_of: date) -> Verordening:
        for v in self.verordeningen:
            if v.covers(as_of):
                return v
        ranges = ", ".join(
            f"{v.valid_from} tot {v.valid_to or 'onbepaald'}" for v in self.verordeningen
        )
        raise VerordeningError(f"geen verordening geldig op {as_of.isoformat()} (wel: {ranges})")

    def evaluate(self, intake: dict, as_of: date) -> Evaluation:
        return evaluate_with(self.for_date(as_of), intake, as_of)

    def __iter__(self):
        return iter(self.verordeningen)

    def __len__(self):
        return len(self.verordeningen)


def default_path() -> Path:
    env = os.environ.get("VERORDENING_PATH")
    return Path(env) if env else DEFAULT_PATH


def load_verordeningen(path: str | Path | None = None) -> Registry:
    path = Path(path) if path is not None else default_path()
    return Registry(load_all(path), path)


_REGISTRIES: dict[Path, Registry] = {}


def evaluate(intake: dict, as_of: date, path: str | Path | None = None) -> Evaluation:
    """Evaluate with the default (or given) verordening path; the registry is loaded once."""
    key = (Path(path) if path is not None else default_path()).resolve()
    registry = _REGISTRIES.get(key)
    if registry is None:
        registry = _REGISTRIES[key] = load_verordeningen(key)
    return registry.evaluate(intake, as_of)


def clear_cache() -> None:
    _REGISTRIES.clear()
