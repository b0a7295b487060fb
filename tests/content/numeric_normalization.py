"""Numeric answers of the normalization bank, recomputed with numpy.

The helpers compute each layer the way the framework does (biased batch
variance in the forward pass, unbiased variance in the running estimate,
PyTorch's momentum convention), and gradients by finite differences, so no
answer rests on the closed form the question teaches.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from tests.content.backprop import mib, vjp

Array = NDArray[np.float64]


def bn_train(x: ArrayLike, gamma: float = 1.0, beta: float = 0.0, eps: float = 0.0) -> Array:
    """Training-mode batch norm of one feature: batch mean and biased batch variance."""
    values = np.asarray(x, dtype=np.float64)
    normalized: Array = (values - values.mean()) / np.sqrt(values.var() + eps)
    return gamma * normalized + beta


def bn_eval(x: ArrayLike, mean: float, var: float, gamma: float, beta: float) -> Array:
    """Inference-mode batch norm: fixed running statistics, no dependence on the batch."""
    normalized: Array = (np.asarray(x, dtype=np.float64) - mean) / np.sqrt(var)
    return gamma * normalized + beta


def running_stat(start: float, batch_values: list[float], momentum: float) -> float:
    """PyTorch's update: running = (1 - momentum) * running + momentum * batch value."""
    running = start
    for value in batch_values:
        running = (1 - momentum) * running + momentum * value
    return running


def rms_norm(x: ArrayLike, gain: float = 1.0, eps: float = 0.0) -> Array:
    """RMSNorm: divide by the root mean square of the features, no mean subtraction."""
    values = np.asarray(x, dtype=np.float64)
    scaled: Array = values / np.sqrt(np.mean(values**2) + eps)
    return gain * scaled


def conv1d(x: ArrayLike, kernel: ArrayLike, bias: float) -> Array:
    """Valid 1-D cross-correlation, as a deep-learning convolution computes it."""
    signal, weights = np.asarray(x, dtype=np.float64), np.asarray(kernel, dtype=np.float64)
    width = len(signal) - len(weights) + 1
    return np.array([signal[i : i + len(weights)] @ weights for i in range(width)]) + bias


def numeric_gradient(f: Callable[[Array], float], x: ArrayLike, index: int) -> float:
    """Central difference of f along one input, independent of any closed-form gradient."""
    point, step = np.asarray(x, dtype=np.float64), 1e-6
    up, down = point.copy(), point.copy()
    up[index] += step
    down[index] -= step
    return (f(up) - f(down)) / (2 * step)


def affine_parameter_count(channels: int) -> int:
    """A normalization layer's learnable parameters: one gamma and one beta per channel."""
    return 2 * channels


