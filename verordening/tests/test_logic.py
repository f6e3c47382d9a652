"""The condition language: Kleene logic, arithmetic, aggregates, derived facts, explanations."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from verordening.compiler import CompileError, Compiler
from verordening.facts import flatten, template
from verordening.intake_schema import load_catalogue
from verordening.loader import load_file
from verordening.nodes import PENDING, Fact

from .conftest import MODEL

A = "household.debts.has_debts"
B = "household.debts.threatened_eviction"
N = "household.income.monthly_net_income"
T, F, U = True, False, None


@pytest.fixture(scope="module")
def compiler():
    return Compiler(load_catalogue(), {"grens": "number", "lijst": "list", "aan": "bool"})


def facts(**values) -> dict:
    f = template(load_catalogue().facts, {"grens": 10, "lijst": ("a", "b"), "aan": True})
    f["__members__"] = []
    f.update({k.replace("__", "."): v for k, v in values.items()})
    return f


def run(compiler, text, scope="household", **values):
    return compiler.compile(text, scope, want=None).fn(facts(**values))


def kleene_and(a, b):
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def kleene_or(a, b):
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


@pytest.mark.parametrize(("a", "b"), list(itertools.product((T, F, U), repeat=2)))
def test_and_or_truth_tables(compiler, a, b):
    f = facts()
    f[A], f[B] = a, b
    assert compiler.compile(f"{A} and {B}", "household").fn(f) is kleene_and(a, b)
    assert compiler.compile(f"{A} or {B}", "household").fn(f) is kleene_or(a, b)
    # the same through each compiled shape: unrolled yes/no facts (2 and 3 conjuncts, with
    # `not`), the fused loop (a comparison among the conjuncts) and the generic closure
    knot = None if b is None else not b
    assert compiler.compile(f"{A} and {B} and {A}", "household").fn(f) is kleene_and(a, b)
    assert compiler.compile(f"{A} and not {B}", "household").fn(f) is kleene_and(a, knot)
    assert compiler.compile(f"{A} or not {B}", "household").fn(f) is kleene_or(a, knot)
    assert compiler.compile(f"{A} or ({B} and {A})", "household").fn(f) is kleene_or(
        a, kleene_and(b, a)
    )
    four = compiler.compile(f"{A} and {B} and not {B} and {A}", "household").fn(f)
    assert four is kleene_and(kleene_and(a, b), knot)
    f[N] = 1
    assert compiler.compile(f"{A} and {B} and {N} >= 0", "household").fn(f) is kleene_and(a, b)
    assert compiler.compile(f"{A} and {N} < 0", "household").fn(f) is kleene_and(a, False)
    assert compiler.compile(f"{A} and not not {B}", "household").fn(f) is kleene_and(a, b)


@pytest.mark.parametrize(("a", "expected"), [(T, F), (F, T), (U, U)])
def test_not(compiler, a, expected):
    f = facts()
    f[A] = a
    assert compiler.compile(f"not {A}", "household").fn(f) is expected


def test_unknown_and_false_is_false_and_unknown_or_true_is_true(compiler):
    f = facts()
    f[A], f[B] = None, False
    assert compiler.compile(f"{A} and {B} and {A}", "household").fn(f) is False
    f[B] = True
    assert compiler.compile(f"{A} or {B} or {A}", "household").fn(f) is True


def test_comparison_with_unknown_is_unknown(compiler):
    f = facts()
    assert compiler.compile(f"{N} > 100", "household").fn(f) is None
    assert compiler.compile(f"{N} > param.grens", "household").fn(f) is None
    f[N] = 5
    assert compiler.compile(f"{N} > param.grens", "household").fn(f) is False
    assert compiler.compile(f"0 < {N} < param.grens", "household").fn(f) is True


def test_arithmetic_propagates_unknown_and_division_by_zero_is_unknown(compiler):
    f = facts()
    expr = compiler.compile(f"{N} * 2 + 1 - -1", "household", want=None)
    assert expr.fn(f) is None
    f[N] = 3
    assert expr.fn(f) == 8
    ratio = compiler.compile(f"100 / {N}", "household", want=None)
    f[N] = 0
    assert ratio.fn(f) is None
    assert compiler.compile(f"100 / {N} > 1", "household").fn(f) is None


def test_if_expression_and_membership(compiler):
    expr = compiler.compile(f"param.grens if {A} else 0", "household", want=None)
    f = facts()
    assert expr.fn(f) is None
    f[A] = True
    assert expr.fn(f) == 10
    f[A] = False
    assert expr.fn(f) == 0
    situation = "household.housing.situation"
    cond = compiler.compile(f"{situation} in ['rental', 'room']", "household")
    assert cond.fn(f) is None
    f[situation] = "room"
    assert cond.fn(f) is True
    f[situation] = "own_home"
    assert cond.fn(f) is False
    assert compiler.compile(f"{situation} not in ('rental',)", "household").fn(f) is True


def test_is_known_is_never_unknown(compiler):
    f = facts()
    assert compiler.compile(f"is_known({A})", "household").fn(f) is False
    assert compiler.compile(f"is_unknown({A})", "household").fn(f) is True
    f[A] = False
    assert compiler.compile(f"is_known({A})", "household").fn(f) is True


def test_literals_true_false_null(compiler):
    f = facts()
    f[A] = True
    assert compiler.compile(f"{A} == true", "household").fn(f) is True
    assert compiler.compile(f"{A} == True and not false", "household").fn(f) is True
    with pytest.raises(CompileError):
        compiler.compile(f"{A} != null", "household")


def _household(*members):
    data = {"members": list(members)}
    cat = load_catalogue()
    tpl = template(cat.facts, {})
    return flatten(data, date(2026, 3, 1), tpl, cat.member_keymap, cat.household_keymap)


def test_aggregates_any_all_count_other(compiler):
    h, members = _household(
        {"id": "a", "role": "applicant", "health": {"needs_nursing_care": True}},
        {"id": "b", "role": "partner", "health": {"needs_nursing_care": None}},
        {"id": "c", "role": "child", "health": {"needs_nursing_care": False}},
    )
    care = "member.health.needs_nursing_care"

    def hh(text):
        return compiler.compile(text, "household").fn(h)

    assert hh(f"any_member({care})") is True
    assert hh(f"all_members({care})") is False
    assert hh(f"all_members({care} or member.role == 'child')") is None
    assert compiler.compile(f"count_members({care})", "household", want=None).fn(h) is None
    # bounds: 1 known, 1 unknown -> the count is 1 or 2
    assert hh(f"count_members({care}) >= 1") is True
    assert hh(f"count_members({care}) >= 2") is None
    assert hh(f"count_members({care}) >= 3") is False
    assert hh(f"count_members({care}) == 0") is False
    other = compiler.compile(f"other_member({care})", "member")
    assert [other.fn(m) for m in members] == [None, True, True]
    with pytest.raises(CompileError, match="alleen in een regel per persoon"):
        compiler.compile(f"other_member({care})", "household")


def test_builtin_derived_facts():
    h, members = _household(
        {"id": "a", "role": "applicant", "birth_date": "1980-03-01"},
        {"id": "b", "role": "partner", "birth_date": "1980-03-02"},
        {"id": "c", "role": "child", "birth_date": "2010-01-01"},
    )
    assert [m["member.age"] for m in members] == [46, 45, 16]
    assert [m["member.is_applicant"] for m in members] == [True, False, False]
    assert (h["household.size"], h["household.adults"], h["household.children_under_18"]) == (
        3,
        2,
        1,
    )
    assert h["household.has_partner"] is True
    h2, _ = _household({"id": "a", "role": "applicant"})
    assert h2["household.adults"] is None and h2["household.has_partner"] is False


def test_declared_derived_facts_are_ordered_and_computed_lazily():
    v = load_file(MODEL)
    order = [d.path for d in v.derived]
    assert order.index("household.social_minimum") < order.index("household.income_ratio")
    cat = load_catalogue()
    intake = {
        "members": [{"id": "a", "role": "applicant"}, {"id": "b", "role": "partner"}],
        "household": {"income": {"monthly_net_income": 1000}},
    }
    params = {k: p.value_on(date(2026, 3, 1)) for k, p in v.parameters.items()}
    tpl = template(cat.facts, params, [d.path for d in v.derived])
    h, members = flatten(intake, date(2026, 3, 1), tpl, cat.member_keymap, cat.household_keymap)
    ratio = next(d for d in v.derived if d.path == "household.income_ratio")
    get = Fact(ratio.path, "number", derived=ratio.condition.node).fn
    assert h["household.income_ratio"] is PENDING  # nothing computed before it is needed
    assert get(members[0]) == 0.5  # read from a member: computed once, on the household
    assert h["household.social_minimum"] == 2000 and h["household.income_ratio"] == 0.5
    assert members[0]["household.income_ratio"] == 0.5


def test_explain_true_and_unknown_paths(compiler):
    cond = compiler.compile(f"({A} or {B}) and {N} < param.grens", "household")
    f = facts()
    f[A], f[B], f[N] = True, False, 3
    out = []
    cond.node.why(f, out)
    assert [p for p, _ in out] == [A, N]  # `or`: only the true branch; `and`: all
    f[A], f[B], f[N] = None, False, None
    assert cond.fn(f) is None
    out = []
    cond.node.unknowns(f, out)
    assert [p for p, _ in out] == [A, N]  # B is answered (false), so not asked


def test_refs_know_the_facts_a_condition_reads(compiler):
    cond = compiler.compile(f"{A} and any_member(member.age > param.grens)", "household")
    assert cond.refs == {A, "member.age"}


def test_list_with_an_unknown_element_makes_membership_unknown(compiler):
    cond = compiler.compile(f"param.grens in [{N}, 3]", "household")
    f = facts()
    assert cond.fn(f) is None
    f[N] = 10
    assert cond.fn(f) is True
    f[N] = 11
    assert cond.fn(f) is False
