"""A question's comparable form: how answers become sympy entries and where to test them.

A scalar question compares one expression in its declared symbols. Other
settings (the softmax simplex in `softmax.py`) expand an answer into several
entries over concrete variables; the engine only ever sees a list of entries,
the variables they depend on, and a sampler for those variables.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from quizcli.checker.build import Builder, check_size, symbol
from quizcli.checker.grammar import Node, parse_tree
from quizcli.checker.names import Scope, scope_for

if TYPE_CHECKING:
    from quizcli.kinds.derivation import DerivationAnswer

MAIN_DOMAIN = (-4.0, 4.0)
NICE_VALUES = (0.5, 1.0, 2.0)
SCALAR_POINTS = 20

Points = dict[Any, np.ndarray]


@dataclass
class Form:
    """Everything the engine needs to compare answers to one question."""

    scope: Scope
    variables: list[Any]
    main: Any
    reference: list[Any]
    definition: list[Any] | None
    labels: list[str]
    sample: Callable[[np.random.Generator], Points]
    entries: Callable[[Node], list[Any]]
    inner: list[Any] = field(default_factory=list)
    span: tuple[float, float] | None = None
    places: list[str] = field(default_factory=list)
    validate: Callable[[Node], None] = lambda tree: None

    def display(self, tree: Node) -> Any:
        """The symbolic reading of `tree`, for "read as"."""
        self.validate(tree)
        expr = Builder().build(tree)
        check_size(expr, tree.pos)
        return expr

    def parse(self, text: str) -> Node:
        return parse_tree(text, self.scope)


def form_for(answer: DerivationAnswer) -> Form:
    """The form of a question's answer, by its setting."""
    if answer.setting == "softmax":
        from quizcli.checker.softmax import softmax_form

        return softmax_form(answer)
    return scalar_form(answer)


def seed(text: str) -> int:
    """A stable seed per question, so the same answer always gets the same verdict."""
    return zlib.crc32(text.encode("utf-8"))


def scalar_form(answer: DerivationAnswer) -> Form:
    scope = scope_for(answer.symbols, answer.setting)
    main_name = answer.wrt or answer.symbols[0]
    spans = {name: span(answer, name, main_name) for name in answer.symbols}
    symbols = {name: symbol(name, declared=declared(answer, name)) for name in answer.symbols}
    integers = {symbols[n] for n in answer.symbols if "integer" in str(declared(answer, n))}
    builder = Builder(symbols)
    main = symbols[main_name]
    definition = builder.build(parse_tree(answer.definition, scope))
    reference = sympy.diff(definition, main) if answer.wrt else definition
    domains = {symbols[name]: spans[name] for name in answer.symbols}

    def entries(tree: Node) -> list[Any]:
        expr = Builder(symbols).build(tree)
        check_size(expr, tree.pos)
        return [expr]

    return Form(
        scope=scope,
        variables=list(symbols.values()),
        main=main,
        reference=[reference],
        definition=[definition] if answer.wrt else None,
        labels=[""],
        sample=lambda rng: sample_box(rng, domains, main, SCALAR_POINTS, integers),
        entries=entries,
        inner=inner_arguments(definition, main) if answer.wrt else [],
        span=spans[main_name],
    )


def declared(answer: DerivationAnswer, name: str) -> Any:
    """What the question declares the symbol to be: real unless `assume` says more."""
    return answer.assume.get(name, "real")


DEFAULT_SPANS = {
    "real": (-3.0, 3.0),
    "positive": (0.2, 3.0),
    "nonnegative": (0.0, 3.0),
    "negative": (-3.0, -0.2),
    "nonpositive": (-3.0, 0.0),
    "integer": (-6.0, 6.0),
    "positive integer": (1.0, 8.0),
    "nonnegative integer": (0.0, 8.0),
}


def span(answer: DerivationAnswer, name: str, main: str) -> tuple[float, float]:
    """Where a symbol is tested: its `domain`, else the whole of a declared interval, else a
    default range covering every sign its declaration allows (±4 for a real main variable)."""
    if name in answer.domain:
        return answer.domain[name]
    what = declared(answer, name)
    if isinstance(what, tuple):
        return what
    if what == "real" and name == main:
        return MAIN_DOMAIN
    return DEFAULT_SPANS[what]


def sample_box(
    rng: np.random.Generator,
    domains: dict[Any, tuple[float, float]],
    main: Any,
    count: int,
    integers: set[Any] | frozenset[Any] = frozenset(),
) -> Points:
    """`count` points: the main variable stratified over its domain (every region of the
    domain gets a point), the others uniform and kept away from 0.5, 1 and 2, values
    that hide a missing parameter. Integer symbols get whole numbers across their span."""
    points: Points = {}
    for variable, bounds in domains.items():
        if variable in integers:
            low, high = bounds
            points[variable] = rng.integers(int(np.ceil(low)), int(np.floor(high)) + 1, count)
            points[variable] = points[variable].astype(float)
        elif variable == main:
            low, high = bounds
            strata = (np.arange(count) + rng.uniform(0.05, 0.95, count)) / count
            points[variable] = low + strata * (high - low)
        else:
            points[variable] = _parameter(rng, bounds, count)
    return points


def _parameter(rng: np.random.Generator, declared: tuple[float, float], count: int) -> Any:
    low, high = declared
    values = rng.uniform(low, high, count)
    width = 0.02 * (high - low)
    for _ in range(8):
        near = np.zeros(count, dtype=bool)
        for nice in NICE_VALUES:
            near |= np.abs(values - nice) < width
        if not near.any():
            break
        values[near] = rng.uniform(low, high, int(near.sum()))
    return values


def inner_arguments(expr: Any, main: Any) -> list[Any]:
    """Arguments of functions inside `expr` that are not the bare variable: the places a
    chain-rule factor can be forgotten (βx in σ(βx), softplus(x) in tanh(softplus(x)))."""
    found = []
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Function) and len(node.args) == 1:
            arg = node.args[0]
            if arg != main and main in arg.free_symbols and arg not in found:
                found.append(arg)
    return found
