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


def bank_answer(question_id: str) -> float:
    return float(numeric_answers()[question_id][0][0])


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


# regularization


@check("inverted-dropout-forward")
def _dropout(dropout: Fn) -> None:
    x = np.full((400, 500), 2.0)
    out = dropout(x, 0.3, True, np.random.default_rng(0))
    kept = out != 0
    assert abs(kept.mean() - 0.7) < 0.01
    close(out[kept], 2.0 / 0.7)
    assert abs(out.mean() - 2.0) < 0.02  # the expectation is preserved
    close(dropout(x, 0.3, False, np.random.default_rng(0)), x)
    close(dropout(x[:2], 1.0, True, np.random.default_rng(0)), 0.0)


@check("dropout2d-channel-mask")
def _dropout2d(dropout2d: Fn) -> None:
    x = 1.0 + rng().uniform(size=(50, 40, 3, 3))
    out = dropout2d(x, 0.25, True, np.random.default_rng(0))
    ratio = out / x
    per_map = ratio.reshape(50, 40, 9)
    close(per_map, np.broadcast_to(per_map[:, :, :1], per_map.shape))  # one draw per map
    assert np.all(np.isclose(per_map, 0.0) | np.isclose(per_map, 1 / 0.75))
    assert abs((per_map[:, :, 0] == 0).mean() - 0.25) < 0.04


@check("l2-penalty-gradient")
def _l2(l2_penalty: Fn) -> None:
    agrees_with_bank("l2-penalty-value", l2_penalty(np.array([1.0, -2.0, 3.0]), np.zeros(1), 0.1)[0])
    W, b = rng().standard_normal((3, 4)), rng().standard_normal(3)
    _, dW, db = l2_penalty(W, b, 0.3)
    close(dW, numeric_grad(lambda v: l2_penalty(v, b, 0.3)[0], W))
    close(db, numeric_grad(lambda v: l2_penalty(W, v, 0.3)[0], b))


@check("l1-penalty-subgradient")
def _l1(l1_penalty: Fn) -> None:
    agrees_with_bank("l1-subgradient-vector", l1_penalty(np.array([0.5, -0.2, 0.0]), 0.1)[1])
    w = rng().standard_normal(7)
    close(l1_penalty(w, 0.2)[1], numeric_grad(lambda v: l1_penalty(v, 0.2)[0], w))


@check("l1-soft-threshold-prox")
def _prox(prox_l1: Fn) -> None:
    agrees_with_bank("l1-soft-threshold-vector", prox_l1(np.array([0.05, -0.3, 0.2]), 0.5, 0.2))
    # Brute force: the minimiser of 0.5 (w - u)^2 + t |w| over a fine grid.
    grid = np.linspace(-3.0, 3.0, 600001)
    for u in (-2.0, -0.15, 0.0, 0.07, 1.3):
        objective = 0.5 * (grid - u) ** 2 + 0.5 * 0.4 * np.abs(grid)
        close(prox_l1(np.array([u]), 0.5, 0.4), [grid[np.argmin(objective)]], atol=1e-5)


@check("elastic-net-penalty")
def _elastic(elastic_net: Fn) -> None:
    w = rng().standard_normal(6)
    close(elastic_net(w, 0.3, 0.4)[1], numeric_grad(lambda v: elastic_net(v, 0.3, 0.4)[0], w))
    close(elastic_net(w, 0.3, 1.0)[0], 0.3 * np.abs(w).sum())
    close(elastic_net(w, 0.3, 0.0)[0], 0.15 * (w**2).sum())


@check("label-smoothing-cross-entropy")
def _label_smoothing(ls_ce: Fn) -> None:
    logits, targets = rng().standard_normal((3, 4)), np.array([0, 3, 1])
    loss, grad = ls_ce(logits, targets, 0.1)
    close(grad, numeric_grad(lambda v: ls_ce(v, targets, 0.1)[0], logits))
    # The smoothed target: the gradient vanishes where softmax equals it.
    gap = bank_answer("label-smoothing-optimal-logit-gap")
    _, at_optimum = ls_ce(np.array([[gap, 0.0, 0.0, 0.0]]), np.array([0]), 0.1)
    assert np.abs(at_optimum).max() < 0.01
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    onehot = np.eye(4)[targets]
    target = 0.9 * onehot + 0.1 / 4
    agrees_with_bank("label-smoothing-target", target[0, 0])
    close(loss, -np.mean(np.sum(target * np.log(probs), axis=1)))


@check("max-norm-projection")
def _max_norm(max_norm: Fn) -> None:
    W = 2 * rng().standard_normal((20, 6))
    out = max_norm(W, 3.0)
    norms, before = np.linalg.norm(out, axis=1), np.linalg.norm(W, axis=1)
    close(norms, np.minimum(before, 3.0))
    close(out / np.linalg.norm(out, axis=1, keepdims=True), W / before[:, None])


@check("mixup-batch")
def _mixup(mixup: Fn) -> None:
    x, y = rng().standard_normal((6, 3)), np.eye(3)[[0, 1, 2, 0, 1, 2]]
    x_mix, y_mix = mixup(x, y, 0.4, np.random.default_rng(11))
    draws = np.random.default_rng(11)
    lam = draws.beta(0.4, 0.4)
    partner = draws.permutation(6)
    for i in range(6):
        close(x_mix[i], lam * x[i] + (1 - lam) * x[partner[i]])
        close(y_mix[i], lam * y[i] + (1 - lam) * y[partner[i]])
    close(y_mix.sum(axis=1), 1.0)
