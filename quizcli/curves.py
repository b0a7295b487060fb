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

# Constants as the frameworks spell them (PyTorch, after Klambauer et al. 2017); the
# parser caps literals at 30 digits, so SELU's two are substituted after parsing.
CONSTANTS = {
    "alpha": "1.6732632423543772848170429916717",
    "lam": "1.0507009873554804934193349852946",
}
DEFINITIONS = {
    "sigmoid": "sigmoid(x)",
    "tanh": "tanh(x)",
    "relu": "max(0, x)",
    "leaky-relu": "x if x > 0 else 0.01*x",
    "elu": "x if x > 0 else exp(x) - 1",
    "selu": "lam*(x if x > 0 else alpha*(exp(x) - 1))",
    "gelu": "x*Phi(x)",
    "gelu-tanh": "0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))",
    "swish": "x*sigmoid(x)",
    "mish": "x*tanh(softplus(x))",
    "softplus": "softplus(x)",
    "relu6": "min(max(0, x), 6)",
    "hard-sigmoid": "min(max(0, x + 3), 6)/6",
    "hard-swish": "x*min(max(0, x + 3), 6)/6",
}
ALIASES = {"silu": "swish"}
DEFAULT_RANGE = (-4.0, 4.0)
RANGES = {"relu6": (-4.0, 8.0)}  # wide enough to show where a curve bends or saturates
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
    hint = f"did you mean '{close[0]}'?" if close else f"choose from {', '.join(DEFINITIONS)}"
    raise UsageError(f"no curve '{name}'; {hint}")


def named_in(tags: Iterable[str]) -> list[str]:
    """The curves a question's tags name, aliases included (a `silu` tag draws swish), once each."""
    names = (ALIASES.get(tag, tag) for tag in tags)
    return list(dict.fromkeys(name for name in names if name in DEFINITIONS))


def default_range(names: Sequence[str]) -> tuple[float, float]:
    """An x interval showing every named curve's shape: -4..4, widened for ReLU6's cap."""
    ranges = [RANGES.get(name, DEFAULT_RANGE) for name in names]
    return min(low for low, _ in ranges), max(high for _, high in ranges)


def grid(low: float, high: float, count: int = SAMPLES) -> list[float]:
    """Evenly spaced xs; an odd count puts x = 0 on the grid of a symmetric range."""
    if not low < high:
        raise UsageError(f"--range {low:g} {high:g} is empty; give the lower bound first")
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
            raise UsageError(f"{label} overflows on this range; choose a narrower --range")
        sampled.append(Sampled(label, [_clean(y) for y in row]))
    return sampled


def expression(name: str, x: Any) -> Any:
    """The sympy expression of a table entry, in the real symbol `x`."""
    import sympy

    from quizcli.checker import parse
    from quizcli.checker.names import canonical

    parsed = parse(DEFINITIONS[name], ["x", *CONSTANTS])
    named = {symbol.name: symbol for symbol in parsed.free_symbols}  # canonical: lam is lambda
    swaps = {
        named[canonical(k)]: sympy.Float(v, len(v))
        for k, v in CONSTANTS.items()
        if canonical(k) in named
    }
    swaps[named["x"]] = x
    return parsed.xreplace(swaps)


def _zero_at_kinks(expr: Any) -> Any:
    """Unit steps as explicit Piecewise functions that are 0 at their kink (PyTorch's choice)."""
    import sympy

    return expr.replace(sympy.Heaviside, lambda arg, *_: sympy.Piecewise((1, arg > 0), (0, True)))


def _clean(value: float) -> float:
    """A plain float for JSON: -0.0 prints as 0.0."""
    return float(value) + 0.0
