"""Independent checks of the code questions' references.

One function per question id, taking the reference function: backward passes
are compared with central finite differences of their forward pass, forward
passes with a closed form computed another way (or the bank's own numeric
answers where a numeric question asks for the same number).
"""

from __future__ import annotations

import functools
import itertools
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
    assert np.allclose(
        np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=rtol, atol=atol
    ), (
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
    agrees_with_bank(
        "l2-penalty-value", l2_penalty(np.array([1.0, -2.0, 3.0]), np.zeros(1), 0.1)[0]
    )
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


# normalization


def loop_batchnorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Training-mode BN written channel by channel with Python statistics."""
    out = np.empty_like(x)
    for c in range(x.shape[1]):
        values = x[:, c].ravel()
        mean = sum(values) / len(values)
        var = sum((v - mean) ** 2 for v in values) / len(values)
        out[:, c] = gamma[c] * (x[:, c] - mean) / math.sqrt(var + eps) + beta[c]
    return out


@check("batchnorm-forward-running-stats")
def _bn_forward(bn: Fn) -> None:
    one = np.array([[1.0], [2.0], [3.0], [4.0]])
    out, _, new_var = bn(
        one, np.array([2.0]), np.array([0.5]), np.zeros(1), np.ones(1), True, eps=0.0
    )
    agrees_with_bank("bn-forward-batch-example", out[0, 0])
    agrees_with_bank("bn-running-var-unbiased", new_var)
    pair = np.array([[3.0], [10.0]])
    agrees_with_bank(
        "bn-batch-of-two-output",
        bn(pair, np.ones(1), np.zeros(1), np.zeros(1), np.ones(1), True, eps=0.0)[0][1],
    )
    mean = np.zeros(1)
    for batch_mean in (1.0, 2.0, 3.0):
        _, mean, _ = bn(
            np.full((2, 1), batch_mean), np.ones(1), np.zeros(1), mean, np.ones(1), True
        )
    agrees_with_bank("bn-running-mean-three-batches", mean)
    tiny = np.array([[[[1.0, 3.0]], [[2.0, 2.0]]], [[[5.0, 7.0]], [[4.0, 8.0]]]])
    _, _, unbiased = bn(tiny, np.ones(2), np.zeros(2), np.zeros(2), np.zeros(2), True, momentum=1.0)
    agrees_with_bank("bn-channel-variance-tiny-tensor", unbiased[1] * 3 / 4)
    x = 2 + 3 * rng().standard_normal((3, 4, 2, 5))
    gamma, beta = rng().uniform(0.5, 2, 4), rng().standard_normal(4)
    close(
        bn(x, gamma, beta, np.zeros(4), np.ones(4), True)[0], loop_batchnorm(x, gamma, beta, 1e-5)
    )
    rm, rv = rng().standard_normal(4), rng().uniform(0.5, 2, 4)
    out, same_mean, same_var = bn(x, gamma, beta, rm, rv, False)
    close(
        out,
        gamma[None, :, None, None]
        * (x - rm[None, :, None, None])
        / np.sqrt(rv[None, :, None, None] + 1e-5)
        + beta[None, :, None, None],
    )
    close(same_mean, rm)
    close(same_var, rv)


@check("batchnorm-backward")
def _bn_backward(bn_backward: Fn) -> None:
    agrees_with_bank(
        "bn-input-gradient-numeric",
        bn_backward(
            np.array([[1.0], [0.0], [0.0], [0.0]]),
            np.array([[1.0], [2.0], [3.0], [4.0]]),
            np.ones(1),
            eps=0.0,
        )[0][0],
    )
    x_hat = np.array([-1.342, -0.447, 0.447, 1.342])
    agrees_with_bank(
        "bn-grad-gamma-beta-numeric",
        bn_backward(np.array([[0.5], [-1.0], [2.0], [0.1]]), x_hat[:, None], np.ones(1), eps=0.0)[
            1
        ],
    )
    x, dout, gamma = (
        rng().standard_normal((5, 3)),
        rng().standard_normal((5, 3)),
        rng().uniform(0.5, 2, 3),
    )
    dx, dgamma, dbeta = bn_backward(dout, x, gamma)
    close(
        dx,
        numeric_grad(
            lambda v: float(np.sum(dout * loop_batchnorm(v, gamma, np.zeros(3), 1e-5))), x
        ),
        rtol=1e-5,
    )
    close(
        dgamma,
        numeric_grad(
            lambda v: float(np.sum(dout * loop_batchnorm(x, v, np.zeros(3), 1e-5))), gamma
        ),
        rtol=1e-5,
    )
    close(dbeta, dout.sum(axis=0))


def loop_layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    rows = x.reshape(-1, x.shape[-1])
    out = np.array(
        [(row - row.mean()) / math.sqrt(np.mean((row - row.mean()) ** 2) + eps) for row in rows]
    )
    return gamma * out.reshape(x.shape) + beta


@check("layernorm-forward")
def _layernorm(layernorm: Fn) -> None:
    x, gamma, beta = (
        rng().standard_normal((2, 3, 6)),
        rng().uniform(0.5, 2, 6),
        rng().standard_normal(6),
    )
    close(layernorm(x, gamma, beta), loop_layernorm(x, gamma, beta, 1e-5))
    out = layernorm(x, np.ones(6), np.zeros(6), eps=0.0)
    close(out.mean(axis=-1), 0.0)
    close(out.std(axis=-1), 1.0)


@check("layernorm-backward")
def _layernorm_backward(ln_backward: Fn) -> None:
    x, dout = rng().standard_normal((2, 3, 4)), rng().standard_normal((2, 3, 4))
    gamma = rng().uniform(0.5, 2, 4)
    dx, dgamma, dbeta = ln_backward(dout, x, gamma)
    close(
        dx,
        numeric_grad(
            lambda v: float(np.sum(dout * loop_layernorm(v, gamma, np.zeros(4), 1e-5))), x
        ),
        rtol=1e-5,
    )
    close(
        dgamma,
        numeric_grad(
            lambda v: float(np.sum(dout * loop_layernorm(x, v, np.zeros(4), 1e-5))), gamma
        ),
        rtol=1e-5,
    )
    close(dbeta, dout.sum(axis=(0, 1)))


def plain_rmsnorm(x: np.ndarray, weight: np.ndarray, eps: float) -> np.ndarray:
    rows = x.reshape(-1, x.shape[-1])
    out = np.array([row / math.sqrt(sum(v * v for v in row) / len(row) + eps) for row in rows])
    return out.reshape(x.shape) * weight


@check("rmsnorm-forward")
def _rmsnorm(rmsnorm: Fn) -> None:
    agrees_with_bank(
        "rmsnorm-vs-layernorm-example", rmsnorm(np.array([[3.0, 4.0]]), np.ones(2), eps=0.0)[0, 1]
    )
    x, weight = rng().standard_normal((2, 3, 5)), rng().uniform(0.5, 2, 5)
    close(rmsnorm(x, weight), plain_rmsnorm(x, weight, 1e-6))
    close(rmsnorm(3 * x, weight, eps=0.0), rmsnorm(x, weight, eps=0.0))  # scale invariant


@check("rmsnorm-backward")
def _rmsnorm_backward(rms_backward: Fn) -> None:
    x, dout = rng().standard_normal((2, 3, 4)), rng().standard_normal((2, 3, 4))
    weight = rng().uniform(0.5, 2, 4)
    dx, dweight = rms_backward(dout, x, weight)
    close(
        dx,
        numeric_grad(lambda v: float(np.sum(dout * plain_rmsnorm(v, weight, 1e-6))), x),
        rtol=1e-5,
    )
    close(
        dweight,
        numeric_grad(lambda v: float(np.sum(dout * plain_rmsnorm(x, v, 1e-6))), weight),
        rtol=1e-5,
    )


@check("groupnorm-forward")
def _groupnorm(group_norm: Fn) -> None:
    x = rng().standard_normal((4, 8, 3, 3))
    gamma, beta = rng().uniform(0.5, 2, 8), rng().standard_normal(8)
    expected = np.empty_like(x)
    for n in range(4):
        for g in range(2):
            block = x[n, 4 * g : 4 * g + 4]
            expected[n, 4 * g : 4 * g + 4] = (block - block.mean()) / math.sqrt(block.var() + 1e-5)
    close(
        group_norm(x, 2, gamma, beta),
        gamma[None, :, None, None] * expected + beta[None, :, None, None],
    )
    # G = C is instance norm; G = 1 normalises over (C, H, W).
    flat = x.reshape(4, 8, -1)
    instance = (flat - flat.mean(axis=2, keepdims=True)) / np.sqrt(
        flat.var(axis=2, keepdims=True) + 1e-5
    )
    close(group_norm(x, 8, np.ones(8), np.zeros(8)), instance.reshape(x.shape))
    close(group_norm(x, 1, np.ones(8), np.zeros(8)).reshape(4, -1).std(axis=1), 1.0, rtol=1e-4)


@check("batchnorm-fold-into-linear")
def _fold(fold_bn: Fn) -> None:
    _, bias = fold_bn(
        np.array([[0.5, -1.0, 2.0]]),
        np.array([0.1]),
        np.array([1.5]),
        np.array([-0.2]),
        np.array([0.3]),
        np.array([0.25]),
        eps=0.0,
    )
    agrees_with_bank("bn-fold-bias-numeric", bias)
    generator = rng()
    W, b = generator.standard_normal((3, 5)), generator.standard_normal(3)
    gamma, beta = generator.uniform(0.5, 2, 3), generator.standard_normal(3)
    mean, var = generator.standard_normal(3), generator.uniform(0.5, 2, 3)
    x = generator.standard_normal((7, 5))
    W2, b2 = fold_bn(W, b, gamma, beta, mean, var)
    close(x @ W2.T + b2, gamma * (x @ W.T + b - mean) / np.sqrt(var + 1e-5) + beta)


@check("weight-norm-backward")
def _weight_norm(wn_backward: Fn) -> None:
    generator = rng()
    v, g, dw = (
        generator.standard_normal((3, 4)),
        generator.uniform(0.5, 2, 3),
        generator.standard_normal((3, 4)),
    )

    def loss(v_: np.ndarray, g_: np.ndarray) -> float:
        return float(np.sum(dw * g_[:, None] * v_ / np.linalg.norm(v_, axis=1, keepdims=True)))

    dv, dg = wn_backward(dw, v, g)
    close(dv, numeric_grad(lambda a: loss(a, g), v), rtol=1e-5)
    close(dg, numeric_grad(lambda a: loss(v, a), g), rtol=1e-5)
    close(np.sum(dv * v, axis=1), 0.0)  # orthogonal to v


# pooling

GRID = np.array([[1, 3, 2, 4], [5, 6, 1, 2], [7, 8, 3, 1], [2, 4, 5, 6]], dtype=float)


@check("maxpool2d-forward")
def _maxpool(maxpool2d: Fn) -> None:
    agrees_with_bank(
        "pooling-maxpool-forward-example", maxpool2d(GRID.reshape(1, 1, 4, 4), 2).ravel()
    )
    x = rng().standard_normal((2, 3, 9, 9))
    out = maxpool2d(x, 3, 2, 1)
    assert out.shape == (2, 3, 5, 5)
    padded = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
    windows = np.lib.stride_tricks.sliding_window_view(padded, (3, 3), axis=(2, 3))[:, :, ::2, ::2]
    close(out, windows.max(axis=(4, 5)))
    agrees_with_bank(
        "pooling-resnet-stem-output-size", maxpool2d(np.zeros((1, 1, 112, 112)), 3, 2, 1).shape[-1]
    )


@check("maxpool2d-backward-ties")
def _maxpool_backward(maxpool_backward: Fn) -> None:
    dx = maxpool_backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), GRID.reshape(1, 1, 4, 4), 2, 2)
    agrees_with_bank("pooling-maxpool-backward-example", dx[0, 0, :2].ravel())
    # The 1-D example as three equal rows: 3 x 3 windows see the same maxima as the 1-D ones.
    x = np.array([[[[1.0, 5.0, 2.0, 0.0]] * 3]])
    dx = maxpool_backward(np.array([[[[1.0, 2.0]]]]), x, 3, 1)
    agrees_with_bank("pooling-overlapping-maxpool-gradient", dx[0, 0, 0])
    # Without ties the gradient is the derivative of sum(dout * maxpool(x)).
    generator = rng()
    x, dout = generator.standard_normal((1, 2, 5, 5)), generator.standard_normal((1, 2, 2, 2))

    def pooled(v: np.ndarray) -> float:
        windows = np.lib.stride_tricks.sliding_window_view(v, (3, 3), axis=(2, 3))[:, :, ::2, ::2]
        return float(np.sum(dout * windows.max(axis=(4, 5))))

    close(maxpool_backward(dout, x, 3, 2), numeric_grad(pooled, x), rtol=1e-5)
    # Ties: PyTorch (CPU, checked with torch 2.13) sends the gradient to the first maximum.
    ties = maxpool_backward(np.ones((1, 1, 2, 2)), np.full((1, 1, 3, 3), 7.0), 2, 1)
    close(ties[0, 0], [[1, 1, 0], [1, 1, 0], [0, 0, 0]])


@check("avgpool2d-count-include-pad")
def _avgpool(avgpool2d: Fn) -> None:
    agrees_with_bank(
        "pooling-avgpool-count-include-pad", avgpool2d(np.ones((1, 1, 4, 4)), 3, 1, 1)[0, 0, 0, 0]
    )
    x = rng().standard_normal((1, 1, 6, 6))
    close(avgpool2d(x, 2), x.reshape(1, 1, 3, 2, 3, 2).mean(axis=(3, 5)))
    ones = avgpool2d(np.ones((1, 1, 5, 5)), 3, 2, 1, count_include_pad=False)
    close(ones, 1.0)
    include = avgpool2d(x, 3, 2, 1)
    exclude = avgpool2d(x, 3, 2, 1, count_include_pad=False)
    counts = avgpool2d(np.ones((1, 1, 6, 6)), 3, 2, 1) * 9
    close(include * 9 / counts, exclude)


@check("avgpool2d-backward")
def _avgpool_backward(avg_backward: Fn) -> None:
    dx = avg_backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), (1, 1, 4, 4), 2, 2)
    agrees_with_bank("pooling-avgpool-backward-example", dx[0, 0, 2])
    generator = rng()
    x, dout = generator.standard_normal((1, 2, 7, 7)), generator.standard_normal((1, 2, 3, 3))

    def pooled(v: np.ndarray) -> float:
        windows = np.lib.stride_tricks.sliding_window_view(v, (3, 3), axis=(2, 3))[:, :, ::2, ::2]
        return float(np.sum(dout * windows.mean(axis=(4, 5))))

    close(avg_backward(dout, x.shape, 3, 2), numeric_grad(pooled, x), rtol=1e-5)
    # The total gradient is conserved: four outputs with gradient 1 give 4 in all.
    close(avg_backward(np.ones((1, 1, 2, 2)), (1, 1, 4, 4), 3, 1).sum(), 4.0)


@check("global-avg-pool-forward-backward")
def _gap(gap: Fn) -> None:
    agrees_with_bank(
        "pooling-adaptive-avg-global",
        gap(np.arange(1.0, 10.0).reshape(1, 1, 3, 3), np.ones((1, 1)))[0],
    )
    generator = rng()
    x, dy = generator.standard_normal((2, 3, 4, 5)), generator.standard_normal((2, 3))
    y, dx = gap(x, dy)
    close(y, [[x[n, c].sum() / 20 for c in range(3)] for n in range(2)])
    close(dx, numeric_grad(lambda v: float(np.sum(dy * gap(v, dy)[0])), x))


def adaptive_bins(size: int, out: int) -> list[tuple[int, int]]:
    return [(math.floor(i * size / out), math.ceil((i + 1) * size / out)) for i in range(out)]


@check("adaptive-avg-pool2d")
def _adaptive(adaptive: Fn) -> None:
    agrees_with_bank(
        "pooling-adaptive-avg-bins",
        adaptive(np.arange(1.0, 6.0).reshape(1, 1, 1, 5), (1, 3)).ravel(),
    )
    agrees_with_bank(
        "pooling-adaptive-avg-global",
        adaptive(np.arange(1.0, 10.0).reshape(1, 1, 3, 3), (1, 1)).ravel(),
    )
    x = rng().standard_normal((1, 2, 7, 5))
    out = adaptive(x, (3, 4))
    for i, (r0, r1) in enumerate(adaptive_bins(7, 3)):
        for j, (c0, c1) in enumerate(adaptive_bins(5, 4)):
            close(out[:, :, i, j], x[:, :, r0:r1, c0:c1].mean(axis=(2, 3)))
    y = rng().standard_normal((1, 1, 6, 6))
    close(adaptive(y, (3, 3)), y.reshape(1, 1, 3, 2, 3, 2).mean(axis=(3, 5)))


@check("spatial-pyramid-pooling")
def _spp(spp: Fn) -> None:
    agrees_with_bank(
        "pooling-spp-output-length", spp(np.zeros((1, 256, 13, 13)), levels=(6, 3, 2, 1)).shape[1]
    )
    x = rng().standard_normal((2, 3, 7, 6))
    out = spp(x, levels=(1, 2))
    close(out[:, :3], x.max(axis=(2, 3)))
    level2 = out[:, 3:].reshape(2, 3, 2, 2)
    for i, (r0, r1) in enumerate(adaptive_bins(7, 2)):
        for j, (c0, c1) in enumerate(adaptive_bins(6, 2)):
            close(level2[:, :, i, j], x[:, :, r0:r1, c0:c1].max(axis=(2, 3)))


@check("stochastic-pooling-eval")
def _stochastic(pool: Fn) -> None:
    agrees_with_bank(
        "pooling-stochastic-test-example",
        pool(np.array([[[[0.0, 1.0], [2.0, 1.0]]]]), 2)[0, 0, 0, 0],
    )
    # The expectation of the sampled value, estimated by sampling.
    window = np.array([0.5, 1.0, 2.0, 0.0])
    draws = rng().choice(window, size=200000, p=window / window.sum())
    assert abs(draws.mean() - pool(window.reshape(1, 1, 2, 2), 2)[0, 0, 0, 0]) < 0.01


@check("attention-pooling-masked")
def _attention(pool: Fn) -> None:
    out = pool(
        np.array([[[10.0], [20.0], [30.0]]]), np.array([0.1]), np.array([[True, True, True]])
    )
    agrees_with_bank("pooling-attention-pool-example", out[0, 0])
    generator = rng()
    h, w = generator.standard_normal((2, 5, 3)), generator.standard_normal(3)
    mask = np.array([[True, False, True, False, False], [True] * 5])
    out = pool(h, w, mask)
    for n in range(2):
        real = h[n][mask[n]]
        weights = np.exp(real @ w) / np.exp(real @ w).sum()
        close(out[n], weights @ real)


# optimization


@check("sgd-momentum-nesterov-step")
def _sgd(sgd_step: Fn) -> None:
    # Heavy-ball momentum on a constant slope reaches the terminal step lr·g/(1 − μ).
    param, buf = np.zeros(1), None
    for _ in range(400):
        new_param, buf = sgd_step(param, np.array([2.0]), buf, 0.01, 0.9)
        step, param = param - new_param, new_param
    agrees_with_bank("momentum-terminal-step", step)
    # Nesterov, PyTorch form, equals the look-ahead form of Sutskever et al. with v = −lr·buf.
    generator = rng()
    theta = generator.standard_normal(3)

    def grad_at(x: np.ndarray) -> np.ndarray:
        return 2.0 * x + 1.0

    param, buf = theta.copy(), None
    for _ in range(5):
        param, buf = sgd_step(param, grad_at(param), buf, 0.1, 0.9, nesterov=True)
    # Look-ahead form: v ← μv − lr·∇f(θ + μv), θ ← θ + v, tracked at φ = θ + μv.
    phi, v = theta.copy(), np.zeros(3)
    for _ in range(5):
        v_new = 0.9 * v - 0.1 * grad_at(phi)
        phi = phi + v_new + 0.9 * (v_new - v)
        v = v_new
    close(param, phi)


@check("adagrad-step")
def _adagrad(adagrad_step: Fn) -> None:
    param, state = np.array([1.0, -1.0]), np.zeros(2)
    grads = [np.array([0.5, -2.0]), np.array([1.0, 1.0]), np.array([-0.3, 0.2])]
    for g in grads:
        param, state = adagrad_step(param, g, state, lr=0.1)
    close(state, sum(g * g for g in grads))
    expected = np.array([1.0, -1.0])
    for i in range(3):
        acc = sum(g * g for g in grads[: i + 1])
        expected = expected - 0.1 * grads[i] / (np.sqrt(acc) + 1e-10)
    close(param, expected)
    close(adagrad_step(np.zeros(2), np.array([3.0, -0.01]), np.zeros(2), lr=0.01)[0], [-0.01, 0.01])


@check("rmsprop-step")
def _rmsprop(rmsprop_step: Fn) -> None:
    param, avg = np.ones(2), np.zeros(2)
    moved, avg = rmsprop_step(param, np.array([0.5, -2.0]), avg)
    close(param - moved, [0.1, -0.1], rtol=1e-6)  # 10·lr·sign(g) on the first step
    # square_avg is an EMA of g² started at 0, with no bias correction.
    avg = np.zeros(1)
    for _ in range(10):
        _, avg = rmsprop_step(np.zeros(1), np.array([math.sqrt(5.0)]), avg, alpha=0.9)
    agrees_with_bank("ema-bias-constant-signal", avg)


@check("adam-step")
def _adam(adam_step: Fn) -> None:
    g = np.array([0.1])
    new, m, v = adam_step(np.zeros(1), g, np.zeros(1), np.zeros(1), 1)
    close(new, [-1e-3], rtol=1e-6)  # eta·g/(|g| + eps/...) ≈ eta·sign(g) at t = 1
    close(m, 0.1 * g)
    close(v, 0.001 * g * g)
    agrees_with_bank("adam-first-step-no-bias-correction", 1e-3 * m / (np.sqrt(v) + 1e-8))
    # Step t with constant gradient: m̂ = v̂^(1/2) = |g| exactly, so every step is ≈ lr.
    param, m, v = np.zeros(1), np.zeros(1), np.zeros(1)
    for t in range(1, 30):
        before = param
        param, m, v = adam_step(param, np.array([-4.0]), m, v, t)
        close(param - before, [1e-3], rtol=1e-6)


@check("adamw-step")
def _adamw(adamw_step: Fn) -> None:
    theta, g, eta, lam = 2.0, 0.3, 0.01, 0.1
    new, _, _ = adamw_step(
        np.array([theta]), np.array([g]), np.zeros(1), np.zeros(1), 1, lr=eta, weight_decay=lam
    )
    close(new, [theta - eta * lam * theta - eta * g / (abs(g) + 1e-8)])
    # With weight_decay = 0 it is Adam.
    generator = rng()
    p, grad, m, v = (
        generator.standard_normal(3),
        generator.standard_normal(3),
        generator.standard_normal(3),
        generator.uniform(0.1, 1, 3),
    )
    out = adamw_step(p, grad, m, v, 7, weight_decay=0.0)
    m2 = 0.9 * m + 0.1 * grad
    v2 = 0.999 * v + 0.001 * grad**2
    close(out[0], p - 1e-3 * (m2 / (1 - 0.9**7)) / (np.sqrt(v2 / (1 - 0.999**7)) + 1e-8))


@check("clip-grad-global-norm")
def _clip(clip: Fn) -> None:
    agrees_with_bank("grad-clip-by-norm-vector", clip([np.array([3.0, 4.0])], 1.0)[0])
    generator = rng()
    grads = [generator.standard_normal((3, 4)), generator.standard_normal(5)]
    clipped = clip(grads, 0.5)
    flat = np.concatenate([g.ravel() for g in clipped])
    close(np.linalg.norm(flat), 0.5, rtol=1e-5)
    close(
        flat / np.linalg.norm(flat),
        np.concatenate([g.ravel() for g in grads]) / np.sqrt(sum((g**2).sum() for g in grads)),
    )


@check("warmup-cosine-schedule")
def _schedule(lr_at: Fn) -> None:
    agrees_with_bank("lr-warmup-cosine-value", lr_at(3000, 1e-3, 1000, 5000, 1e-5))
    agrees_with_bank("cosine-lr-quarter-period", lr_at(25, 0.1, 0, 100))
    rates = [lr_at(step, 1.0, 10, 110) for step in range(0, 111)]
    close(rates[:11], np.linspace(0.0, 1.0, 11))
    assert all(a >= b for a, b in itertools.pairwise(rates[10:]))
    close(rates[60], 0.5)
    close(lr_at(500, 1.0, 10, 110), 0.0)


@check("finite-difference-gradient-check")
def _numerical_gradient(numerical_gradient: Fn) -> None:
    x = rng().standard_normal((3, 4))
    close(numerical_gradient(np.var, x), 2 * (x - x.mean()) / x.size)
    close(numerical_gradient(np.linalg.norm, x), x / np.linalg.norm(x))
    close(numerical_gradient(lambda v: float(np.sum(np.sin(v))), x), np.cos(x))


@check("kaiming-normal-init")
def _kaiming(kaiming_normal: Fn) -> None:
    for shape, kwargs, fan in (
        ((256, 128), {}, 128),
        ((64, 32, 3, 3), {}, 288),
        ((128, 512), {"mode": "fan_out"}, 128),
    ):
        w = kaiming_normal(shape, np.random.default_rng(5), **kwargs)
        assert w.shape == shape
        assert abs(w.std() / math.sqrt(2.0 / fan) - 1) < 0.03
        assert abs(w.mean()) < 0.03 * w.std()
    w = kaiming_normal((300, 200), np.random.default_rng(6), a=0.2)
    assert abs(w.std() / math.sqrt(2.0 / (1.04 * 200)) - 1) < 0.03


@check("xavier-uniform-init")
def _xavier(xavier_uniform: Fn) -> None:
    w = xavier_uniform((128, 256), np.random.default_rng(5))
    bound = math.sqrt(6.0 / 384)
    assert w.shape == (128, 256)
    assert np.abs(w).max() <= bound
    assert np.abs(w).max() > 0.99 * bound
    big = xavier_uniform((1000, 1000), np.random.default_rng(6))
    agrees_with_bank("init-xavier-normal-variance", big.var() * 2000 / 384)
    close(big.var(), 2.0 / 2000, rtol=0.01)
    conv = xavier_uniform((32, 16, 5, 5), np.random.default_rng(7))
    assert np.abs(conv).max() <= math.sqrt(6.0 / (16 * 25 + 32 * 25))
