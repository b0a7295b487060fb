"""Numeric answers of the regularization bank, recomputed with numpy."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


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
    return lam * np.sign(np.asarray(w, dtype=float))


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
}
