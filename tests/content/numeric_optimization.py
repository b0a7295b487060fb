"""Numeric answers of the optimization bank, recomputed with numpy.

Each function re-derives its answer from the data in the question's prompt by
running the procedure the question describes (a loop of updates, a grid search,
a finite difference), so a slip in the stated value or in a closed form shows up
as a mismatch.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tests.content.backprop import vjp


def sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def max_sigmoid_derivative() -> float:
    """The peak of σ′ found on a fine grid that contains 0, not assumed to be 1/4."""
    z = np.linspace(-10.0, 10.0, 20001)
    s = sigmoid(z)
    return float(np.max(s * (1.0 - s)))


def gradient_descent(grad: Callable[[float], float], x0: float, lr: float, steps: int) -> float:
    """Plain GD, run step by step rather than through the closed form (1 - 2η)^t."""
    x = x0
    for _ in range(steps):
        x = x - lr * grad(x)
    return x


def hessian_2d(f: Callable[[float, float], float], h: float = 1e-3) -> np.ndarray:
    """Central-difference Hessian at the origin; exact up to rounding for a quadratic."""

    def second(i: int, j: int) -> float:
        e = np.eye(2) * h
        return float(
            (f(*(e[i] + e[j])) - f(*(e[i] - e[j])) - f(*(e[j] - e[i])) + f(*(-e[i] - e[j])))
            / (4 * h * h)
        )

    return np.array([[second(i, j) for j in range(2)] for i in range(2)])


def iterations_per_epoch(examples: int, batch: int) -> int:
    """Batches a DataLoader with drop_last=False yields: count the batch start indices."""
    return len(range(0, examples, batch))


def momentum_settled_step(beta: float, lr: float, grad: float, steps: int = 2000) -> float:
    """|v| after many heavy-ball steps on a constant gradient, iterated not solved."""
    v = 0.0
    for _ in range(steps):
        v = beta * v - lr * grad
    return abs(v)


def moving_average(beta: float, signal: list[float]) -> float:
    """An EMA started at zero, without bias correction."""
    v = 0.0
    for x in signal:
        v = beta * v + (1 - beta) * x
    return v


def adadelta_first_step(grad: float, rho: float, eps: float) -> float:
    """|Δθ| of Zeiler's AdaDelta at t = 1, both accumulators starting at zero."""
    mean_sq_grad, mean_sq_update = 0.0, 0.0
    mean_sq_grad = rho * mean_sq_grad + (1 - rho) * grad**2
    update = -np.sqrt(mean_sq_update + eps) / np.sqrt(mean_sq_grad + eps) * grad
    return float(abs(update))


def adam_first_step_uncorrected(
    grad: float, lr: float, betas: tuple[float, float], eps: float
) -> float:
    """|Δθ| of Adam at t = 1 when the moments are not divided by 1 - β^t."""
    beta1, beta2 = betas
    m = (1 - beta1) * grad
    v = (1 - beta2) * grad**2
    return float(abs(lr * m / (np.sqrt(v) + eps)))


def cosine_lr(step: float, total: float, peak: float, floor: float) -> float:
    """CosineAnnealingLR's closed form: from `peak` at step 0 to `floor` at `total`."""
    return floor + 0.5 * (peak - floor) * (1 + np.cos(np.pi * step / total))


def clip_by_norm(grad: list[float], max_norm: float) -> np.ndarray:
    g = np.asarray(grad, dtype=float)
    return g * min(1.0, max_norm / float(np.linalg.norm(g)))


def xavier_uniform_variance(fan_in: int, fan_out: int) -> float:
    """Variance a²/3 of U(-a, a) with Glorot's bound a: must equal the normal version's."""
    bound = np.sqrt(6 / (fan_in + fan_out))
    return float(bound**2 / 3)


def two_layer_loss(w1: float, x: float = 2.0, w2: float = 3.0, y: float = 1.0) -> float:
    """L = ½(w2·relu(w1·x) - y)², the network of backprop-two-layer-relu-gradient."""
    return 0.5 * (w2 * max(w1 * x, 0.0) - y) ** 2


def central_difference(f: Callable[[float], float], at: float, step: float = 1e-5) -> float:
    """The gradient check itself, independent of any hand-derived backward pass."""
    return (f(at + step) - f(at - step)) / (2 * step)


def random_search_hit(trials: int, fraction: float) -> float:
    """P(at least one of `trials` draws lands in the best `fraction`): sum the binomial
    probabilities of 1..trials hits rather than using the complement."""
    from math import comb

    return sum(
        comb(trials, k) * fraction**k * (1 - fraction) ** (trials - k) for k in range(1, trials + 1)
    )


def successive_halving_epochs(configs: int, first: int, eta: int) -> int:
    """Epochs summed over the rounds, each keeping the best 1/eta at eta times the budget."""
    total, budget = 0, first
    while configs >= 1:
        total += configs * budget
        if configs == 1:
            break
        configs, budget = configs // eta, budget * eta
    return total


def step_lr(epochs: int, lr: float, step_size: int, gamma: float) -> float:
    """StepLR stepped once per epoch: multiply by gamma each time a step boundary passes."""
    for epoch in range(1, epochs + 1):
        if epoch % step_size == 0:
            lr *= gamma
    return lr


