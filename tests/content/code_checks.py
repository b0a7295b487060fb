"""Independent checks of the code questions' references.

One function per question id, taking the reference function: backward passes
are compared with central finite differences of their forward pass, forward
passes with a closed form computed another way (or the bank's own numeric
answers where a numeric question asks for the same number).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from statistics import NormalDist
from typing import Any

import numpy as np
import yaml

from quizcli import env

Fn = Callable[..., Any]
CHECKS: dict[str, Callable[[Fn], None]] = {}
RNG_SEED = 7


def check(question_id: str) -> Callable[[Callable[[Fn], None]], Callable[[Fn], None]]:
    def register(function: Callable[[Fn], None]) -> Callable[[Fn], None]:
        assert question_id not in CHECKS, question_id
        CHECKS[question_id] = function
        return function

    return register


def numeric_grad(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central differences of a scalar function, one coordinate at a time."""
    grad = np.zeros_like(x, dtype=float)
    for index in np.ndindex(x.shape):
        up, down = x.astype(float), x.astype(float)
        up[index] += h
        down[index] -= h
        grad[index] = (f(up) - f(down)) / (2 * h)
    return grad


def elementwise_derivative(f: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> np.ndarray:
    h = 1e-6
    return (f(x + h) - f(x - h)) / (2 * h)


def close(a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-8) -> None:
    assert np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rtol, atol=atol), (
        a,
        b,
    )


def rng() -> np.random.Generator:
    return np.random.default_rng(RNG_SEED)


@functools.cache
def numeric_answers() -> dict[str, tuple[np.ndarray, float]]:
    """Every numeric question's stated answer and tolerance, read from the bundled banks."""
    answers = {}
    for path in sorted(env.bundled_banks_dir().glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            if raw["type"] == "numeric":
                value = np.atleast_1d(np.asarray(raw["answer"]["value"], dtype=float))
                answers[raw["id"]] = (value, float(raw["answer"]["tolerance"]))
    return answers


def agrees_with_bank(question_id: str, computed: Any) -> None:
    stated, tolerance = numeric_answers()[question_id]
    computed = np.atleast_1d(np.asarray(computed, dtype=float))
    assert np.all(np.abs(stated - computed) <= tolerance), (question_id, stated, computed)


# activations


@check("softmax-stable")
def _softmax(softmax: Fn) -> None:
    agrees_with_bank("softmax-small-example", softmax(np.array([1.0, 2.0, 3.0])))
    agrees_with_bank("softmax-stable-large-logits", softmax(np.array([1000.0, 1001.0, 1002.0]))[-1])
    z = rng().standard_normal((3, 5))
    close(softmax(z, axis=1), np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))
    close(softmax(z, axis=0), np.exp(z) / np.exp(z).sum(axis=0, keepdims=True))


@check("log-softmax-stable")
def _log_softmax(log_softmax: Fn) -> None:
    agrees_with_bank("softmax-small-example", np.exp(log_softmax(np.array([1.0, 2.0, 3.0]))))
    z = rng().standard_normal((3, 5))
    close(log_softmax(z), np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)))
    close(log_softmax(np.array([0.0, -1000.0])), [-math.log1p(math.exp(-1000.0)), -1000.0])


@check("sigmoid-stable")
def _sigmoid(sigmoid: Fn) -> None:
    x = np.linspace(-30.0, 30.0, 61)
    close(sigmoid(x), [1.0 / (1.0 + math.exp(-v)) for v in x])
    s5 = sigmoid(np.array([5.0]))
    agrees_with_bank("sigmoid-derivative-at-5", s5 * (1 - s5))
    close(sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0], atol=1e-300)


@check("softplus-stable")
def _softplus(softplus: Fn) -> None:
    x = np.linspace(-30.0, 30.0, 61)
    close(softplus(x), [math.log(1.0 + math.exp(v)) for v in x])
    close(elementwise_derivative(softplus, x), 1.0 / (1.0 + np.exp(-x)))
    close(softplus(np.array([1000.0, -1000.0])), [1000.0, 0.0])


@check("bce-with-logits-stable")
def _bce(bce: Fn) -> None:
    generator = rng()
    z, y = 3 * generator.standard_normal(6), generator.uniform(size=6)
    p = 1.0 / (1.0 + np.exp(-z))
    close(bce(z, y), np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
    close(numeric_grad(lambda v: bce(v, y), z), (p - y) / z.size)
    close(bce(np.array([1000.0, -1000.0]), np.array([0.0, 0.0])), 500.0)


@check("gelu-exact-and-tanh")
def _gelu(gelu: Fn) -> None:
    agrees_with_bank("gelu-exact-at-1", gelu(np.array([1.0])))
    grid = np.linspace(-3.0, 0.0, 30001)
    agrees_with_bank("gelu-minimum", gelu(grid).min())
    x = np.linspace(-5.0, 5.0, 41)
    close(gelu(x), [v * NormalDist().cdf(v) for v in x])
    assert np.max(np.abs(gelu(x, approximate="tanh") - gelu(x))) < 1e-3


@check("swish-forward-backward")
def _swish(swish: Fn) -> None:
    x = rng().standard_normal(9) * 3
    for beta in (1.0, 2.0, 0.5):
        y, dy = swish(x, beta)
        close(y, x / (1.0 + np.exp(-beta * x)))
        close(dy, elementwise_derivative(lambda v, b=beta: swish(v, b)[0], x))
    agrees_with_bank("swish-minimum", swish(np.linspace(-3.0, 0.0, 30001))[0].min())


@check("mish-forward-backward")
def _mish(mish: Fn) -> None:
    x = rng().standard_normal(9) * 3
    y, dy = mish(x)
    close(y, x * np.tanh(np.log(1.0 + np.exp(x))))
    close(dy, elementwise_derivative(lambda v: mish(v)[0], x))
    agrees_with_bank("mish-derivative-at-zero", mish(np.array([0.0]))[1])


@check("softmax-cross-entropy-forward-backward")
def _softmax_ce(softmax_ce: Fn) -> None:
    generator = rng()
    logits, targets = generator.standard_normal((4, 5)), np.array([0, 4, 2, 2])
    loss, grad = softmax_ce(logits, targets)
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    close(loss, -np.mean(np.log(probs[np.arange(4), targets])))
    close(grad, numeric_grad(lambda v: softmax_ce(v, targets)[0], logits))
