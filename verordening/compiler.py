"""Compile condition text into nodes: ast.parse, a whitelist walk, closures. Never eval.

The language is described in docs/verordening-format.md ("Conditions"). Everything that is not
explicitly handled here is refused with a Dutch message, so a policy officer learns at load time,
not when a resident applies.
"""

from __future__ import annotations

import ast
import operator
from dataclasses import dataclass, field

from . import nodes as n
from .intake_schema import Catalogue, engine_type

MAX_LENGTH = 4000  # far beyond any real condition; stops pathological input early

_LITERAL_NAMES = {
    "true": True,
    "True": True,
    "false": False,
    "False": False,
    "null": None,
    "None": None,
}
_AGGREGATES = ("any_member", "all_members", "count_members", "other_member")
_FUNCTIONS = ("is_known", "is_unknown", *_AGGREGATES)


def _in(a, b):
    return a in b


def _not_in(a, b):
    return a not in b


_COMPARE_OPS = {
    ast.Eq: (operator.eq, "=="),
    ast.NotEq: (operator.ne, "!="),
    ast.Lt: (operator.lt, "<"),
    ast.LtE: (operator.le, "<="),
    ast.Gt: (operator.gt, ">"),
    ast.GtE: (operator.ge, ">="),
    ast.In: (_in, "in"),
    ast.NotIn: (_not_in, "not in"),
}
_ARITH_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_TYPE_NL = {
    "bool": "ja/nee",
    "number": "getal",
    "string": "tekst",
    "list": "lijst",
    "null": "null",
    "any": "waarde",
}


class CompileError(Exception):
    """A condition is not valid; the loader adds file, article and rule to the message."""


@dataclass
class Condition:
    text: str
    node: n.Node
    refs: frozenset[str]  # fact paths (and derived names) the condition reads

    @property
    def fn(self):
        return self.node.fn


@dataclass
class _Ctx:
    scope: str  # member | household
    in_aggregate: bool = False


@dataclass
class DerivedFact:
    path: str
    scope: str
    text: str
    condition: Condition | None = None


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _compatible(a: str, b: str) -> bool:
    return a == b or "any" in (a, b)


def parse(text: str) -> ast.Expression:
    if not isinstance(text, str) or not text.strip():
        raise CompileError("lege conditie")
    if len(text) > MAX_LENGTH:
        raise CompileError(f"conditie is langer dan {MAX_LENGTH} tekens")
    try:
        return ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise CompileError(f"ongeldige syntaxis in '{text.strip()}': {exc.msg}") from None


def dotted_names(text: str) -> set[str]:
    """Every dotted name in a condition, for ordering derived facts before compiling them."""
    tree = parse(text)
    return {d for node in ast.walk(tree) if (d := _dotted(node)) and "." in d}


