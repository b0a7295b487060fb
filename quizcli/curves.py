"""Activation curves for `quizcli plot`: one table of definitions, sampled through the checker.

The definitions are plain-grammar strings read by the checker's parser, and
derivatives are sympy's derivatives of those same expressions, evaluated by the
checker's numeric screen: a curve on screen is exactly the function a
derivation answer is checked against. sympy and numpy load only when sampling.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from quizcli.errors import UsageError
from quizcli.functions import CURVES
from quizcli.messages import msg

# The curves and their names come from the one function table (quizcli.functions).
DEFINITIONS = {name: str(entry.definition) for name, entry in CURVES.items()}
ALIASES = {
    spelling.lower().replace("_", "-"): name
    for name, entry in CURVES.items()
    for spelling in entry.spellings
    if spelling.lower().replace("_", "-") != name
}
DEFAULT_RANGE = (-4.0, 4.0)
PRIME = "′"
SAMPLES = 401


@dataclass(frozen=True)
class Sampled:
    """A named curve's values on the shared x grid."""

    name: str
    ys: list[float]


def resolve(name: str) -> str:
    """The table's name for what the user typed, or a usage error naming the closest one."""
    key = name.strip().lower().replace("_", "-")
    key = ALIASES.get(key, key)
    if key in DEFINITIONS:
        return key
    close = get_close_matches(key, [*DEFINITIONS, *ALIASES], n=1, cutoff=0.4)
    if close:
        raise UsageError(
            msg("error.no_curve_like", name=name, close=ALIASES.get(close[0], close[0]))
        )
    raise UsageError(msg("error.no_curve", name=name, names=", ".join(DEFINITIONS)))


def named_in(tags: Iterable[str]) -> list[str]:
    """The curves a question's tags name, aliases included (a `silu` tag draws swish), once each."""
    names = (ALIASES.get(tag, tag) for tag in tags)
    return list(dict.fromkeys(name for name in names if name in DEFINITIONS))


def default_range(names: Sequence[str]) -> tuple[float, float]:
    """An x interval showing every named curve's shape: -4..4, widened for ReLU6's cap."""
    ranges = [CURVES[name].plot_range for name in names]
    return min(low for low, _ in ranges), max(high for _, high in ranges)


def grid(low: float, high: float, count: int = SAMPLES) -> list[float]:
    """Evenly spaced xs; an odd count puts x = 0 on the grid of a symmetric range."""
    if not low < high:
        raise UsageError(msg("error.empty_range", low=f"{low:g}", high=f"{high:g}"))
    return [round(low + (high - low) * i / (count - 1), 12) for i in range(count)]


def sample(names: Sequence[str], xs: Sequence[float], derivative: bool = False) -> list[Sampled]:
    """Each curve (followed by its derivative, labelled name′) evaluated at `xs`.

    At a kink the derivative is the one-sided value PyTorch's autograd returns for
    relu, leaky-relu, elu, selu, relu6 and hard-sigmoid: a unit step is 0 there,
    and `a if x > 0 else b` takes its else branch. Never NaN.
    """
    import numpy as np
    import sympy

    from quizcli.checker.numeric import evaluate

    x = sympy.Symbol("x", real=True)
    labels, exprs = [], []
    for name in names:
        expr = expression(name, x)
        labels.append(name)
        exprs.append(expr)
        if derivative:
            labels.append(name + PRIME)
            exprs.append(_zero_at_kinks(sympy.diff(expr, x)))
    values = evaluate(exprs, [x], {x: np.asarray(xs, dtype=float)})
    sampled = []
    for label, row in zip(labels, values, strict=True):
        if not np.isfinite(row).all():
            raise UsageError(msg("error.overflow", label=label))
        sampled.append(Sampled(label, [_clean(y) for y in row]))
    return sampled


def expression(name: str, x: Any) -> Any:
    """The sympy expression of a table entry, in the real symbol `x`."""
    from quizcli.checker.functions import X, activation

    return activation(name).xreplace({X: x})


def _zero_at_kinks(expr: Any) -> Any:
    """Unit steps as explicit Piecewise functions that are 0 at their kink (PyTorch's choice)."""
    import sympy

    return expr.replace(sympy.Heaviside, lambda arg, *_: sympy.Piecewise((1, arg > 0), (0, True)))


def _clean(value: float) -> float:
    """A plain float for JSON: -0.0 prints as 0.0."""
    return float(value) + 0.0
