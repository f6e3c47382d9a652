"""Evaluate an intake against a loaded verordening: which rules fire for whom.

The hot loop only calls each rule's compiled closure. Explanations (`because`) are built only for
rules that fired, and the "ask this" list only for rules that could not be decided: both live in
`result`. Loading and picking the version in force is `registry`.
"""

from __future__ import annotations

from datetime import date
from itertools import chain, compress, repeat
from operator import attrgetter, call, contains, eq, is_, itemgetter

from . import facts as fx
from . import nodes as nd
from .compiler import _in
from .errors import VerordeningError
from .intake_schema import Catalogue, load_catalogue
from .model import Rule, Verordening
from .result import Evaluation, Outcome

_TEMPLATE_CACHE_SIZE = 512


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
            # what a rule reads: its conditions, and the answers its explanation and its
            # estimate name
            expressions = [rule.when, rule.urgent_when, rule.estimate_per_month]
            expressions += [condition for _name, condition in rule.explanation_fields]
            for expression in expressions:
                if expression is not None:
                    refs |= expression.refs
        for d in v.derived:
            refs |= d.condition.refs
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
    """The domains with an answer some condition reads; in them every field of the schema is
    kept, an unread one mapped to UNREAD: flatten then finds each field of a valid intake with
    one C-level lookup, and `_Paths.__missing__` (a Python call) is left for unknown fields."""
    out = {}
    for domain, fields in keymap.items():
        if any(path in wanted for path in fields.values()):
            out[domain] = {f: path if path in wanted else fx.UNREAD for f, path in fields.items()}
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


class Pending:
    """What the hot loop left undecided, kept with the evaluation and resolved on first read
    (`Evaluation.unknown`): the rules run whose guard fact was unknown only when the "ask
    this" list, the possible outcomes or the triage are wanted."""

    __slots__ = ("deferred", "dicts", "dropped", "evaluated", "urgent_unknown")

    def __init__(self, evaluated, deferred, dropped, dicts, urgent_unknown):
        self.evaluated = evaluated  # (rule, fact dict) pairs that ran and came out unknown
        self.deferred = deferred  # (scope, fact dict, guard values) with an unknown guard
        self.dropped = dropped  # {(id(fact dict), rule id)} removed by `excludes`
        self.dicts = dicts  # the household's fact dict, then each member's
        self.urgent_unknown = urgent_unknown  # fired rules whose urgent_when is undecided

    def resolve(self) -> tuple:
        """Run the rules whose guard fact was unknown; return (undecided, urgent undecided)
        in output order: household first, then the members, rules in file order."""
        per_dict: dict[int, list] = {id(f): [] for f in self.dicts}
        for rule, f in self.evaluated:
            per_dict[id(f)].append(rule)
        for scope, f, values in self.deferred:
            unknown_guard = list(map(is_, values, repeat(None)))
            rules = list(chain.from_iterable(compress(scope.group_rules, unknown_guard)))
            fns = chain.from_iterable(compress(scope.group_fns, unknown_guard))
            results = list(map(call, fns, repeat(f)))
            per_dict[id(f)].extend(compress(rules, map(is_, results, repeat(None))))
        unknown = []
        for f in self.dicts:
            rules = per_dict[id(f)]
            if rules:
                rules.sort(key=_ORDER)
                unknown.extend(zip(rules, repeat(f)))
        dropped = self.dropped
        if dropped:
            unknown = [(r, f) for r, f in unknown if (id(f), r.id) not in dropped]
        return unknown, self.urgent_unknown


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
    pending = Pending(unknown, deferred, dropped, (h, *members), urgent_unknown)
    return Evaluation(v, as_of, member_ids, roles, outcomes, pending, catalogue)
