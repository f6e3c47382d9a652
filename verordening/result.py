"""What an evaluation yields: outcomes, possible outcomes, open questions and the triage.

These objects are built by the engine (`engine.evaluate_with`) and read by the portal, the CLI and
the reports. Everything a page may not show is computed on first read: explanations, the
"because" answers, the "ask this" list and `to_dict()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from . import facts as fx
from . import nodes as nd
from .intake_schema import Catalogue, load_catalogue
from .model import Rule, Text, Verordening
from .nodes import Trail
from .text import fill, value_text

OUTPUT_FORMAT = 1  # version of the to_dict() shape; bump on any incompatible change


@dataclass(frozen=True, slots=True)
class Because:
    """One answer that made a rule fire."""

    path: str
    member_id: str | None
    label: Text
    value: object
    value_text: Text
    # to_dict() result, built once: a Because is shared by every evaluation with the same
    # answer (see `_because`), which is why to_dict() results are read-only
    _dict: dict | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        d = self._dict
        if d is None:
            d = {
                "path": self.path,
                "member_id": self.member_id,
                "label": self.label.to_dict(),
                "value": self.value,
                "value_text": self.value_text.to_dict(),
            }
            object.__setattr__(self, "_dict", d)
        return d


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
            self._numbers = _numbers_of(self.rule, self._facts)
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
            "estimate": estimate_of(r, self._facts),
        }


def estimate_of(rule: Rule, f: dict | None) -> dict | None:
    """What the help is worth per month on the fact dict `f`, with the parameters and derived
    numbers it was worked out from; None without a basis, or when nothing is left to pay."""
    if rule.estimate_per_month is None or f is None:
        return None
    value = rule.estimate_per_month.node.fn(f)
    if value is None or isinstance(value, bool) or value <= 0:
        return None
    found: dict = {}
    _collect_numbers(_static(rule)["estimate_plan"], f, found)
    return {
        "per_month": float(round(value, 2)),
        "numbers": [{"name": name, "value": v} for name, v in found.items()],
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


# the steps of a rule's numbers plan (see `_numbers_plan`)
_PARAM, _DERIVED, _BRANCH = 0, 1, 2


def _numbers_of(rule: Rule, f: dict) -> tuple[tuple[str, object], ...]:
    """The parameters and derived numbers the rule's condition works with, valued on the fact
    dict `f`, in the order the condition names them."""
    found: dict = {}
    _collect_numbers(_static(rule)["numbers_plan"], f, found)
    return tuple(found.items())


def _collect_numbers(plan: tuple, f: dict, found: dict) -> None:
    for step in plan:
        kind = step[0]
        if kind == _PARAM:
            key = step[1]
            value = f.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                found.setdefault(key, value)
        elif kind == _DERIVED:
            node = step[1]
            value = node.fn(f)
            if isinstance(value, (Decimal, float)):
                value = float(round(value, 4))  # JSON-ready; computed exactly, shown rounded
            if value is not None:
                found.setdefault(node.path, value)
        else:  # an `if ... else`: only the branch that was taken
            _, test, test_plan, body_plan, orelse_plan = step
            value = test(f)
            _collect_numbers(test_plan, f, found)
            if value is not None:
                _collect_numbers(body_plan if value else orelse_plan, f, found)


def _numbers_plan(node) -> tuple:
    """The steps that find a condition's numbers, built once per rule: the parameters and the
    derived facts (a derived number itself, then what it is computed from) in the order of the
    tree, and a branch step per `if ... else`. The answers in between are left out: walking
    them for every outcome cost more than the numbers found. Aggregates are not entered: their
    inner facts are per member, not of the fact dict the rule fired on."""
    if isinstance(node, (nd.Aggregate, nd.Count)):
        return ()
    if isinstance(node, nd.IfExp):
        parts = (_numbers_plan(node.test), _numbers_plan(node.body), _numbers_plan(node.orelse))
        return ((_BRANCH, node.test.fn, *parts),) if any(parts) else ()
    if isinstance(node, nd.Param):
        return ((_PARAM, "param." + node.name),)
    if isinstance(node, nd.Fact):
        if node.derived is None:
            return ()
        own = ((_DERIVED, node),) if node.type == "number" else ()
        return own + _numbers_plan(node.derived)
    return tuple(step for child in node.children() for step in _numbers_plan(child))


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
        "numbers_plan": _numbers_plan(r.when.node),
        "estimate_plan": _numbers_plan(r.estimate_per_month.node) if r.estimate_per_month else (),
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
        return _numbers_of(self.rule, self.facts) if self.facts is not None else ()

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
            "estimate": estimate_of(r, self.facts),
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
        # what the hot loop left undecided (engine.Pending): resolved into `_unknown` and
        # `missing` on first use, so a page that shows only the outcomes never pays for it
        self._pending = pending
        self._unknown: tuple | None = None
        self._catalogue = catalogue
        self._missing: list[MissingFact] | None = None
        self._possible: list[Possible] | None = None
        self._household_facts = pending.dicts[0]

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
            self._unknown = self._pending.resolve()
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
        dropped = self._pending.dropped
        h, *members = self._pending.dicts
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


_BECAUSES: dict[tuple, Because] = {}


def _because(pairs, catalogue: Catalogue) -> tuple[Because, ...]:
    seen = set()
    out = []
    cid = id(catalogue)
    for path, f in pairs:
        if path in STRUCTURAL_FACTS:
            continue
        member_id = f[fx.MEMBER_ID] if path.startswith("member.") else None
        key = (path, member_id)
        if key in seen:
            continue
        seen.add(key)
        value = f[path]
        # a Because is immutable and the same answers recur: built once, then shared
        cached = (cid, path, member_id, type(value), value)  # type: True and 1 differ
        because = _BECAUSES.get(cached)
        if because is None:
            if len(_BECAUSES) > 50_000:  # numbers vary; keep the cache bounded
                _BECAUSES.clear()
            label, text = _label(catalogue, path), _value_text(catalogue, path, value)
            because = _BECAUSES[cached] = Because(path, member_id, label, value, text)
        out.append(because)
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
    member_key, lookup = fx.MEMBER_ID, found.get
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
            key = (path, g[member_key] if path[0] == "m" else None)  # member.… or household.…
            mf = lookup(key)
            if mf is None:
                label = labels.get(path) or _label(catalogue, path)
                found[key] = MissingFact(path, key[1], label, [rid])
            elif rid not in mf.rules:
                mf.rules.append(rid)
    # the question that decides most rules first; ties keep the output order
    missing = sorted(found.values(), key=lambda mf: -len(mf.rules))
    return missing, possible
