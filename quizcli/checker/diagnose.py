"""Say what is wrong with a wrong answer, from the numbers already computed.

In order: the question's own known mistakes; the function itself instead of its
derivative; a constant factor (−1 is a sign error), only where the answer is
also zero wherever the reference is; a missing or extra parameter factor; a
constant offset; a missing chain-rule factor; one factor of a product
differentiated; right on one side of a kink only; the diagonal or the
off-diagonal of a Jacobian wrong; a near miss (an approximation); and finally a
concrete point where the two differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from quizcli.checker.forms import Form, Points
from quizcli.checker.numeric import compare, evaluate
from quizcli.messages import Message, msg

Finding = Message
NEAR = 1e-2
NEAR_MISS = "why.near_miss"  # judge checks an approximation against exact arithmetic
MOSTLY = 0.8
CONSTANT = 1e-7


@dataclass
class Evidence:
    """An incorrect answer's values beside the reference's, at the same points."""

    form: Form
    points: Points
    answer: np.ndarray
    reference: np.ndarray
    kinks: Sequence[Any]

    def values(self, exprs: Sequence[Any]) -> np.ndarray:
        return evaluate(exprs, self.form.variables, self.points)

    def usable(self) -> np.ndarray:
        return np.asarray(np.isfinite(self.answer) & np.isfinite(self.reference))


def diagnose(evidence: Evidence) -> Finding:
    """The first rule that explains the difference, else a point where they differ."""
    rules: list[Callable[[Evidence], Finding | None]] = [
        _not_differentiated,
        _constant_factor,
        _parameter_factor,
        _constant_offset,
        _chain_rule,
        _product_rule,
        _one_side,
        _one_sign,
        _flipped_symbol,
        _matrix_part,
        _undefined_somewhere,
        _near_miss,
    ]
    for rule in rules:
        found = rule(evidence)
        if found:
            return found
    return _counterexample(evidence)


def matches(answer: np.ndarray, other: np.ndarray) -> bool:
    return compare(answer, other).equal


def _not_differentiated(ev: Evidence) -> Finding | None:
    if ev.form.definition is None or not matches(ev.answer, ev.values(ev.form.definition)):
        return None
    return msg("why.not_differentiated")


def _ratio(ev: Evidence) -> tuple[np.ndarray, np.ndarray] | None:
    """answer/reference where the reference is clearly non-zero, and that mask; None if the
    answer is non-zero somewhere the reference is zero (then no factor explains it)."""
    usable = ev.usable()
    floor = 1e-9 * max(float(np.max(np.abs(ev.reference[usable]), initial=0.0)), 1e-300)
    zero = usable & (np.abs(ev.reference) <= floor)
    if np.any(np.abs(ev.answer[zero]) > floor):
        return None
    nonzero = usable & ~zero
    if nonzero.sum() < 3:
        return None
    return np.asarray(ev.answer[nonzero] / ev.reference[nonzero]), nonzero


def _constant(values: np.ndarray) -> float | None:
    center = float(np.median(values))
    spread = float(np.max(np.abs(values - center)))
    return center if spread <= CONSTANT * max(abs(center), 1.0) else None


def _constant_factor(ev: Evidence) -> Finding | None:
    found = _ratio(ev)
    k = _constant(found[0]) if found is not None else None
    if k is None or abs(k - 1) < CONSTANT:
        return None
    if abs(k + 1) < CONSTANT:
        return msg("why.sign_flipped")
    if abs(k) < CONSTANT:
        return None
    shown = number(k)
    return msg("why.constant_factor", k=shown)


def _parameter_factor(ev: Evidence) -> Finding | None:
    found = _ratio(ev)
    if found is None:
        return None
    ratio, nonzero = found
    for variable in ev.form.variables:
        if variable == ev.form.main:
            continue
        values = np.broadcast_to(ev.points[variable], ev.reference.shape)[nonzero]
        name = inline(variable)
        if np.allclose(ratio, values, rtol=1e-7):
            return msg("why.extra_factor", name=name)
        if np.allclose(ratio * values, 1, rtol=1e-7):
            return msg("why.missing_factor", name=name)
    return None


def _constant_offset(ev: Evidence) -> Finding | None:
    usable = ev.usable()
    if usable.sum() < 3:
        return None
    c = _constant((ev.answer - ev.reference)[usable])
    if c is None or abs(c) < CONSTANT:
        return None
    shown = number(c)
    return msg("why.constant_offset", c=shown)


def _chain_rule(ev: Evidence) -> Finding | None:
    """The answer equals the derivative taken as if an inner argument's derivative were 1."""
    if ev.form.definition is None:
        return None
    main, definition = ev.form.main, ev.form.definition[0]
    for inner in ev.form.inner:
        factor = sympy.diff(inner, main)
        if factor == 1:
            continue
        w = sympy.Function("W")(main)
        dropped = sympy.diff(definition.xreplace({inner: w}), main)
        dropped = dropped.subs(sympy.Derivative(w, main), 1).xreplace({w: inner})
        if matches(ev.answer, ev.values([dropped])):
            du = inline(factor)
            return msg("why.chain_rule", inner=inline(inner), du=du)
    return None


