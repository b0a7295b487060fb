"""Numeric answers of the activations bank, recomputed with numpy.

Each entry computes the answer from the question's own data; helpers keep the
non-trivial ones (minima, stable softmax) readable.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tests.content.backprop import mib, softmax_rows, vjp
from tests.content.figures import relu_firing_rates


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


def stable_softmax(logits: list[float] | np.ndarray) -> np.ndarray:
    """Softmax with the maximum subtracted first, so large logits do not overflow."""
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max())
    return e / e.sum()


def selu(x: float) -> float:
    lam, alpha = 1.0507009873554805, 1.6732632423543772
    return lam * x if x > 0 else lam * alpha * (math.exp(x) - 1)


def bce_over_mse_gradient(z: float, y: float) -> float:
    """|dBCE/dz| / |dMSE/dz| from finite differences of the two losses themselves."""

    def bce(t: float) -> float:
        p = sigmoid(t)
        return -(y * math.log(p) + (1 - y) * math.log(1 - p))

    def mse(t: float) -> float:
        return 0.5 * (sigmoid(t) - y) ** 2

    return abs(central_difference(bce, z)) / abs(central_difference(mse, z))


def xor_output_weight() -> float:
    """Least-squares c in y = h1 + c*h2 so that y matches XOR on the four inputs."""
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    xor = np.array([0, 1, 1, 0], dtype=float)
    h1 = np.maximum(0, inputs.sum(axis=1))
    h2 = np.maximum(0, inputs.sum(axis=1) - 1)
    c = np.linalg.lstsq(h2[:, None], xor - h1, rcond=None)[0]
    assert np.allclose(h1 + c[0] * h2, xor), "no c makes the network compute XOR"
    return float(c[0])


# Default negative slopes as each framework documents them (checked against its docs).
LEAKY_DEFAULTS = {
    "torch.nn.LeakyReLU": 0.01,
    "tf.nn.leaky_relu": 0.2,
    "keras.layers.LeakyReLU": 0.3,
}


def leaky_relu(x: float, slope: float) -> float:
    return x if x >= 0 else slope * x


def kaiming_std(fan_in: int, negative_slope: float) -> float:
    """torch.nn.init.kaiming_normal_: gain √(2/(1 + a²)) over √fan_in."""
    return math.sqrt(2.0 / (1.0 + negative_slope**2)) / math.sqrt(fan_in)


RECOMPUTE: dict[str, Callable[[], object]] = {
    "sigmoid-derivative-max": sigmoid_derivative_max,
    "gelu-exact-at-1": lambda: 1.0 * normal_cdf(1.0),
    "gelu-minimum": lambda: minimum_on_negative_axis(gelu),
    "swish-minimum": lambda: minimum_on_negative_axis(silu),
    "mish-derivative-at-zero": lambda: central_difference(mish, 0.0),
    "sigmoid-derivative-at-5": lambda: sigmoid_derivative(5.0),
    "tanh-derivative-at-2": lambda: central_difference(math.tanh, 2.0),
    "selu-negative-limit": lambda: selu(-50.0),
    "rrelu-eval-slope": lambda: (1 / 8 + 1 / 3) / 2,
    "softmax-small-example": lambda: stable_softmax([1, 2, 3]),
    "softmax-stable-large-logits": lambda: stable_softmax([1000, 1001, 1002])[-1],
    "softmax-temperature": lambda: stable_softmax(np.array([1, 2, 3]) / 0.5)[-1],
    "sigmoid-mse-bce-gradient-ratio": lambda: bce_over_mse_gradient(-4.0, 1.0),
    "relu-xor-weight": xor_output_weight,
    "leaky-relu-default-outputs": lambda: [
        leaky_relu(-2.0, slope) for slope in LEAKY_DEFAULTS.values()
    ],
    "kaiming-normal-default-std": lambda: kaiming_std(512, 0.0),
    "prelu-default-init-output": lambda: leaky_relu(-4.0, 0.25),
}


# Read-the-plot, matrix-backprop and memory questions (content-b).


def gelu_derivative_minimum() -> list[float]:
    """[x, GELU′(x)] at the minimum of GELU′, found on a grid of the derivative itself."""
    from math import erf

    x = np.linspace(-4.0, 0.0, 400_001)
    phi = np.exp(-(x**2) / 2) / np.sqrt(2 * np.pi)
    cdf = 0.5 * (1 + np.vectorize(erf)(x / np.sqrt(2)))
    derivative = cdf + x * phi
    index = int(np.argmin(derivative))
    return [float(x[index]), float(derivative[index])]


def batch_cross_entropy(logits: np.ndarray, labels: list[int]) -> float:
    probs = softmax_rows(logits)
    return float(-np.mean(np.log(probs[np.arange(len(labels)), labels])))


RECOMPUTE.update(
    {
        "plot-dead-relu-firing-histogram": lambda: float(np.mean(relu_firing_rates() == 0)),
        "plot-sigmoid-gradient-ratio": lambda: sigmoid_derivative(4.0) / sigmoid_derivative(0.0),
        "plot-gelu-derivative-dip": gelu_derivative_minimum,
        "mbp-softmax-ce-batch-gradient": lambda: vjp(
            lambda z: np.array(batch_cross_entropy(z, [0, 2])),
            [[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]],
            1.0,
        ).ravel(),
        "mbp-relu-backward-matrix": lambda: vjp(
            lambda x: np.maximum(x, 0.0),
            [[1.0, -2.0, 0.5], [-1.0, 3.0, -0.5]],
            [[0.3, 0.7, -1.0], [2.0, -1.0, 4.0]],
        ).ravel(),
        "memory-gelu-saved-input-bf16": lambda: mib((16, 1024, 4096), np.float16),  # 2 bytes
    }
)
