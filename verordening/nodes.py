"""Compiled condition nodes: a fast closure (``fn``) plus the slow paths that explain it.

``fn(f)`` takes the flat fact dict of one member (or of the household) and returns True, False
or None (unknown), following Kleene's three-valued logic. It is the only thing run for every
rule on every intake. ``why`` (for a true result) and ``unknowns`` (for an unknown result) walk
the tree and are run only for rules that fired or could not be decided.

Both explanation walks append ``(path, f)`` pairs to ``out``: the fact path and the fact dict it
was read from (which tells the member).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from operator import itemgetter, truediv

MEMBERS = "__members__"  # key in every fact dict: the list of member fact dicts
HOUSEHOLD = "__household__"  # key in every member fact dict: the household fact dict


class Trail(list):
    """The `out` list of the explanation walks, with an optional memo shared between rules."""

    __slots__ = ("memo",)

    def __init__(self):
        super().__init__()
        self.memo = None


class Node:
    __slots__ = ("fn", "type")

    def children(self) -> tuple[Node, ...]:
        return ()

    def refs(self) -> set[str]:
        out: set[str] = set()
        for child in self.children():
            out |= child.refs()
        return out

    def leaves(self, f: dict, out: list) -> None:
        """Every answered fact under this node, whatever its value."""
        for child in self.children():
            child.leaves(f, out)

    def why(self, f: dict, out: list) -> None:
        """Called when this node is true: the facts that made it so."""
        self.leaves(f, out)

    def unknowns(self, f: dict, out: list) -> None:
        """Called when this node is unknown: the facts whose answer would decide it."""
        for child in self.children():
            if child.fn(f) is None:
                child.unknowns(f, out)


# built-in facts computed from the birth date: when unknown, the birth date is the question
_AGE_FACTS = ("member.age", "member.age_before_this_month")
_SPECIAL_UNKNOWNS = (*_AGE_FACTS, "household.adults", "household.children_under_18")


def _walk_plan(children) -> tuple:
    """(child, path) per child for `unknowns`: path is set when the child is a plain answer,
    whose unknown value is itself the question, so the walk needs no Python call for it."""
    return tuple(
        (
            child,
            child.path
            if isinstance(child, Fact)
            and child.derived is None
            and child.path not in _SPECIAL_UNKNOWNS
            else None,
        )
        for child in children
    )


def _walk_unknowns(plan, f, out) -> None:
    for child, path in plan:
        if path is not None:
            if f[path] is None:
                out.append((path, f))
        elif child.fn(f) is None:
            child.unknowns(f, out)


def _reader(node: Node):
    """(get, lazy) for reading a node's value inside another closure without a Python call
    when the node is a fact: `get` is then a C itemgetter, and `lazy` computes a derived fact
    still PENDING. For any other node `get` is its closure (which never returns PENDING)."""
    if isinstance(node, Fact):
        return itemgetter(node.path), node.fn
    return node.fn, None


class Const(Node):
    __slots__ = ("value",)

    def __init__(self, value, type_: str):
        self.value = value
        self.type = type_
        self.fn = lambda f, _v=value: _v


class Param(Node):
    __slots__ = ("name",)

    def __init__(self, name: str, type_: str):
        self.name = name
        self.type = type_
        self.fn = itemgetter("param." + name)  # the dated value sits in the fact dict


PENDING = object()  # value of a derived fact in a fact dict before its first read


def _lazy(path: str, compute, household_scope: bool):
    """Read a declared derived fact, computing it on first use and keeping it in the dict.

    Most rules are decided before they reach a derived fact (a false first conjunct), so
    computing derived facts eagerly for every intake would be wasted work. The key is in the
    dict from the start (value PENDING), so the dict never grows and no KeyError is raised. A
    household-scope value is computed once on the household dict and shared with the members.
    """

    def get(f):
        value = f[path]
        if value is not PENDING:
            return value
        if household_scope:
            h = f[HOUSEHOLD] or f
            value = h[path]
            if value is PENDING:
                value = h[path] = compute(h)
        else:
            value = compute(f)
        f[path] = value
        return value

    return get


class Fact(Node):
    """An answer, a built-in derived fact or a declared derived fact, read from the fact dict.

    Every fact dict holds every answer key (None when unanswered), so a C-level itemgetter is
    enough: no Python frame per fact read. Declared derived facts are computed lazily.
    """

    __slots__ = ("derived", "path")

    def __init__(self, path: str, type_: str, derived: Node | None = None):
        self.path = path
        self.type = type_
        self.derived = derived
        if derived is None:
            self.fn = itemgetter(path)
        else:
            self.fn = _lazy(path, derived.fn, path.startswith("household."))

    def refs(self) -> set[str]:
        return {self.path}

    def leaves(self, f, out):
        if self.derived is not None:
            self.derived.leaves(f, out)  # explain a derived fact by the answers behind it
        else:
            out.append((self.path, f))

    def why(self, f, out):
        if self.derived is not None and self.fn(f) is True:
            self.derived.why(f, out)
        else:
            self.leaves(f, out)

    def unknowns(self, f, out):
        if self.fn(f) is not None:
            return
        if self.derived is not None:
            # many rules share a derived fact (low income, ...): walk it once per fact dict
            memo = getattr(out, "memo", None)
            if memo is None:
                self.derived.unknowns(f, out)
                return
            key = (self.path, id(f))
            found = memo.get(key)
            if found is None:
                found = memo[key] = Trail()
                found.memo = memo
                self.derived.unknowns(f, found)
            out.extend(found)
        elif self.path in _AGE_FACTS:
            out.append(("member.birth_date", f))
        elif self.path in ("household.adults", "household.children_under_18"):
            for g in f[MEMBERS]:  # unknown because someone's birth date is unknown
                if g["member.age"] is None:
                    out.append(("member.birth_date", g))
        else:
            out.append((self.path, f))


class ListNode(Node):
    __slots__ = ("items",)

    def __init__(self, items: list[Node]):
        self.items = tuple(items)
        self.type = "list"
        if all(isinstance(i, Const) for i in items):
            value = tuple(i.value for i in items)
            self.fn = lambda f, _v=value: _v
        else:
            fns = tuple(i.fn for i in items)

            def list_(f):
                values = tuple(fn(f) for fn in fns)
                # a list with an unknown element makes `x in list` unknown, not false
                return None if None in values else values

            self.fn = list_

    def children(self):
        return self.items


class Not(Node):
    __slots__ = ("child", "plan")

    def __init__(self, child: Node):
        self.child = child
        self.plan = _walk_plan((child,))
        self.type = "bool"
        get, lazy = _reader(child)

        def not_(f):
            v = get(f)
            if v is PENDING:
                v = lazy(f)
            return None if v is None else not v

        self.fn = not_

    def children(self):
        return (self.child,)

    def unknowns(self, f, out):
        _walk_unknowns(self.plan, f, out)


def _and(nodes):
    readers = tuple(_reader(n) for n in nodes)
    if len(readers) == 2:
        (a_get, a_lazy), (b_get, b_lazy) = readers

        def and2(f):
            a = a_get(f)
            if a is PENDING:
                a = a_lazy(f)
            if a is False:
                return False
            b = b_get(f)
            if b is PENDING:
                b = b_lazy(f)
            if b is False:
                return False
            return None if a is None or b is None else True

        return and2

    def and_(f):
        result = True
        for get, lazy in readers:
            v = get(f)
            if v is PENDING:
                v = lazy(f)
            if v is False:
                return False
            if v is None:
                result = None
        return result

    return and_


def _fused_and(specs):
    """One closure for an `and` of simple tests, with no Python call per conjunct.

    Each spec is (get, op, rhs, const, lazy): `get` reads the left fact (a C itemgetter); `op`
    is None for a bare yes/no fact, else a binary function applied to the right side, which is
    `rhs(f)` (a parameter or fact) or, when rhs is None, `const`. `lazy` computes a derived
    fact still PENDING in the dict.
    """

    def fused(f):
        result = True
        for get, op, rhs, const, lazy in specs:
            a = get(f)
            if a is PENDING:
                a = lazy(f)
            if a is None:
                result = None
                continue
            if op is None:
                if a is False:
                    return False
                continue
            b = const if rhs is None else rhs(f)
            if b is None:
                result = None
            elif not op(a, b):
                return False
        return result

    return fused


class And(Node):
    __slots__ = ("items", "plan")

    def __init__(self, items: list[Node]):
        self.items = tuple(items)
        self.plan = _walk_plan(self.items)
        self.type = "bool"
        bools = [_bool_spec(i) for i in items]
        specs = [_simple_spec(i) for i in items]
        if all(b is not None for b in bools):
            self.fn = _bool_and(bools)  # the most common rule shape: yes/no facts only
        elif all(s is not None for s in specs):
            self.fn = _fused_and(tuple(specs))
        else:
            self.fn = _and(items)

    def children(self):
        return self.items

    def why(self, f, out):
        for child in self.items:
            child.why(f, out)

    def unknowns(self, f, out):
        _walk_unknowns(self.plan, f, out)


class Or(Node):
    __slots__ = ("items", "plan")

    def __init__(self, items: list[Node]):
        self.items = tuple(items)
        self.plan = _walk_plan(self.items)
        self.type = "bool"
        bools = [_bool_spec(i) for i in items]
        if all(b is not None for b in bools):
            # yes/no facts only (often 5-10 of them): no Python call per disjunct. A disjunct
            # holds when its value is the opposite of its failing value.
            specs = tuple((get, lazy, not failing) for get, lazy, failing in bools)

            def or_(f):
                result = False
                for get, lazy, holding in specs:
                    v = get(f)
                    if v is PENDING:
                        v = lazy(f)
                    if v is holding:
                        return True
                    if v is None:
                        result = None
                return result

        else:
            readers = tuple(_reader(i) for i in items)

            def or_(f):
                result = False
                for get, lazy in readers:
                    v = get(f)
                    if v is PENDING:
                        v = lazy(f)
                    if v is True:
                        return True
                    if v is None:
                        result = None
                return result

        self.fn = or_

    def children(self):
        return self.items

    def why(self, f, out):
        for child in self.items:
            if child.fn(f) is True:
                child.why(f, out)

    def unknowns(self, f, out):
        _walk_unknowns(self.plan, f, out)


def exact(value):
    """A number as the law counts it: a float (an answer or a parameter read from JSON/YAML)
    becomes the Decimal of its shortest written form, so 1681.80 / 1401.50 is exactly 1.2 and a
    household at exactly 120 % of the norm is in, as the text says (issue #11). Integers and
    everything else pass unchanged (ints mix exactly with Decimals)."""
    return Decimal(repr(value)) if value.__class__ is float else value


class Compare(Node):
    """One binary comparison; chains (a < b < c) are compiled to an And of these."""

    __slots__ = ("left", "op", "plan", "right")

    def __init__(self, left: Node, op, right: Node):
        self.left, self.op, self.right = left, op, right
        self.plan = _walk_plan((left, right))
        self.type = "bool"
        lf, ll = _reader(left)
        rf, rl = _reader(right)
        if isinstance(left, Count) or isinstance(right, Count):
            self.fn = _range_compare(left, op, right)
        elif isinstance(right, Const):
            c = exact(right.value)

            def cmp_const(f):
                a = lf(f)
                if a is PENDING:
                    a = ll(f)
                if a.__class__ is float:
                    a = exact(a)
                return None if a is None else op(a, c)

            self.fn = cmp_const
        else:

            def cmp(f):
                a = lf(f)
                if a is PENDING:
                    a = ll(f)
                if a is None:
                    return None
                b = rf(f)
                if b is PENDING:
                    b = rl(f)
                if b is None:
                    return None
                if a.__class__ is float or b.__class__ is float:
                    a, b = exact(a), exact(b)
                return op(a, b)

            self.fn = cmp

    def children(self):
        return (self.left, self.right)

    def unknowns(self, f, out):
        _walk_unknowns(self.plan, f, out)


def _range_compare(left: Node, op, right: Node):
    """Compare where a side is count_members(): decided when every possible count agrees.

    With 2 members known to match and 1 unknown, `count_members(...) >= 2` is true, not unknown.
    """

    def candidates(node, f):
        if isinstance(node, Count):
            lo, hi = node.bounds(f)
            return range(lo, hi + 1)
        v = node.fn(f)
        return None if v is None else (v,)

    def cmp(f):
        a_values = candidates(left, f)
        b_values = candidates(right, f)
        if a_values is None or b_values is None:
            return None
        results = {op(a, b) for a in a_values for b in b_values}
        return results.pop() if len(results) == 1 else None

    return cmp


class Arith(Node):
    __slots__ = ("left", "op", "right")

    def __init__(self, left: Node, op, right: Node):
        self.left, self.op, self.right = left, op, right
        self.type = "number"
        lf, rf = left.fn, right.fn
        div = op is truediv  # int / int must not become a float: divide as Decimals

        def arith(f):
            a = lf(f)
            if a is None:
                return None
            b = rf(f)
            if b is None:
                return None
            if a.__class__ is float:
                a = exact(a)
            if b.__class__ is float:
                b = exact(b)
            try:
                return Decimal(a) / Decimal(b) if div else op(a, b)
            except (ZeroDivisionError, InvalidOperation):  # a ratio over zero: not known
                return None

        self.fn = arith

    def children(self):
        return (self.left, self.right)


class Neg(Node):
    __slots__ = ("child",)

    def __init__(self, child: Node):
        self.child = child
        self.type = "number"
        fn = child.fn
        self.fn = lambda f: None if (v := fn(f)) is None else -v

    def children(self):
        return (self.child,)


class IfExp(Node):
    __slots__ = ("body", "orelse", "test")

    def __init__(self, test: Node, body: Node, orelse: Node, type_: str):
        self.test, self.body, self.orelse = test, body, orelse
        self.type = type_
        tf, bf, of = test.fn, body.fn, orelse.fn

        def ifexp(f):
            t = tf(f)
            if t is None:
                return None
            return bf(f) if t else of(f)

        self.fn = ifexp

    def children(self):
        return (self.test, self.body, self.orelse)

    def _chosen(self, f):
        return self.body if self.test.fn(f) else self.orelse

    def leaves(self, f, out):
        t = self.test.fn(f)
        self.test.leaves(f, out)
        if t is not None:
            self._chosen(f).leaves(f, out)

    def why(self, f, out):
        self.test.leaves(f, out)
        self._chosen(f).why(f, out)

    def unknowns(self, f, out):
        if self.test.fn(f) is None:
            self.test.unknowns(f, out)
        else:
            chosen = self._chosen(f)
            if chosen.fn(f) is None:
                chosen.unknowns(f, out)


class IsKnown(Node):
    __slots__ = ("child", "want_known")

    def __init__(self, child: Node, want_known: bool):
        self.child, self.want_known = child, want_known
        self.type = "bool"
        fn = child.fn
        if want_known:
            self.fn = lambda f: fn(f) is not None
        else:
            self.fn = lambda f: fn(f) is None

    def children(self):
        return (self.child,)

    def unknowns(self, f, out):  # never unknown
        return


class Aggregate(Node):
    """any_member / all_members / other_member over the member fact dicts."""

    __slots__ = ("inner", "kind")

    def __init__(self, kind: str, inner: Node):
        self.kind, self.inner = kind, inner
        self.type = "bool"
        fn = inner.fn
        if kind == "all_members":

            def all_(f):
                result = True
                for g in f[MEMBERS]:
                    v = fn(g)
                    if v is False:
                        return False
                    if v is None:
                        result = None
                return result

            self.fn = all_
        else:
            skip_self = kind == "other_member"

            def any_(f):
                result = False
                for g in f[MEMBERS]:
                    if skip_self and g is f:
                        continue
                    v = fn(g)
                    if v is True:
                        return True
                    if v is None:
                        result = None
                return result

            self.fn = any_

    def children(self):
        return (self.inner,)

    def _members(self, f):
        return [g for g in f[MEMBERS] if not (self.kind == "other_member" and g is f)]

    def leaves(self, f, out):
        for g in self._members(f):
            self.inner.leaves(g, out)

    def why(self, f, out):
        for g in self._members(f):
            if self.inner.fn(g) is True:
                self.inner.why(g, out)

    def unknowns(self, f, out):
        for g in self._members(f):
            if self.inner.fn(g) is None:
                self.inner.unknowns(g, out)


class Count(Node):
    """count_members(cond): a number; unknown when any member's answer is unknown, except
    inside a comparison, which uses the (known, known + unknown) bounds."""

    __slots__ = ("inner",)

    def __init__(self, inner: Node):
        self.inner = inner
        self.type = "number"
        fn = inner.fn

        def count(f):
            n = 0
            for g in f[MEMBERS]:
                v = fn(g)
                if v is None:
                    return None
                if v:
                    n += 1
            return n

        self.fn = count

    def bounds(self, f) -> tuple[int, int]:
        lo = hi = 0
        for g in f[MEMBERS]:
            v = self.inner.fn(g)
            if v is None:
                hi += 1
            elif v:
                lo += 1
                hi += 1
        return lo, hi

    def children(self):
        return (self.inner,)

    def leaves(self, f, out):
        for g in f[MEMBERS]:
            if self.inner.fn(g) is True:
                self.inner.why(g, out)

    why = leaves

    def unknowns(self, f, out):
        for g in f[MEMBERS]:
            if self.inner.fn(g) is None:
                self.inner.unknowns(g, out)


def _bool_spec(node: Node):
    """(get, lazy, failing value) for a yes/no fact or its negation, else None."""
    negated = isinstance(node, Not)
    fact = node.child if negated else node
    if isinstance(fact, Fact) and fact.type == "bool":
        return (itemgetter(fact.path), fact.fn, negated)  # the failing value
    return None


def _bool_and(specs):
    """`a and b (and c ...)` over yes/no facts: unrolled for 2 and 3, no call per conjunct.

    A conjunct fails when its value is the failing value (False, or True under `not`).
    """
    if len(specs) == 2:
        (g1, l1, x1), (g2, l2, x2) = specs

        def and2(f):
            a = g1(f)
            if a is PENDING:
                a = l1(f)
            if a is x1:
                return False
            b = g2(f)
            if b is PENDING:
                b = l2(f)
            if b is x2:
                return False
            return None if a is None or b is None else True

        return and2
    if len(specs) != 3:

        def and_n(f):
            result = True
            for get, lazy, failing in specs:
                a = get(f)
                if a is PENDING:
                    a = lazy(f)
                if a is failing:
                    return False
                if a is None:
                    result = None
            return result

        return and_n
    (g1, l1, x1), (g2, l2, x2), (g3, l3, x3) = specs

    def and3(f):
        a = g1(f)
        if a is PENDING:
            a = l1(f)
        if a is x1:
            return False
        b = g2(f)
        if b is PENDING:
            b = l2(f)
        if b is x2:
            return False
        c = g3(f)
        if c is PENDING:
            c = l3(f)
        if c is x3:
            return False
        return None if a is None or b is None or c is None else True

    return and3


def _simple_spec(node: Node):
    """The fused-And spec of a node, or None when the node is not a simple test."""
    if isinstance(node, Fact) and node.type == "bool":
        return (itemgetter(node.path), None, None, None, node.fn)
    if (
        isinstance(node, Compare)
        and isinstance(node.left, Fact)
        and not isinstance(node.right, Count)
    ):
        left = (itemgetter(node.left.path), node.op)
        if isinstance(node.right, Const):
            return (*left, None, node.right.value, node.left.fn)
        if isinstance(node.right, (Param, Fact)):
            return (*left, node.right.fn, None, node.left.fn)
    return None
