"""Numeric answers of the activations bank, recomputed with numpy.

Each entry computes the answer from the question's own data; helpers keep the
non-trivial ones (minima, stable softmax) readable.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np


def sigmoid(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


def sigmoid_derivative(x: float) -> float:
    s = sigmoid(x)
    return s * (1 - s)


def normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def sigmoid_derivative_max() -> float:
    """Maximum of σ' over a fine grid: the grid contains 0, where the peak is."""
    grid = np.linspace(-10, 10, 200_001)
    s = 1 / (1 + np.exp(-grid))
    return float(np.max(s * (1 - s)))


def minimum_on_negative_axis(f: Callable[[np.ndarray], np.ndarray]) -> float:
    """Smallest value of an activation on a fine grid over [-5, 0], where its dip lies."""
    grid = np.linspace(-5.0, 0.0, 500_001)
    return float(np.min(f(grid)))


def gelu(x: np.ndarray) -> np.ndarray:
    return x * 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def silu(x: np.ndarray) -> np.ndarray:
    return x / (1 + np.exp(-x))


def mish(x: float) -> float:
    return x * math.tanh(math.log1p(math.exp(x)))


def central_difference(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """Slope of f at x from the function itself, independent of any derivative formula."""
    return (f(x + h) - f(x - h)) / (2 * h)


RECOMPUTE: dict[str, Callable[[], object]] = {
    "sigmoid-derivative-max": sigmoid_derivative_max,
    "gelu-exact-at-1": lambda: 1.0 * normal_cdf(1.0),
    "gelu-minimum": lambda: minimum_on_negative_axis(gelu),
    "swish-minimum": lambda: minimum_on_negative_axis(silu),
    "mish-derivative-at-zero": lambda: central_difference(mish, 0.0),
}
