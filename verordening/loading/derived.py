"""The `derived:` section: facts the file defines from answers, ordered by dependency."""

from __future__ import annotations

from ..compiler import CompileError, Compiler, DerivedFact, dotted_names
from ..intake_schema import Catalogue
from .checker import ID, Checker


def read_derived(
    check: Checker, raw, compiler: Compiler, catalogue: Catalogue
) -> tuple[DerivedFact, ...]:
    if not check.keys(raw, {"household", "member"}, set(), where="derived"):
        return ()
    declared: dict[str, DerivedFact] = {}
    for scope in ("household", "member"):
        block = raw.get(scope) or {}
        if not isinstance(block, dict):
            check.err("verwacht naam: conditie", where=f"derived {scope}")
            continue
        for name, text in block.items():
            path = f"{scope}.{name}"
            if not isinstance(name, str) or not ID.match(name):
                check.err("ongeldige naam", where=f"derived {path}")
            elif path in catalogue.facts:
                check.err("deze naam is al een feit uit het formulier", where=f"derived {path}")
            elif not isinstance(text, str):
                check.err("de definitie moet een tekst zijn", where=f"derived {path}")
            else:
                declared[path] = DerivedFact(path, scope, text)
    order = _derived_order(check, declared)
    compiler.derived = declared
    for path in order:
        d = declared[path]
        try:
            d.condition = compiler.compile(d.text, d.scope, want=None)
        except CompileError as exc:
            check.err(str(exc), where=f"derived {path}")
            # keep later derived facts compilable: an unknown placeholder
            from .compiler import Condition
            from .nodes import Const

            d.condition = Condition(d.text, Const(None, "any"), frozenset())
    return tuple(declared[p] for p in order)


def _derived_order(check: Checker, declared: dict[str, DerivedFact]) -> list[str]:
    """Depth-first order so each derived fact is computed after the ones it uses."""
    deps: dict[str, set[str]] = {}
    for path, d in declared.items():
        try:
            deps[path] = {x for x in dotted_names(d.text) if x in declared}
        except CompileError as exc:
            check.err(str(exc), where=f"derived {path}")
            deps[path] = set()
    order: list[str] = []
    state: dict[str, int] = {}  # 1 = visiting, 2 = done

    def visit(path: str, chain: list[str]) -> None:
        if state.get(path) == 2:
            return
        if state.get(path) == 1:
            cycle = " → ".join([*chain[chain.index(path) :], path])
            raise CompileError(f"kringverwijzing in afgeleide feiten: {cycle}")
        state[path] = 1
        for dep in sorted(deps[path]):
            visit(dep, [*chain, path])
        state[path] = 2
        order.append(path)

    for path in declared:
        try:
            visit(path, [])
        except CompileError as exc:
            check.err(str(exc), where=f"derived {path}")
            return []
    return order