def warm_restarts_lr(epoch: int, t0: int, mult: int, top: float, bottom: float) -> float:
    """CosineAnnealingWarmRestarts: walk the cycles to the one holding `epoch`."""
    start, length = 0, t0
    while epoch >= start + length:
        start, length = start + length, length * mult
    return bottom + 0.5 * (top - bottom) * (1 + np.cos(np.pi * (epoch - start) / length))


def state_bytes(params: float, tensors: int, bytes_each: int) -> float:
    """Optimizer state: `tensors` copies of every parameter at `bytes_each` bytes."""
    return params * tensors * bytes_each


RECOMPUTE: dict[str, Callable[[], object]] = {
    "vanishing-gradient-sigmoid-ten-layers": lambda: max_sigmoid_derivative() ** 10,
    "gd-quadratic-twenty-steps": lambda: gradient_descent(lambda x: 2 * x, 1.0, 0.1, 20),
    "gd-quadratic-divergence": lambda: gradient_descent(lambda x: 2 * x, 1.0, 1.1, 20),
    "hessian-saddle-smallest-eigenvalue": lambda: np.linalg.eigvalsh(
        hessian_2d(lambda x, y: x**2 + 4 * x * y + y**2)
    ).min(),
    "iterations-per-epoch": lambda: iterations_per_epoch(50_000, 128),
    "sampling-with-replacement-unseen-fraction": lambda: (1 - 1 / 50_000) ** 50_000,
    "momentum-terminal-step": lambda: momentum_settled_step(0.9, 0.01, 2.0),
    "ema-bias-constant-signal": lambda: moving_average(0.9, [5.0] * 10),
    "adadelta-first-step": lambda: adadelta_first_step(1.0, 0.95, 1e-6),
    "cosine-lr-quarter-period": lambda: cosine_lr(25, 100, 0.1, 0.0),
    "lr-warmup-cosine-value": lambda: cosine_lr(3000 - 1000, 5000 - 1000, 1e-3, 1e-5),
    "linear-scaling-rule-lr": lambda: 0.1 * 8192 / 256,
    "grad-clip-by-norm-vector": lambda: clip_by_norm([3.0, 4.0], 1.0),
    "init-xavier-normal-variance": lambda: xavier_uniform_variance(256, 128),
    "backprop-two-layer-relu-gradient": lambda: central_difference(two_layer_loss, 0.5),
    "adam-first-step-no-bias-correction": lambda: adam_first_step_uncorrected(
        0.1, 1e-3, (0.9, 0.999), 1e-8
    ),
    "hparam-random-search-top-fraction": lambda: random_search_hit(60, 0.05),
    "hparam-successive-halving-budget": lambda: successive_halving_epochs(81, 1, 3),
    "adam-state-memory-7b": lambda: state_bytes(7e9, 2, 4) / 1e9,
    "mixed-precision-adam-bytes-per-param": lambda: sum([2, 2, 4, 4, 4]),
    "adafactor-second-moment-ratio": lambda: 4096 * 4096 / (4096 + 4096),
    "lr-step-decay-value": lambda: step_lr(65, 0.1, 30, 0.1),
    "lr-polynomial-decay-value": lambda: 0.01 * (1 - 5000 / 10000) ** 0.9,
    "sgdr-warm-restart-value": lambda: warm_restarts_lr(45, 10, 2, 0.1, 0.0),
    "one-cycle-policy-defaults": lambda: [0.1 / 25, 0.1 / 25 / 1e4],
    "layerwise-lr-decay-embedding-rate": lambda: 1e-4 * 0.8**12,
    "residual-branch-gradient-product": lambda: float(np.prod([1 + 0.05] * 20)),
    "seed-spread-report": lambda: float(np.std([76.1, 75.8, 76.4, 75.9, 76.3], ddof=1)),
}


# Matrix-backprop and FLOPs questions (content-b).


def matmul_flops(m: int, k: int, n: int) -> int:
    """FLOPs of an (m × k)·(k × n) product: one multiply and one add per term of each output."""
    return 2 * m * k * n


def linear_grads() -> np.ndarray:
    """[dW row by row, db] of Y = XW + b, by central differences in W and b."""
    x = np.array([[1.0, 0.0, 2.0], [-1.0, 3.0, 1.0]])
    dy = np.array([[1.0, -1.0], [2.0, 0.0]])
    w, b = np.zeros((3, 2)), np.zeros(2)
    dw = vjp(lambda w_: x @ w_ + b, w, dy)
    db = vjp(lambda b_: x @ w + b_, b, dy)
    return np.concatenate([dw.ravel(), db])


def linear_training_flops(tokens: int, fan_in: int, fan_out: int) -> int:
    """Forward XWᵀ, then backward dX = dY·W and dW = dYᵀX: three products of the same size."""
    forward = matmul_flops(tokens, fan_in, fan_out)
    grad_input = matmul_flops(tokens, fan_out, fan_in)
    grad_weight = matmul_flops(fan_out, tokens, fan_in)
    return forward + grad_input + grad_weight


RECOMPUTE.update(
    {
        "mbp-linear-dw-db-numeric": linear_grads,
        "flops-square-matmul-4096": lambda: matmul_flops(4096, 4096, 4096) / 1e9,
        "flops-linear-training-step": lambda: linear_training_flops(8 * 2048, 4096, 4096) / 1e12,
    }
)
