"""Numeric answers of the activations bank, recomputed with numpy.

Each entry computes the answer from the question's own data; helpers keep the
non-trivial ones (minima, stable softmax) readable.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def sigmoid(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


def sigmoid_derivative(x: float) -> float:
    s = sigmoid(x)
    return s * (1 - s)


def sigmoid_derivative_max() -> float:
    """Maximum of σ' over a fine grid: the grid contains 0, where the peak is."""
    grid = np.linspace(-10, 10, 200_001)
    s = 1 / (1 + np.exp(-grid))
    return float(np.max(s * (1 - s)))


RECOMPUTE: dict[str, Callable[[], object]] = {
    "sigmoid-derivative-max": sigmoid_derivative_max,
}