def _product_rule(ev: Evidence) -> Finding | None:
    if ev.form.definition is None or ev.form.main is None:
        return None
    main = ev.form.main
    factors = [f for f in sympy.Mul.make_args(ev.form.definition[0]) if main in f.free_symbols]
    if len(factors) < 2:
        return None
    whole = ev.form.definition[0]
    for factor in factors:
        others = whole / factor
        one_term = sympy.diff(factor, main) * others
        if matches(ev.answer, ev.values([one_term])):
            return msg("why.product_rule", others=inline(others))
    return None


def _one_side(ev: Evidence) -> Finding | None:
    """Right on one side of a kink and wrong on (almost all of) the other."""
    main = ev.form.main
    if main is None:
        return None
    screen = compare(ev.answer, ev.reference)
    at = {v: float(ev.points[v][0]) for v in ev.form.variables}
    for g in ev.kinks:
        above, below = describe(g, main, 1, at), describe(g, main, -1, at)
        if above is None or below is None:
            continue
        side = np.sign(ev.values([g])[0])[None, :]
        for sign, ok, bad in ((1, above, below), (-1, below, above)):
            right = (side == sign) & screen.usable
            wrong = (side == -sign) & (screen.usable | screen.mismatch)
            if right.sum() < 2 or (screen.mismatch & right).any() or not wrong.any():
                continue
            if (screen.mismatch & wrong).sum() >= MOSTLY * wrong.sum():
                return msg("why.one_side", ok=ok, bad=bad)
    return None


def _one_sign(ev: Evidence) -> Finding | None:
    """Right wherever a parameter is positive and wrong wherever it is negative: the answer
    assumes a sign (|γ| for γ) that the question does not declare."""
    if ev.form.main is None:
        return None
    screen = compare(ev.answer, ev.reference)
    for variable in ev.form.variables:
        if variable == ev.form.main:
            continue
        side = np.sign(np.broadcast_to(ev.points[variable], ev.reference.shape))
        right, wrong = (side > 0) & screen.usable, (side < 0) & (screen.usable | screen.mismatch)
        if right.sum() < 2 or (screen.mismatch & right).any() or not wrong.any():
            continue
        if (screen.mismatch & wrong).sum() >= MOSTLY * wrong.sum():
            name = inline(variable)
            return msg("why.one_sign", name=name)
    return None


def _matrix_part(ev: Evidence) -> Finding | None:
    labels = np.array(ev.form.labels)
    if "diagonal" not in labels:
        return None
    wrong = np.asarray(compare(ev.answer, ev.reference).mismatch.any(axis=1))
    diagonal = labels == "diagonal"
    if not wrong[diagonal].any():
        return msg("why.off_diagonal_wrong")
    if not wrong[~diagonal].any():
        return msg("why.diagonal_wrong")
    return None


def _flipped_symbol(ev: Evidence) -> Finding | None:
    """A sign lost on any factor: the answer equals the reference with one symbol negated
    (λ → −λ in `w − η(g − λw)`), said with that symbol's name."""
    if ev.form.main is None:
        return None
    for variable in ev.form.variables:
        flipped = [entry.subs(variable, -variable) for entry in ev.form.reference]
        if flipped == list(ev.form.reference):
            continue
        if matches(ev.answer, ev.values(flipped)):
            name = inline(variable)
            if variable == ev.form.main:
                return msg("why.sign_inside", name=name)
            return msg("why.sign_on_terms", name=name)
    return None


