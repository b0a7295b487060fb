"""Numeric answers of the regularization bank, recomputed with numpy."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from tests.content.backprop import mib, vjp


def sgd_l2_factor(eta: float, lam: float, steps: int = 1) -> float:
    """What SGD on J + (lam/2) w^2 leaves of w after `steps` steps with zero data gradient."""
    w = 1.0
    for _ in range(steps):
        w -= eta * (0.0 + lam * w)
    return w


def l2_penalty(w: list[float], lam: float) -> float:
    """(lam/2) * ||w||^2, the convention with the 1/2."""
    return float(lam / 2 * np.sum(np.square(w)))


def l1_subgradient(w: list[float], lam: float) -> np.ndarray:
    """lam * sign(w), with sign(0) = 0 as PyTorch's autograd picks at the kink."""
    signs: np.ndarray = np.sign(np.asarray(w, dtype=float))
    return lam * signs


def l1_prox(u: list[float], eta: float, lam: float) -> np.ndarray:
    """argmin_w (w - u)^2 / 2 + eta*lam*|w|, found by brute force on a fine grid.

    Deliberately not the soft-threshold formula the question teaches, so the
    answer is checked by an independent route.
    """
    grid = np.linspace(-2, 2, 400_001)
    return np.array([grid[np.argmin((grid - x) ** 2 / 2 + eta * lam * np.abs(grid))] for x in u])


def adam_l2_decay(w: float, eta: float, lam: float, root_v: float, eps: float = 0.0) -> float:
    """The part of an Adam step caused by an L2 term: eta*lam*w / (sqrt(v_hat) + eps)."""
    return eta * lam * w / (root_v + eps)


def inverted_dropout(x: np.ndarray, keep: np.ndarray, p: float) -> np.ndarray:
    """Training-mode dropout as torch.nn.Dropout does it: p drops, kept values scale by 1/(1-p)."""
    return np.where(keep, x / (1 - p), 0.0)


def dropblock_gamma(keep_prob: float, block: int, feat: int) -> float:
    """Seed rate that makes the expected dropped fraction 1 - keep_prob (ignoring overlaps).

    Counts the valid centres (where a whole block fits) on the map instead of using
    the paper's closed form.
    """
    fits = np.zeros((feat, feat), dtype=bool)
    half = block // 2
    fits[half : feat - (block - 1 - half), half : feat - (block - 1 - half)] = True
    return (1 - keep_prob) * feat**2 / (block**2 * int(fits.sum()))


def stochastic_depth_expected_blocks(blocks: int, last_survival: float) -> float:
    """Sum of the linear-decay survival probabilities p_l = 1 - l/L (1 - p_L)."""
    layer = np.arange(1, blocks + 1)
    return float(np.sum(1 - layer / blocks * (1 - last_survival)))


def smoothed_target(classes: int, eps: float, true_class: int) -> np.ndarray:
    """(1 - eps) * one_hot + eps / K, PyTorch's label_smoothing convention."""
    one_hot: np.ndarray = np.eye(classes)[true_class]
    return (1 - eps) * one_hot + eps / classes


def optimal_logits(target: np.ndarray, steps: int = 20_000, lr: float = 1.0) -> np.ndarray:
    """Minimize cross-entropy(softmax(z), target) over z by gradient descent from z = 0."""
    z = np.zeros_like(target)
    for _ in range(steps):
        s = np.exp(z - z.max())
        z -= lr * (s / s.sum() - target)
    return z


def cutmix_weight_of_a(image: int, patch: int) -> float:
    """Fraction of pixels still coming from image A after pasting a patch of B at a corner."""
    from_a = np.ones((image, image), dtype=bool)
    from_a[:patch, :patch] = False
    return float(from_a.mean())


def ridge_component_ratio(eigenvalues: tuple[float, float], lam: float) -> float:
    """Ridge over least squares along the second eigenvector, solving both problems directly."""
    x = np.diag(np.sqrt(eigenvalues))
    y = np.array([1.0, 1.0])
    ols = np.linalg.solve(x.T @ x, x.T @ y)
    ridge = np.linalg.solve(x.T @ x + lam * np.eye(2), x.T @ y)
    return float(ridge[1] / ols[1])