def group_norm_mean_count(shape: tuple[int, int, int, int], groups: int) -> int:
    """How many means GroupNorm computes: reduce each (sample, group) block of the input."""
    batch, channels, height, width = shape
    blocks = np.zeros(shape).reshape(batch, groups, channels // groups * height * width)
    return int(blocks.mean(axis=2).size)


def local_response_norm(
    activations: ArrayLike, channel: int, size: int, k: float, alpha: float, beta: float
) -> float:
    """AlexNet's LRN at one pixel: sum of squares over `size` channels centred on `channel`."""
    values = np.asarray(activations, dtype=np.float64)
    low, high = max(0, channel - size // 2), min(len(values), channel + size // 2 + 1)
    return float(values[channel] / (k + alpha * np.sum(values[low:high] ** 2)) ** beta)


def hessian_condition_number(feature_stds: list[float]) -> float:
    """Condition number of the MSE Hessian 2*E[x x^T] for zero-mean, uncorrelated features."""
    hessian = 2 * np.diag(np.square(feature_stds))
    eigenvalues = np.linalg.eigvalsh(hessian)
    return float(eigenvalues.max() / eigenvalues.min())


def power_iteration_sigma(matrix: ArrayLike, u: ArrayLike, steps: int) -> float:
    """Spectral normalization's estimate: v = Wᵀu/‖Wᵀu‖, u = Wv/‖Wv‖, σ = uᵀWv."""
    w = np.asarray(matrix, dtype=float)
    left = np.asarray(u, dtype=float)
    sigma = 0.0
    for _ in range(steps):
        right = w.T @ left
        right /= np.linalg.norm(right)
        left = w @ right
        left /= np.linalg.norm(left)
        sigma = float(left @ w @ right)
    return sigma


def lipschitz_bound(matrices: list[ArrayLike]) -> float:
    """Product of the layers' largest singular values (ReLU contributes 1)."""
    return float(
        np.prod([np.linalg.svd(np.asarray(m, float), compute_uv=False)[0] for m in matrices])
    )


def softmax_top_weight(logits: ArrayLike) -> float:
    z = np.asarray(logits, dtype=float)
    e = np.exp(z - z.max())
    return float((e / e.sum()).max())


def frozen_bn_affine(mean: float, var: float, gamma: float, beta: float) -> list[float]:
    """Scale and shift read off the frozen layer's outputs at x = 0 and x = 1."""

    def layer(x: float) -> float:
        return gamma * (x - mean) / np.sqrt(var) + beta

    return [layer(1.0) - layer(0.0), layer(0.0)]


RECOMPUTE: dict[str, Callable[[], object]] = {
    "bn-forward-batch-example": lambda: bn_train([1, 2, 3, 4], gamma=2.0, beta=0.5)[0],
    "bn-grad-gamma-beta-numeric": lambda: (
        np.array([0.5, -1.0, 2.0, 0.1]) @ np.array([-1.342, -0.447, 0.447, 1.342])
    ),
    "bn-input-gradient-numeric": lambda: numeric_gradient(
        lambda x: float(bn_train(x)[0]), [1, 2, 3, 4], 0
    ),
    "bn-fold-bias-numeric": lambda: bn_eval(
        conv1d(np.zeros(3), [0.5, -1, 2], 0.1), mean=0.3, var=0.25, gamma=1.5, beta=-0.2
    )[0],
    "bn-running-mean-three-batches": lambda: running_stat(0.0, [1, 2, 3], momentum=0.1),
    "bn-running-var-unbiased": lambda: running_stat(
        1.0, [float(np.var([1, 2, 3, 4], ddof=1))], momentum=0.1
    ),
    "bn-batch-of-two-output": lambda: bn_train([3, 10])[1],
    "bn-channel-variance-tiny-tensor": lambda: np.array(
        [[[[1, 3]], [[2, 2]]], [[[5, 7]], [[4, 8]]]], dtype=float
    ).var(axis=(0, 2, 3))[1],
    "bn-param-count-batchnorm2d": lambda: affine_parameter_count(128),
    "layernorm-param-count": lambda: affine_parameter_count(768),
    "groupnorm-mean-count": lambda: group_norm_mean_count((4, 256, 14, 14), groups=32),
    "rmsnorm-vs-layernorm-example": lambda: rms_norm([3, 4])[1],
    "lrn-alexnet-example": lambda: local_response_norm(
        [1, 2, 3, 4, 5], channel=2, size=5, k=2.0, alpha=1e-4, beta=0.75
    ),
    "feature-zscore-population-std": lambda: (
        (4 - np.mean([1, 2, 3, 4])) / np.std([1, 2, 3, 4], ddof=0)
    ),
    "feature-scaling-condition-number": lambda: hessian_condition_number([1.0, 10.0]),
    "spectral-norm-value-2x2": lambda: np.linalg.svd(
        np.array([[1.0, 2.0], [3.0, 4.0]]), compute_uv=False
    )[0],
    "spectral-norm-power-iteration-step": lambda: power_iteration_sigma(
        [[2, 1], [1, 2]], [1, 0], steps=1
    ),
    "lipschitz-bound-of-a-stack": lambda: lipschitz_bound(
        [np.diag([2.0, 1.0]), np.diag([3.0, 0.5]), np.diag([0.5, 0.1])]
    ),
    "qk-norm-two-key-attention-bound": lambda: softmax_top_weight([4.0, -4.0]),
    "qk-norm-needs-a-scale": lambda: float(np.exp(1.0) / (np.exp(1.0) + 99 * np.exp(-1.0))),
    "logit-soft-capping-value": lambda: 30 * np.tanh(60 / 30),
    "frozen-batchnorm-as-affine": lambda: frozen_bn_affine(mean=0.5, var=4.0, gamma=2.0, beta=1.0),
    "spectral-norm-conv-matrix-shape": lambda: np.zeros((64, 32, 3, 3)).reshape(64, -1).shape[1],
}


# Read-the-plot, matrix-backprop and memory questions (content-b).


def steps_until_within(target: float, momentum: float, fraction: float) -> int:
    """First step at which PyTorch's running mean, started at 0, is within `fraction` of target."""
    running, step = 0.0, 0
    while abs(running - target) > fraction * target:
        running = (1 - momentum) * running + momentum * target
        step += 1
    return step


def batch_mean_noise_ratio(small: int, large: int) -> float:
    """Ratio of the batch mean's standard deviation at two batch sizes (σ/√N)."""
    return float(np.sqrt(large / small))


def layer_norm(x: Array) -> Array:
    values = np.asarray(x, dtype=np.float64)
    out: Array = (values - values.mean(axis=-1, keepdims=True)) / values.std(axis=-1, keepdims=True)
    return out


def bn2d_affine_gradients() -> list[float]:
    """[dγ0, dγ1, dβ0, dβ1] by differentiating BatchNorm2d's output in γ and β numerically."""
    x = np.array([[[[1.0, 3.0]], [[0.0, 4.0]]], [[[5.0, 7.0]], [[2.0, 2.0]]]])
    dy = np.array([[[[1.0, 0.0]], [[2.0, 1.0]]], [[[0.5, -1.0]], [[-2.0, 1.0]]]])
    mean = x.mean(axis=(0, 2, 3), keepdims=True)
    x_hat = (x - mean) / x.std(axis=(0, 2, 3), keepdims=True)

    def output(params: Array) -> Array:
        gamma, beta = params[:2].reshape(1, 2, 1, 1), params[2:].reshape(1, 2, 1, 1)
        out: Array = gamma * x_hat + beta
        return out

    return list(vjp(output, [1.0, 1.0, 0.0, 0.0], dy))


RECOMPUTE.update(
    {
        "plot-bn-running-mean-warmup": lambda: steps_until_within(2.0, 0.1, 0.1),
        "plot-bn-batch-statistic-noise": lambda: batch_mean_noise_ratio(4, 64),
        "mbp-bn-input-gradient-vector": lambda: vjp(
            lambda x: bn_train(x, gamma=2.0), [1.0, 2.0, 4.0, 5.0], [1.0, 0.0, 0.0, -1.0]
        ),
        "mbp-bn2d-dgamma-dbeta-nchw": bn2d_affine_gradients,
        "mbp-layernorm-input-gradient": lambda: vjp(
            layer_norm, [2.0, 0.0, -1.0, 3.0], [1.0, 0.0, 0.0, 0.0]
        ),
        "memory-batchnorm-output-activation": lambda: mib((32, 64, 56, 56), np.float32),
        "params-vit-base-layernorm-total": lambda: (12 * 2 + 1) * affine_parameter_count(768),
        "params-llama-rmsnorm-total": lambda: [
            (32 * 2 + 1) * 4096,
            (32 * 2 + 1) * affine_parameter_count(4096),
        ],
    }
)