def _undefined_somewhere(ev: Evidence) -> Finding | None:
    """Equal where both are defined, but one side is undefined where the other is not: that
    is what to say, not "very close"."""
    one_sided = np.isfinite(ev.answer) ^ np.isfinite(ev.reference)
    if not one_sided.any():
        return None
    usable = ev.usable()
    if not compare(ev.answer[usable], ev.reference[usable]).equal:
        return None
    row, col = (int(i[0]) for i in np.nonzero(one_sided))
    where = _where(ev, row, col)
    if np.isfinite(ev.reference[row, col]):
        return msg("why.yours_undefined", where=where, wanted=number(ev.reference[row, col]))
    return msg("why.reference_undefined", where=where)


def _where(ev: Evidence, row: int, col: int) -> Message:
    if ev.form.main is not None:
        text = ", ".join(f"{inline(v)} = {float(ev.points[v][col]):.6g}" for v in ev.form.variables)
        return msg("why.at", where=text)
    return msg("why.at_a_point")


def _near_miss(ev: Evidence) -> Finding | None:
    if (np.isfinite(ev.answer) ^ np.isfinite(ev.reference)).any():
        return None
    usable = ev.usable()
    if not usable.any():
        return None
    scale = max(float(np.max(np.abs(ev.reference[usable]))), 1e-12)
    worst = float(np.max(np.abs(ev.answer - ev.reference)[usable])) / scale
    if not 0 < worst < NEAR:
        return None
    shown = f"{worst:.1e}"
    return msg(NEAR_MISS, gap=shown)


def _counterexample(ev: Evidence) -> Finding:
    screen = compare(ev.answer, ev.reference)
    rows, cols = np.nonzero(screen.mismatch)
    if not len(rows):
        return msg("why.not_equal")
    row, col = _worst(ev, rows, cols)
    yours, wanted = ev.answer[row, col], number(ev.reference[row, col])
    if ev.form.main is not None:
        where = ", ".join(
            f"{inline(v)} = {float(ev.points[v][col]):.6g}" for v in ev.form.variables
        )
    else:
        where = ev.form.places[row] if row < len(ev.form.places) else ""
    at = msg("why.at", where=where) if where else msg("why.at_a_point")
    if ev.form.main is None and where:
        at = msg("why.at_random_z", where=where)
    if np.isinf(yours):
        return msg("why.too_large", at=at, wanted=wanted)
    if not np.isfinite(yours):
        return msg("why.not_real", at=at, wanted=wanted)
    return msg("why.differs", at=at, yours=number(yours), wanted=wanted)


def _worst(ev: Evidence, rows: np.ndarray, cols: np.ndarray) -> tuple[int, int]:
    """The mismatch with the largest relative difference: the most convincing one to show
    (an undefined answer first)."""
    yours, wanted = ev.answer[rows, cols], ev.reference[rows, cols]
    with np.errstate(all="ignore"):
        gap = np.abs(yours - wanted) / (np.abs(wanted) + 1e-12)
    gap = np.where(np.isfinite(yours), gap, np.inf)
    best = int(np.argmax(gap))
    return int(rows[best]), int(cols[best])


def number(value: float) -> str:
    """A float as a short fraction when it is one (2, 1/2, −1/4), else 4 significant digits."""
    if not np.isfinite(value):
        return str(value)
    fraction = Fraction(float(value)).limit_denominator(12)
    if abs(float(fraction) - value) <= 1e-9 * max(1.0, abs(value)):
        return str(fraction).replace("-", "−")
    short = f"{value:.4g}"
    if abs(float(short) - value) > 1e-9 * abs(value) and float(short) in (1.0, -1.0, 0.0):
        short = f"{value:.10g}"  # 1.0000001 times the answer is not "1 times" it
    return short.replace("-", "−")


def inline(expr: Any) -> str:
    """A one-line Unicode rendering of a small expression."""
    text = str(sympy.pretty(expr, use_unicode=True))
    return text if "\n" not in text else str(sympy.sstr(expr))


def describe(g: Any, main: Any, sign: int, at: dict[Any, float]) -> str | None:
    """'x > 0' for the side of the kink g = 0 where sign(g) == sign, or None when g is not
    linear in the main variable with a fixed root; the slope's sign is read at the parameter
    values `at` (so (α − 1)x > 0 reads as x < 0 for α < 1)."""
    slope = sympy.diff(g, main)
    if slope == 0 or sympy.diff(g, main, 2) != 0:
        return None
    root = -g.subs(main, 0) / slope
    if not root.is_Number:
        return None
    op = ">" if (sign > 0) == (float(slope.subs(at)) > 0) else "<"
    return f"{inline(main)} {op} {number(float(root))}"
