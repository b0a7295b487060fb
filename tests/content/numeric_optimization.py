"""Numeric answers of the optimization bank, recomputed with numpy.

Each function re-derives its answer from the data in the question's prompt by
running the procedure the question describes (a loop of updates, a grid search,
a finite difference), so a slip in the stated value or in a closed form shows up
as a mismatch.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def max_sigmoid_derivative() -> float:
    """The peak of σ′ found on a fine grid that contains 0, not assumed to be 1/4."""
    z = np.linspace(-10.0, 10.0, 20001)
    s = sigmoid(z)
    return float(np.max(s * (1.0 - s)))


RECOMPUTE: dict[str, Callable[[], object]] = {
    "vanishing-gradient-sigmoid-ten-layers": lambda: max_sigmoid_derivative() ** 10,
}
