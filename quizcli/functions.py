"""The one table of named functions: what the checker reads, what `plot` draws, what the docs list.

Each entry is plain data (importing this module costs nothing): the name `plot` and
the docs use, the spellings a typed answer may use, and, for activations, a
definition in the checker's plain grammar. The checker builds an activation from
its definition (`gelu(u)` reads as u·Φ(u)), `plot` draws the same expression, and
tests/test_functions.py keeps questions/README.md listing every entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NamedFunction:
    """One function. `name` is the key (kebab-case, as `quizcli plot` takes it); `spellings`
    are what a typed answer may call it; `definition` (activations only) is its formula in
    x; `curve` says whether `plot` draws it; `plot_range` is where its shape shows."""

    name: str
    spellings: tuple[str, ...]
    doc: str
    definition: str | None = None
    curve: bool = False
    plot_range: tuple[float, float] = (-4.0, 4.0)


# PyTorch's SELU constants (Klambauer et al. 2017); the parser caps literals at 30 digits,
# so they are substituted after parsing.
CONSTANTS = {
    "alpha": "1.6732632423543772848170429916717",
    "lam": "1.0507009873554804934193349852946",
}

TABLE = (
    NamedFunction("sigmoid", ("sigmoid", "sigma", "logistic", "Sigmoid"), "logistic 1/(1+e^(−x))",
                  "sigmoid(x)", curve=True),
    NamedFunction("tanh", ("tanh",), "hyperbolic tangent", "tanh(x)", curve=True),
    NamedFunction("relu", ("relu", "ReLU", "Relu"), "max(0, x)", "max(0, x)", curve=True),
    NamedFunction("leaky-relu", ("leaky_relu", "LeakyReLU", "leakyrelu"),
                  "x for x > 0, else 0.01x (PyTorch's default slope)",
                  "x if x > 0 else 0.01*x", curve=True),
    NamedFunction("elu", ("elu", "ELU"), "x for x > 0, else eˣ − 1 (α = 1)",
                  "x if x > 0 else exp(x) - 1", curve=True),
    NamedFunction("selu", ("selu", "SELU"), "λ·elu with α ≈ 1.6733, λ ≈ 1.0507",
                  "lam*(x if x > 0 else alpha*(exp(x) - 1))", curve=True),
    NamedFunction("gelu", ("gelu", "GELU"), "x·Φ(x), exact", "x*Phi(x)", curve=True),
    NamedFunction("gelu-tanh", ("gelu_tanh",), "GELU's tanh approximation",
                  "0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*x^3)))", curve=True),
    NamedFunction("swish", ("swish", "silu", "SiLU", "Swish"), "x·σ(x) (SiLU)",
                  "x*sigmoid(x)", curve=True),
    NamedFunction("mish", ("mish", "Mish"), "x·tanh(softplus(x))", "x*tanh(softplus(x))",
                  curve=True),
    NamedFunction("softplus", ("softplus", "Softplus"), "log(1 + eˣ)", "softplus(x)", curve=True),
    NamedFunction("relu6", ("relu6", "ReLU6"), "min(max(0, x), 6)", "min(max(0, x), 6)",
                  curve=True, plot_range=(-4.0, 8.0)),
    NamedFunction("hard-sigmoid", ("hard_sigmoid", "hardsigmoid", "Hardsigmoid"),
                  "relu6(x + 3)/6", "min(max(0, x + 3), 6)/6", curve=True),
    NamedFunction("hard-swish", ("hard_swish", "hardswish", "Hardswish"), "x·relu6(x + 3)/6",
                  "x*min(max(0, x + 3), 6)/6", curve=True),
    NamedFunction("exp", ("exp",), "eˣ"),
    NamedFunction("log", ("log", "ln"), "natural logarithm"),
    NamedFunction("sqrt", ("sqrt",), "square root (also √)"),
    NamedFunction("abs", ("abs",), "absolute value (also between bars)"),
    NamedFunction("max", ("max",), "maximum of its arguments"),
    NamedFunction("min", ("min",), "minimum of its arguments"),
    NamedFunction("sinh", ("sinh",), "hyperbolic sine"),
    NamedFunction("cosh", ("cosh",), "hyperbolic cosine"),
    NamedFunction("sech", ("sech",), "1/cosh"),
    NamedFunction("erf", ("erf",), "error function"),
    NamedFunction("erfc", ("erfc",), "1 − erf"),
    NamedFunction("Phi", ("Phi",), "standard normal CDF (also Φ)"),
    NamedFunction("phi", ("phi",), "standard normal density (also φ)"),
    NamedFunction("heaviside", ("Heaviside", "H", "step"), "unit step, ½ at 0"),
    NamedFunction("sign", ("sign", "sgn"), "sign, 0 at 0"),
    NamedFunction("floor", ("floor",), "round down (also ⌊x⌋)"),
    NamedFunction("ceil", ("ceil",), "round up (also ⌈x⌉)"),
)  # fmt: skip
BY_NAME = {entry.name: entry for entry in TABLE}
# What a typed name means: spelling -> the table's name.
SPELLINGS = {spelling: entry.name for entry in TABLE for spelling in entry.spellings}
CURVES = {entry.name: entry for entry in TABLE if entry.curve}
