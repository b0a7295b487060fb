"""Shared checks for the matrix-backprop and memory questions: gradients by central
differences (never by the closed form a question teaches) and tensor sizes from numpy."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def vjp(
    f: Callable[[Array], Array], x: ArrayLike, upstream: ArrayLike, step: float = 1e-6
) -> Array:
    """∂/∂x of sum(upstream ⊙ f(x)), entry by entry, by central differences."""
    point = np.asarray(x, dtype=np.float64)
    weights = np.asarray(upstream, dtype=np.float64)
    grad = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        up, down = point.copy(), point.copy()
        up[index] += step
        down[index] -= step
        grad[index] = (np.sum(weights * f(up)) - np.sum(weights * f(down))) / (2 * step)
    return grad


def mib(shape: tuple[int, ...], dtype: type | str) -> float:
    """Bytes of a dense tensor of this shape and dtype, in MiB (2**20 bytes)."""
    return int(np.prod(shape, dtype=np.int64)) * np.dtype(dtype).itemsize / 2**20


def softmax_rows(z: Array) -> Array:
    shifted = z - z.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    out: Array = e / e.sum(axis=-1, keepdims=True)
    return out