def gradient_penalty(critic_grad: ArrayLike, lam: float) -> float:
    """WGAN-GP's λ·(‖∇ₓD‖₂ − 1)² for a critic whose input gradient is given."""
    return lam * (float(np.linalg.norm(np.asarray(critic_grad, dtype=float))) - 1.0) ** 2


def ema_half_life(beta: float) -> float:
    """Steps until β^k ≤ 1/2, found by bisection on k rather than from the log formula."""
    low, high = 0.0, 1e7
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if beta**mid > 0.5 else (low, mid)
    return (low + high) / 2


def z_loss(logits: ArrayLike, coefficient: float) -> float:
    z = np.asarray(logits, dtype=float)
    top = z.max()
    log_normalizer = top + np.log(np.exp(z - top).sum())
    return coefficient * float(log_normalizer) ** 2


def worst_case_increase(loss: Callable[[float], float], at: float, rho: float) -> float:
    """SAM's sharpness: the largest loss increase on a fine grid of |ε| ≤ ρ."""
    eps = np.linspace(-rho, rho, 20001)
    return float(max(loss(at + e) for e in eps) - loss(at))


RECOMPUTE: dict[str, Callable[[], object]] = {
    "l2-decay-factor-per-step": lambda: sgd_l2_factor(eta=0.1, lam=0.01),
    "l2-decay-after-many-steps": lambda: sgd_l2_factor(eta=0.1, lam=0.01, steps=1000),
    "l2-penalty-value": lambda: l2_penalty([1, -2, 3], lam=0.1),
    "l1-subgradient-vector": lambda: l1_subgradient([0.5, -0.2, 0.0], lam=0.1),
    "l1-soft-threshold-vector": lambda: l1_prox([0.05, -0.3, 0.2], eta=0.5, lam=0.2),
    "weight-decay-adam-l2-decay-ratio": lambda: (
        adam_l2_decay(0.5, 1e-3, 1e-2, root_v=0.1) / adam_l2_decay(0.5, 1e-3, 1e-2, root_v=10)
    ),
    "dropout-inverted-kept-value": lambda: inverted_dropout(
        np.array([3.0]), keep=np.array([True]), p=0.2
    ),
    "dropblock-gamma": lambda: dropblock_gamma(keep_prob=0.9, block=7, feat=14),
    "stochastic-depth-expected-blocks": lambda: stochastic_depth_expected_blocks(54, 0.5),
    "label-smoothing-target": lambda: smoothed_target(4, eps=0.1, true_class=0)[0],
    "label-smoothing-optimal-logit-gap": lambda: (
        (z := optimal_logits(smoothed_target(4, eps=0.1, true_class=0)))[0] - z[1]
    ),
    "cutmix-label-weight": lambda: cutmix_weight_of_a(image=32, patch=16),
    "ridge-small-eigen-shrinkage": lambda: ridge_component_ratio((100.0, 0.01), lam=1.0),
    "gradient-penalty-linear-critic": lambda: gradient_penalty([3.0, 4.0], 10.0),
    "ema-weights-half-life": lambda: ema_half_life(0.999),
    "z-loss-value-example": lambda: z_loss([2.0, 1.0, 0.0], 1e-4),
    "sam-sharpness-quadratic": lambda: worst_case_increase(lambda w: 10 * w * w / 2, 0.0, 0.05),
}


# Matrix-backprop and memory questions (content-b).


def ridge_loss(w: np.ndarray) -> np.ndarray:
    x, y, lam = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([0.0, 1.0]), 0.5
    residual = x @ w - y
    return np.array(residual @ residual / (2 * len(y)) + lam / 2 * w @ w)


RECOMPUTE.update(
    {
        "mbp-ridge-gradient-matrix": lambda: vjp(ridge_loss, [1.0, -1.0], 1.0),
        "mbp-dropout-backward-matrix": lambda: vjp(
            lambda x: inverted_dropout(x, np.array([[1, 0, 1], [1, 1, 0]]), 0.25),
            np.ones((2, 3)),
            [[0.6, 1.2, -0.3], [0.9, -1.5, 2.0]],
        ).ravel(),
        "memory-dropconnect-vs-dropout-masks": lambda: mib((32, 4096, 4096), np.bool_),
        "memory-attention-dropout-mask": lambda: mib((8, 12, 1024, 1024), np.bool_),
    }
)
