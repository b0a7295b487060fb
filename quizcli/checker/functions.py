"""The activation functions sympy lacks, kept unevaluated so answers print as typed.

σ(x) stays σ(x) in "read as" instead of turning into 1/(1+e^(−x)); each class
knows its derivative (so sympy derives references), how to rewrite itself with
exp (so the prover can reduce it to a rational function), and a vectorised
numpy implementation (for the numeric screen). Imported only when a check runs.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import sympy
from sympy import Function, exp, log, pi, sqrt


class _Named(Function):  # type: ignore[misc]
    """A function printed with its mathematical symbol (σ, Φ, φ), or its name in ASCII."""

    symbol = ""
    latex = ""

    def _pretty(self, printer: Any) -> Any:
        name = self.symbol if printer._use_unicode else type(self).__name__
        return printer._helper_print_function(self.func, self.args, func_name=name)

    def _latex(self, printer: Any) -> str:
        return rf"{self.latex}\left({printer._print(self.args[0])}\right)"


class sigmoid(_Named):
    """The logistic function 1/(1+e^(−x))."""

    symbol = "σ"
    latex = r"\sigma"

    def fdiff(self, argindex: int = 1) -> Any:
        return sigmoid(self.args[0]) * (1 - sigmoid(self.args[0]))

    def _eval_rewrite_as_exp(self, arg: Any, **hints: Any) -> Any:
        return 1 / (1 + exp(-arg))


class softplus(_Named):
    """log(1 + e^x), whose derivative is σ(x)."""

    symbol = "softplus"
    latex = r"\operatorname{softplus}"

    def fdiff(self, argindex: int = 1) -> Any:
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg: Any, **hints: Any) -> Any:
        return log(1 + exp(arg))


class Phi(_Named):
    """The standard normal CDF, whose derivative is its density φ."""

    symbol = "Φ"
    latex = r"\Phi"

    def fdiff(self, argindex: int = 1) -> Any:
        return phi(self.args[0])

    def _eval_rewrite_as_exp(self, arg: Any, **hints: Any) -> Any:
        return (1 + sympy.erf(arg / sqrt(2))) / 2


class phi(_Named):
    """The standard normal density e^(−x²/2)/√(2π)."""

    symbol = "φ"
    latex = r"\phi"

    def fdiff(self, argindex: int = 1) -> Any:
        return -self.args[0] * phi(self.args[0])

    def _eval_rewrite_as_exp(self, arg: Any, **hints: Any) -> Any:
        return exp(-(arg**2) / 2) / sqrt(2 * pi)


_erf = np.vectorize(math.erf, otypes=[float])


def _sigmoid(x: Any) -> Any:
    return 0.5 * (1 + np.tanh(0.5 * np.asarray(x, dtype=float)))


NUMPY: dict[str, Callable[..., Any]] = {
    "sigmoid": _sigmoid,
    "softplus": lambda x: np.logaddexp(0.0, x),
    "Phi": lambda x: 0.5 * (1 + _erf(np.asarray(x, dtype=float) / math.sqrt(2))),
    "phi": lambda x: np.exp(-(np.asarray(x, dtype=float) ** 2) / 2) / math.sqrt(2 * math.pi),
    "erf": lambda x: _erf(np.asarray(x, dtype=float)),
    "erfc": lambda x: 1 - _erf(np.asarray(x, dtype=float)),
    "step": lambda x: np.heaviside(x, 0.5),
}
CUSTOM = (sigmoid, softplus, Phi, phi)


PRIMITIVES: dict[str, Any] = {
    "sigmoid": sigmoid,
    "softplus": softplus,
    "Phi": Phi,
    "phi": phi,
    "tanh": sympy.tanh,
    "sech": sympy.sech,
    "cosh": sympy.cosh,
    "sinh": sympy.sinh,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "max": sympy.Max,
    "min": sympy.Min,
    "relu": lambda x: sympy.Max(0, x),
    "erf": sympy.erf,
    "erfc": sympy.erfc,
    "heaviside": sympy.Heaviside,
    "sign": sympy.sign,
    "floor": sympy.floor,
    "ceil": sympy.ceiling,
}
X = sympy.Symbol("x", real=True)


def sympy_function(name: str) -> Any:
    """The sympy callable for a name of the function table (`quizcli.functions`): a sympy
    function, or, for an activation defined by a formula (gelu, mish, selu, …), a callable
    that puts its argument into that formula."""
    if name in PRIMITIVES:
        return PRIMITIVES[name]
    formula = activation(name)
    return lambda arg: formula.xreplace({X: arg})


@functools.cache
def activation(name: str) -> Any:
    """The sympy expression in the real symbol x of a table entry's definition, with SELU's
    constants at full precision."""
    from quizcli.checker import parse
    from quizcli.checker.names import canonical
    from quizcli.functions import BY_NAME, CONSTANTS

    definition = BY_NAME[name].definition
    if definition is None:
        raise KeyError(name)
    parsed = parse(definition, ["x", *CONSTANTS])
    named = {symbol.name: symbol for symbol in parsed.free_symbols}
    swaps = {
        named[canonical(k)]: sympy.Float(v, len(v))
        for k, v in CONSTANTS.items()
        if canonical(k) in named
    }
    swaps[named["x"]] = X
    return parsed.xreplace(swaps)
