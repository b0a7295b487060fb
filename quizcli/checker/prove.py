"""Symbolic proof that two expressions are equal, or no claim at all.

`simplify` rejects correct answers (1/(4cosh²(x/2)) for σ′) and can run for
seconds, so the main route is exact: rewrite the sigmoid/tanh family with exp,
replace each exp(c·m) by t_m^(c·L) so the difference becomes a rational
function, and `cancel` it. Piecewise differences are folded and proved branch
by branch. Failure to prove means "not proved", never "different": the numeric
screen decides that.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import sympy

from quizcli.checker.functions import CUSTOM
from quizcli.checker.numeric import kinks

MAX_ROUNDS = 6
KINKED = (sympy.Piecewise, sympy.Heaviside, sympy.Max, sympy.Min, sympy.Abs, sympy.sign)
HYPERBOLIC = (sympy.tanh, sympy.sech, sympy.cosh, sympy.sinh, sympy.coth, sympy.csch)


def proved_equal(answer: Any, reference: Any) -> bool:
    """True when answer − reference reduces to exactly 0."""
    difference = exact(answer - reference)
    if difference.has(*KINKED):
        return _zero_between_kinks(difference)
    return _is_zero(difference)


def exact(expr: Any) -> Any:
    """Floats to the rationals they were typed as, so 0.5·x − x/2 is exactly 0."""
    floats = {f: sympy.Rational(str(f)) for f in expr.atoms(sympy.Float)}
    return expr.xreplace(floats) if floats else expr


def _is_zero(expr: Any) -> bool:
    expr = expr.replace(sympy.erfc, lambda arg: 1 - sympy.erf(arg))
    rational = _exp_to_rational(expr.rewrite(*CUSTOM, *HYPERBOLIC, sympy.exp))
    if rational.is_polynomial() and sympy.expand(rational) == 0:
        return True
    if sympy.cancel(rational) == 0:
        return True
    return bool(rational.has(sympy.Pow) and sympy.cancel(sympy.powsimp(rational)) == 0)


def _exp_to_rational(expr: Any) -> Any:
    """Replace every exp(c·m) with t_m^(c·L): one positive symbol per monomial m."""
    powers = {atom: _split_exponent(atom.args[0]) for atom in expr.atoms(sympy.exp)}
    denominators: dict[Any, int] = {}
    for terms in powers.values():
        for monomial, coeff in terms:
            denominators[monomial] = math.lcm(denominators.get(monomial, 1), int(coeff.q))
    t = {m: sympy.Dummy("t", positive=True) for m in denominators}
    replacement = {
        atom: sympy.Mul(*(t[m] ** (c * denominators[m]) for m, c in terms))
        for atom, terms in powers.items()
    }
    return expr.xreplace(replacement)


def _split_exponent(exponent: Any) -> list[tuple[Any, Any]]:
    terms = []
    for term in sympy.Add.make_args(sympy.expand(exponent)):
        coeff, monomial = term.as_coeff_Mul()
        terms.append((monomial, sympy.Rational(coeff)))
    return terms


def _zero_between_kinks(difference: Any) -> bool:
    """Zero on every open interval between kinks, each interval with its own branches; a
    derivative's value on a kink is a convention, not part of the answer. Only kinks that
    are piecewise linear in a single variable are handled; the rest stays unproved."""
    kink_exprs = kinks([difference])
    variables = set().union(*(g.free_symbols for g in kink_exprs))
    if len(variables) != 1:
        return False
    (variable,) = variables
    roots = _kink_roots(kink_exprs, variable)
    if roots is None:
        return False
    for point in _between(roots):
        branch = _branch(difference, variable, point)
        if branch is None or not _is_zero(branch):
            return False
    return True


def _kink_roots(kink_exprs: list[Any], variable: Any) -> list[Any] | None:
    """Every zero of the kink expressions; nested ones (6 − max(0, x+3)) are resolved on
    each interval cut by the roots found so far, until no new root appears."""
    roots: set[Any] = set()
    for _ in range(MAX_ROUNDS):
        found = set(roots)
        ordered = sorted(roots)
        for g in kink_exprs:
            for point in _between(ordered):
                root = _linear_root(_branch(g, variable, point), variable)
                if root is None:
                    return None
                if root is not False and _same_interval(root, point, ordered):
                    found.add(root)
        if found == roots:
            return ordered
        roots = found
    return None


def _linear_root(g: Any, variable: Any) -> Any:
    """The zero of a linear g; False when g is constant; None when g is not linear."""
    if g is None:
        return None
    slope = sympy.diff(g, variable)
    if slope == 0:
        return False
    if not slope.is_Rational:
        return None
    return -g.subs(variable, 0) / slope


def _same_interval(root: Any, point: Any, roots: list[Any]) -> bool:
    """True when no known root lies between `point` and `root` (the branch holds there)."""
    low, high = sorted((root, point))
    return not any(low <= r <= high for r in roots)


def _between(roots: list[Any]) -> list[Any]:
    """A rational point inside each open interval the roots cut the line into."""
    if not roots:
        return [sympy.Integer(0)]
    inner = [(a + b) / 2 for a, b in itertools.pairwise(roots)]
    return [roots[0] - 1, *inner, roots[-1] + 1]


def _branch(expr: Any, variable: Any, point: Any) -> Any:
    """`expr` with every kinked function replaced by its branch around `point`."""
    if not expr.args or not expr.has(*KINKED):
        return expr
    if isinstance(expr, sympy.Piecewise):
        return _active_piece(expr, variable, point)
    args = [_branch(arg, variable, point) for arg in expr.args]
    if None in args:
        return None
    if isinstance(expr, KINKED):
        return _pick(type(expr), args, variable, point)
    return expr.func(*args)


def _active_piece(expr: Any, variable: Any, point: Any) -> Any:
    for value, condition in expr.args:
        truth = condition.subs(variable, point)
        if truth is sympy.true:
            return _branch(value, variable, point)
        if truth is not sympy.false:
            return None
    return None


def _pick(kind: type, args: list[Any], variable: Any, point: Any) -> Any:
    values = [arg.subs(variable, point) for arg in args]
    if not all(value.is_Rational for value in values):
        return None
    if kind is sympy.Max:
        return args[values.index(max(values))]
    if kind is sympy.Min:
        return args[values.index(min(values))]
    positive = bool(values[0] > 0)
    if kind is sympy.Heaviside:
        return sympy.Integer(int(positive))
    if kind is sympy.Abs:
        return args[0] if positive else -args[0]
    return sympy.Integer(1 if positive else -1)
