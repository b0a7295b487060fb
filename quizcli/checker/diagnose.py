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

Finding = tuple[str, str]  # (en, zh)
NEAR = 1e-2
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
    return (
        "This is the function itself; the question asks for its derivative.",
        "这是函数本身，题目要的是它的导数。",
    )


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
        return ("The sign is flipped: your answer is the negative of the correct one.",
                "符号反了：你的答案恰好是正确答案的相反数。")  # fmt: skip
    if abs(k) < CONSTANT:
        return None
    shown = number(k)
    return (f"Off by a constant factor: your answer is {shown} times the correct one.",
            f"差了一个常数倍：你的答案是正确答案的 {shown} 倍。")  # fmt: skip


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
            return (f"Your answer has an extra factor {name}.", f"你的答案多乘了一个 {name}。")
        if np.allclose(ratio * values, 1, rtol=1e-7):
            return (f"Your answer is missing a factor {name}.", f"你的答案漏乘了一个 {name}。")
    return None


def _constant_offset(ev: Evidence) -> Finding | None:
    usable = ev.usable()
    if usable.sum() < 3:
        return None
    c = _constant((ev.answer - ev.reference)[usable])
    if c is None or abs(c) < CONSTANT:
        return None
    shown = number(c)
    return (f"Off by a constant: your answer is the correct one plus {shown}.",
            f"差了一个常数：你的答案等于正确答案加上 {shown}。")  # fmt: skip


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
            return (
                f"Missing the chain-rule factor: the inner {inline(inner)} has derivative {du},"
                " and the term it belongs to must be multiplied by it.",
                f"漏了链式法则的因子：内层 {inline(inner)} 的导数是 {du}，对应的那一项要乘上它。",
            )
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
            return (
                "Product rule: you differentiated only one factor. d(uv) = u′v + uv′; the term"
                f" with the derivative of {inline(others)} is missing.",
                f"乘积法则：你只对其中一个因子求了导。d(uv) = u′v + uv′，漏了对 {inline(others)}"
                " 求导的那一项。",
            )
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
                return (f"Right for {ok}, but wrong for {bad}.",
                        f"在 {ok} 时正确，但在 {bad} 时不对。")  # fmt: skip
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
            return (
                f"Right for {name} > 0, but wrong for {name} < 0: the question does not say"
                f" {name} is positive.",
                f"在 {name} > 0 时正确，但在 {name} < 0 时不对：题目并没有说 {name} 为正。",
            )
    return None


def _matrix_part(ev: Evidence) -> Finding | None:
    labels = np.array(ev.form.labels)
    if "diagonal" not in labels:
        return None
    wrong = np.asarray(compare(ev.answer, ev.reference).mismatch.any(axis=1))
    diagonal = labels == "diagonal"
    if not wrong[diagonal].any():
        return ("The diagonal entries (i = j) are right, the off-diagonal ones (i ≠ j) are wrong.",
                "对角元（i = j）是对的，非对角元（i ≠ j）不对。")  # fmt: skip
    if not wrong[~diagonal].any():
        return ("The off-diagonal entries (i ≠ j) are right, the diagonal ones (i = j) are wrong.",
                "非对角元（i ≠ j）是对的，对角元（i = j）不对。")  # fmt: skip
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
                return (
                    f"A sign is lost inside: your answer is the correct one at −{name}.",
                    f"里面丢了一个负号：你的答案等于正确答案在 −{name} 处的值。",
                )
            return (
                f"A sign is wrong on the terms with {name}: your answer is the correct one with"
                f" {name} replaced by −{name}.",
                f"含 {name} 的项符号错了：你的答案等于把正确答案中的 {name} 换成 −{name}。",
            )
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
        return (
            f"Your answer is undefined {where[0]}, where the correct value is"
            f" {number(ev.reference[row, col])}; elsewhere they agree.",
            f"你的答案{where[1]}没有定义，而正确值是 {number(ev.reference[row, col])}；"
            "其余地方一致。",
        )
    return (
        f"The correct answer is undefined {where[0]}, but yours has a value there; elsewhere"
        " they agree.",
        f"正确答案{where[1]}没有定义，而你的答案在那里有值；其余地方一致。",
    )


def _where(ev: Evidence, row: int, col: int) -> tuple[str, str]:
    if ev.form.main is not None:
        text = ", ".join(f"{inline(v)} = {float(ev.points[v][col]):.6g}" for v in ev.form.variables)
        return f"at {text}", f"在 {text} 处"
    return "at a test point", "在一个测试点上"


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
    return (
        f"Very close but not equal (largest difference {shown} of the scale): is this an"
        " approximation, such as the tanh form of GELU, rather than the exact expression?",
        f"非常接近但不相等（最大差距为量级的 {shown}）：这是不是一个近似式（比如 GELU 的 tanh"
        " 近似），而不是精确表达式？",
    )


def _counterexample(ev: Evidence) -> Finding:
    screen = compare(ev.answer, ev.reference)
    rows, cols = np.nonzero(screen.mismatch)
    if not len(rows):
        return ("Not equal to the correct answer.", "与正确答案不相等。")
    row, col = _worst(ev, rows, cols)
    yours, wanted = ev.answer[row, col], number(ev.reference[row, col])
    if ev.form.main is not None:
        where = ", ".join(
            f"{inline(v)} = {float(ev.points[v][col]):.6g}" for v in ev.form.variables
        )
    else:
        where = ev.form.places[row] if row < len(ev.form.places) else ""
    at_en = f"at {where}" if where else "at a test point"
    at_zh = f"在 {where} 处" if where else "在一个测试点上"
    if ev.form.main is None and where:
        at_en, at_zh = f"for {where} at a random z", f"在 {where}、随机 z 处"
    if np.isinf(yours):
        return (f"Not equal: your answer is too large to evaluate in floating point {at_en},"
                f" and the correct value is {wanted}.",
                f"不相等：{at_zh}你的答案太大，超出浮点数范围，而正确值是 {wanted}。")  # fmt: skip
    if not np.isfinite(yours):
        return (f"Not equal: {at_en} your answer is not a real number, but the correct value"
                f" is {wanted}.",
                f"不相等：{at_zh}你的答案没有实数值，而正确值是 {wanted}。")  # fmt: skip
    return (f"Not equal: {at_en} your answer is {number(yours)}, the correct value is {wanted}.",
            f"不相等：{at_zh}你的答案是 {number(yours)}，正确值是 {wanted}。")  # fmt: skip


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
