"""Numeric answers of the normalization bank, recomputed with numpy."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def bn_train(x: ArrayLike, gamma: float = 1.0, beta: float = 0.0, eps: float = 0.0) -> Array:
    """Training-mode batch norm of one feature: batch mean and biased batch variance."""
    values = np.asarray(x, dtype=float)
    normalized = (values - values.mean()) / np.sqrt(values.var() + eps)
    return gamma * normalized + beta


RECOMPUTE: dict[str, Callable[[], object]] = {
    "bn-forward-batch-example": lambda: bn_train([1, 2, 3, 4], gamma=2.0, beta=0.5)[0],
}