@dataclass
class Compiler:
    catalogue: Catalogue
    params: dict[str, str]  # name -> type
    derived: dict[str, DerivedFact] = field(default_factory=dict)
    #: the parameters the compiled conditions name (the loader checks they have a value then)
    used_params: set[str] = field(default_factory=set)

    def compile(self, text: str, scope: str, want: str | None = "bool") -> Condition:
        tree = parse(text)
        node = self._node(tree.body, _Ctx(scope))
        if want == "bool":
            self._want_bool(node, "de conditie")
        return Condition(text, node, frozenset(node.refs()))

    # -- helpers ------------------------------------------------------------------------------

    def _want_bool(self, node: n.Node, what: str) -> None:
        if node.type not in ("bool", "any"):
            raise CompileError(
                f"{what} moet ja/nee opleveren, maar geeft een {_TYPE_NL[node.type]}"
            )

    def _want_number(self, node: n.Node, what: str) -> None:
        if node.type not in ("number", "any"):
            raise CompileError(f"{what} verwacht een getal, maar kreeg een {_TYPE_NL[node.type]}")

    def _node(self, node: ast.AST, ctx: _Ctx) -> n.Node:
        handler = getattr(self, "_" + type(node).__name__, None)
        if handler is None:
            raise CompileError(f"niet toegestaan in een conditie: {type(node).__name__}")
        return handler(node, ctx)

    # -- names, facts, parameters, literals ---------------------------------------------------

    def _Name(self, node: ast.Name, ctx: _Ctx) -> n.Node:
        if node.id in _LITERAL_NAMES:
            value = _LITERAL_NAMES[node.id]
            return n.Const(value, "null" if value is None else "bool")
        if node.id in ("member", "household", "param"):
            raise CompileError(f"onvolledig feit '{node.id}': noem het hele pad")
        raise CompileError(f"onbekende naam {node.id}")

    def _Attribute(self, node: ast.Attribute, ctx: _Ctx) -> n.Node:
        path = _dotted(node)
        if path is None:
            raise CompileError("alleen feiten (member.…, household.…) en param.… zijn toegestaan")
        root = path.split(".", 1)[0]
        if root == "param":
            name = path[len("param.") :]
            if name not in self.params:
                raise CompileError(f"onbekende parameter {path}")
            self.used_params.add(name)
            return n.Param(name, self.params[name])
        if root not in ("member", "household"):
            raise CompileError(f"onbekend feit {path}")
        if root == "member" and ctx.scope == "household" and not ctx.in_aggregate:
            raise CompileError(
                f"{path} is een feit van één persoon; gebruik het in een huishoudregel alleen "
                "binnen any_member, all_members of count_members"
            )
        if path in self.derived:
            d = self.derived[path]
            if d.condition is None:  # ordering guarantees this never happens for valid files
                raise CompileError(f"afgeleid feit {path} is nog niet bekend")
            return n.Fact(path, d.condition.node.type, derived=d.condition.node)
        info = self.catalogue.facts.get(path)
        if info is None:
            raise CompileError(f"onbekend feit {path}")
        return n.Fact(path, engine_type(info))

    def _Constant(self, node: ast.Constant, ctx: _Ctx) -> n.Node:
        v = node.value
        if v is None:
            return n.Const(None, "null")
        if isinstance(v, bool):
            return n.Const(v, "bool")
        if isinstance(v, (int, float)):
            return n.Const(v, "number")
        if isinstance(v, str):
            return n.Const(v, "string")
        raise CompileError(f"niet toegestaan als waarde: {v!r}")

    def _List(self, node: ast.List | ast.Tuple, ctx: _Ctx) -> n.Node:
        items = [self._node(e, ctx) for e in node.elts]
        if all(isinstance(i, n.Const) for i in items):
            # a literal list becomes one constant, so `x in [...]` is a simple, fusable test
            return n.Const(tuple(i.value for i in items), "list")
        return n.ListNode(items)

    _Tuple = _List

    # -- logic ---------------------------------------------------------------------------------

    def _BoolOp(self, node: ast.BoolOp, ctx: _Ctx) -> n.Node:
        items = [self._node(v, ctx) for v in node.values]
        word = "and" if isinstance(node.op, ast.And) else "or"
        for item in items:
            self._want_bool(item, f"elk deel van '{word}'")
        return n.And(items) if word == "and" else n.Or(items)

    def _UnaryOp(self, node: ast.UnaryOp, ctx: _Ctx) -> n.Node:
        child = self._node(node.operand, ctx)
        if isinstance(node.op, ast.Not):
            self._want_bool(child, "'not'")
            return n.Not(child)
        if isinstance(node.op, (ast.USub, ast.UAdd)):
            self._want_number(child, "een min- of plusteken")
            if isinstance(child, n.Const):
                return n.Const(
                    -child.value if isinstance(node.op, ast.USub) else child.value, "number"
                )
            return n.Neg(child) if isinstance(node.op, ast.USub) else child
        raise CompileError(f"niet toegestaan in een conditie: {type(node.op).__name__}")

    def _BinOp(self, node: ast.BinOp, ctx: _Ctx) -> n.Node:
        op = _ARITH_OPS.get(type(node.op))
        if op is None:
            raise CompileError(f"niet toegestaan in een conditie: {type(node.op).__name__}")
        left, right = self._node(node.left, ctx), self._node(node.right, ctx)
        self._want_number(left, "rekenen")
        self._want_number(right, "rekenen")
        return n.Arith(left, op, right)

    def _IfExp(self, node: ast.IfExp, ctx: _Ctx) -> n.Node:
        test = self._node(node.test, ctx)
        self._want_bool(test, "de test van 'if … else'")
        body, orelse = self._node(node.body, ctx), self._node(node.orelse, ctx)
        if body.type == orelse.type or orelse.type == "null":
            type_ = body.type
        elif body.type == "null":
            type_ = orelse.type
        elif _compatible(body.type, orelse.type):
            type_ = "any"
        else:
            raise CompileError("beide kanten van 'if … else' moeten hetzelfde soort waarde geven")
        return n.IfExp(test, body, orelse, type_)

    def _Compare(self, node: ast.Compare, ctx: _Ctx) -> n.Node:
        operands = [self._node(node.left, ctx)] + [self._node(c, ctx) for c in node.comparators]
        parts = []
        for i, op_node in enumerate(node.ops):
            entry = _COMPARE_OPS.get(type(op_node))
            if entry is None:
                raise CompileError(
                    "'is' en 'is not' zijn niet toegestaan; gebruik is_known(x) of is_unknown(x)"
                )
            fn, symbol = entry
            left, right = operands[i], operands[i + 1]
            self._check_compare(left, symbol, right)
            if symbol in ("in", "not in") and isinstance(right, n.Const):
                right = self._as_set(right)
            parts.append(n.Compare(left, fn, right))
        return parts[0] if len(parts) == 1 else n.And(parts)

    @staticmethod
    def _as_set(const: n.Const) -> n.Const:
        try:
            return n.Const(frozenset(const.value), "list")
        except TypeError:
            return const

    def _check_compare(self, left: n.Node, symbol: str, right: n.Node) -> None:
        if "null" in (left.type, right.type):
            raise CompileError(
                "vergelijken met null kan niet (onbekend blijft onbekend); "
                "gebruik is_known(x) of is_unknown(x)"
            )
        if symbol in ("<", "<=", ">", ">="):
            self._want_number(left, f"'{symbol}'")
            self._want_number(right, f"'{symbol}'")
        elif symbol in ("==", "!="):
            if not _compatible(left.type, right.type):
                raise CompileError(
                    f"'{symbol}' vergelijkt een {_TYPE_NL[left.type]} met een "
                    f"{_TYPE_NL[right.type]}"
                )
            self._check_enum(left, right)
            self._check_enum(right, left)
        else:
            if right.type not in ("list", "any"):
                raise CompileError(f"rechts van '{symbol}' moet een lijst staan")
            if isinstance(right, n.Const):
                for value in right.value:
                    item_type = _type_of_value(value)
                    if not _compatible(left.type, item_type):
                        raise CompileError(
                            f"'{symbol}': de lijst bevat een "
                            f"{_TYPE_NL[item_type]}, maar links staat een "
                            f"{_TYPE_NL[left.type]}"
                        )
                self._check_enum(left, right)

    def _check_enum(self, fact: n.Node, other: n.Node) -> None:
        """A string compared with a fact that has a fixed list of answers must be one of them."""
        if not isinstance(fact, n.Fact) or not isinstance(other, n.Const):
            return
        info = self.catalogue.facts.get(fact.path)
        if info is None or not info.values:
            return
        values = other.value if isinstance(other.value, (tuple, frozenset)) else (other.value,)
        for value in values:
            if isinstance(value, str) and value not in info.values:
                allowed = ", ".join(info.values)
                raise CompileError(
                    f"onbekende waarde '{value}' voor {fact.path} (mogelijk: {allowed})"
                )

    # -- functions -----------------------------------------------------------------------------

    def _Call(self, node: ast.Call, ctx: _Ctx) -> n.Node:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in _FUNCTIONS:
            raise CompileError(
                f"onbekende functie {name or ast.unparse(node.func)}; toegestaan: "
                + ", ".join(_FUNCTIONS)
            )
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise CompileError(f"{name}() neemt precies één conditie")
        if name in ("is_known", "is_unknown"):
            return n.IsKnown(self._node(node.args[0], ctx), want_known=name == "is_known")
        if ctx.in_aggregate:
            raise CompileError(f"{name}() binnen een ander aggregaat is niet toegestaan")
        if name == "other_member" and ctx.scope != "member":
            raise CompileError("other_member() kan alleen in een regel per persoon (scope: member)")
        inner = self._node(node.args[0], _Ctx("member", in_aggregate=True))
        self._want_bool(inner, f"de conditie in {name}()")
        if name == "count_members":
            return n.Count(inner)
        return n.Aggregate(name, inner)


def _type_of_value(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "list"
    return "any"


type_of_value = _type_of_value
