"""The numeric screen: evaluate answer and reference at seeded points and compare.

Tolerance is relative 1e-8 plus an absolute floor of 1e-9 times the reference's
scale, tight enough to refuse the tanh form of GELU′ (off by ~1e-3) and loose
enough for float noise. A point where only one side is finite is a mismatch;
points where neither is finite are skipped; too few usable points is no
decision. Points never sit on a kink, and there are points on both sides of
every kink of the main variable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy
from sympy.core.relational import Relational

from quizcli.checker.forms import Points
from quizcli.checker.functions import NUMPY

STEP = sympy.Function("step")
RTOL = 1e-8
ATOL_SCALE = 1e-9
MIN_POINTS = 8
KINK_GAP = 1e-6
GRID = 4001
MAX_ROOTS = 40
MAX_TERMS = 60


@dataclass(frozen=True)
class Screen:
    """The outcome of comparing two arrays of entries × points."""

    usable: np.ndarray  # both finite
    mismatch: np.ndarray  # usable and not within tolerance, or only one side finite

    @property
    def decided(self) -> bool:
        return bool(self.mismatch.any()) or int(self.usable.sum()) >= MIN_POINTS

    @property
    def equal(self) -> bool:
        return self.decided and not self.mismatch.any()


def evaluate(exprs: Sequence[Any], variables: Sequence[Any], points: Points) -> np.ndarray:
    """Values of `exprs` at the points, shape (len(exprs), number of points); NaN where
    an expression is undefined or complex."""
    count = len(next(iter(points.values())))
    args = [points[v] for v in variables]
    exprs = [_printable(expr) for expr in exprs]
    try:
        function = sympy.lambdify(variables, list(exprs), modules=[NUMPY, np])
        with np.errstate(all="ignore"):
            rows = function(*args)
    except Exception:  # sympy's printer and numpy fail in many ways; retry one by one
        rows = [_evaluate_one(expr, variables, args) for expr in exprs]
    return np.array([_real(row, count) for row in rows])


def _printable(expr: Any) -> Any:
    """Heaviside as a plain numpy call: sympy's printer would rewrite it as a Piecewise
    through `simplify`, which costs hundreds of milliseconds."""
    if isinstance(expr, sympy.Basic) and expr.has(sympy.Heaviside):
        return expr.replace(sympy.Heaviside, lambda arg, *rest: STEP(arg))
    return expr


def _evaluate_one(expr: Any, variables: Sequence[Any], args: list[np.ndarray]) -> Any:
    try:
        function = sympy.lambdify(variables, expr, modules=[NUMPY, np])
        with np.errstate(all="ignore"):
            return function(*args)
    except Exception:  # an expression numpy cannot evaluate is undefined at every point
        return np.nan


def _real(row: Any, count: int) -> np.ndarray:
    try:
        values = np.broadcast_to(np.asarray(row), (count,))
    except ValueError:
        return np.full(count, np.nan)
    if np.iscomplexobj(values):
        real = np.abs(values.imag) <= 1e-12 * (1 + np.abs(values.real))
        return np.where(real, values.real, np.nan)
    try:
        return values.astype(float)
    except (TypeError, ValueError):
        return np.full(count, np.nan)


def compare(answer: np.ndarray, reference: np.ndarray, terms: np.ndarray | None = None) -> Screen:
    """Equal within RTOL, plus an absolute floor: ATOL_SCALE times the size of the terms
    being cancelled at each point (`terms`, from `term_sizes`) when given, else times the
    largest reference value. A floor from the largest value lets `exp(10x) + 1` pass for
    `exp(10x)` where the values are small; one from the terms at each point does not."""
    finite_a, finite_r = np.isfinite(answer), np.isfinite(reference)
    usable = finite_a & finite_r
    if terms is not None:
        atol: Any = ATOL_SCALE * np.maximum(np.nan_to_num(terms, nan=0.0, posinf=0.0), 1e-3)
    else:
        scale = float(np.max(np.abs(reference[finite_r]), initial=0.0))
        atol = ATOL_SCALE * max(scale, 1e-3)
    with np.errstate(all="ignore"):
        gap = np.abs(answer - reference)
        bound = RTOL * np.maximum(np.abs(answer), np.abs(reference)) + atol
    close = usable & (gap <= bound)
    mismatch = (usable & ~close) | (finite_a ^ finite_r)
    return Screen(usable, mismatch)


def term_sizes(exprs: Sequence[Any], variables: Sequence[Any], points: Points) -> np.ndarray:
    """At each point, the largest magnitude of any term of any sum inside each expression
    (and of the expression itself): the size of what cancels, which float error scales with."""
    rows = []
    for expr in exprs:
        terms = [expr]
        if isinstance(expr, sympy.Basic):
            for node in sympy.preorder_traversal(expr):
                if isinstance(node, sympy.Add):
                    terms.extend(t for t in node.args if t.free_symbols and t not in terms)
        values = evaluate(terms[:MAX_TERMS], variables, points)
        # Non-finite terms count as 0, not NaN: np.nanmax warns on stderr at a point where
        # every term overflowed (exp(exp(exp(exp(x))))).
        with np.errstate(all="ignore"):
            rows.append(np.max(np.where(np.isfinite(values), np.abs(values), 0.0), axis=0))
    sizes: np.ndarray = np.array(rows)
    return sizes


def kinks(exprs: Sequence[Any]) -> list[Any]:
    """Expressions whose sign change is a kink: arguments of Heaviside, |·|, sign,
    max/min differences, and Piecewise conditions."""
    found: list[Any] = []
    for expr in exprs:
        for node in sympy.preorder_traversal(expr):
            for candidate in _kink_of(node):
                if candidate not in found and candidate.free_symbols:
                    found.append(candidate)
    return found


def _kink_of(node: Any) -> list[Any]:
    if isinstance(node, sympy.Heaviside | sympy.Abs | sympy.sign):
        return [node.args[0]]
    if isinstance(node, sympy.Max | sympy.Min):
        first, *rest = node.args
        return [first - other for other in rest]
    if isinstance(node, sympy.Piecewise):
        relations = [cond for _, cond in node.args if isinstance(cond, Relational)]
        return [rel.lhs - rel.rhs for rel in relations if not isinstance(rel, sympy.Eq | sympy.Ne)]
    return []


def kink_roots(
    kink_exprs: Sequence[Any],
    main: Any,
    variables: Sequence[Any],
    at: dict[Any, float],
    span: tuple[float, float],
) -> list[float]:
    """Where the kinks cross zero along the main variable inside `span`, the other variables
    held at `at`: sign changes on a fine grid, placed exactly by linear interpolation (kinks
    are piecewise linear near their roots in practice; nested ones like 6 − max(0, x+3) too)."""
    if not kink_exprs:
        return []
    grid = np.linspace(*span, GRID)
    points = {v: grid if v == main else np.full(GRID, at[v]) for v in variables}
    roots: set[float] = set()
    for row in evaluate(kink_exprs, variables, points):
        roots.update(float(x) for x in grid[row == 0])
        cross = np.nonzero(row[:-1] * row[1:] < 0)[0]
        for i in cross[:MAX_ROOTS]:
            x0, x1, y0, y1 = grid[i], grid[i + 1], row[i], row[i + 1]
            roots.add(float(x0 - y0 * (x1 - x0) / (y1 - y0)))
    return sorted(roots)[:MAX_ROOTS]


def off_kinks(points: Points, kink_exprs: Sequence[Any], variables: Sequence[Any]) -> np.ndarray:
    """A mask of the points not sitting on (within 1e-6 of) a kink."""
    keep = np.ones(len(next(iter(points.values()))), dtype=bool)
    if kink_exprs:
        values = evaluate(kink_exprs, variables, points)
        keep &= ~np.any(np.abs(values) < KINK_GAP, axis=0)
    return keep
