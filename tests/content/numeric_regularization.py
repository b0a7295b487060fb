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


RECOMPUTE: dict[str, Callable[[], object]] = {
    "l2-decay-factor-per-step": lambda: sgd_l2_factor(eta=0.1, lam=0.01),
    "l2-decay-after-many-steps": lambda: sgd_l2_factor(eta=0.1, lam=0.01, steps=1000),
    "l2-penalty-value": lambda: l2_penalty([1, -2, 3], lam=0.1),
}
