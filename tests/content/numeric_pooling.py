"""Numeric answers of the pooling bank, recomputed with numpy.

The helpers re-implement pooling the way PyTorch does (floor/ceil output size,
first maximum wins a tie, `count_include_pad`), with explicit loops over
windows, so every answer is recomputed from the question's own data rather than
from the closed-form shortcut the question teaches.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tests.content.backprop import mib, vjp

GRID = np.array([[1, 3, 2, 4], [5, 6, 1, 2], [7, 8, 3, 1], [2, 4, 5, 6]], dtype=float)
DY = np.array([[1, 2], [3, 4]], dtype=float)
NINE = np.arange(1, 10, dtype=float).reshape(3, 3)
CONV3, POOL2 = (3, 1, 1), (2, 2, 1)
VGG16 = [CONV3] * 2 + [POOL2] + [CONV3] * 2 + [POOL2] + ([CONV3] * 3 + [POOL2]) * 3


def out_size(n: int, k: int, s: int, p: int = 0, d: int = 1, ceil: bool = False) -> int:
    """PyTorch's pooling output length, including ceil_mode's last-window rule."""
    span = n + 2 * p - d * (k - 1) - 1
    size = (-(-span // s) if ceil else span // s) + 1
    if ceil and (size - 1) * s >= n + p:
        size -= 1
    return size


def windows(n: int, k: int, s: int) -> list[range]:
    """Index ranges of the windows of a valid (unpadded, floor-mode) 1-D pooling."""
    return [range(i * s, i * s + k) for i in range(out_size(n, k, s))]


def pool2d(x: np.ndarray, k: int, s: int, reduce: Callable[[np.ndarray], float]) -> np.ndarray:
    """Apply `reduce` to every k×k window of a 2-D map (no padding)."""
    rows, cols = windows(x.shape[0], k, s), windows(x.shape[1], k, s)
    return np.array([[reduce(x[np.ix_(r, c)]) for c in cols] for r in rows])


def max_pool2d_backward(x: np.ndarray, dy: np.ndarray, k: int, s: int) -> np.ndarray:
    """Route each upstream gradient to its window's first maximum; accumulate overlaps."""
    dx = np.zeros_like(x)
    rows, cols = windows(x.shape[0], k, s), windows(x.shape[1], k, s)
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            a, b = np.unravel_index(np.argmax(x[np.ix_(r, c)]), (k, k))
            dx[r[a], c[b]] += dy[i, j]
    return dx


def avg_pool2d_backward(shape: tuple[int, int], dy: np.ndarray, k: int, s: int) -> np.ndarray:
    """Share each upstream gradient equally over the k×k inputs of its window."""
    dx = np.zeros(shape)
    rows, cols = windows(shape[0], k, s), windows(shape[1], k, s)
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            dx[np.ix_(r, c)] += dy[i, j] / k**2
    return dx


def max_pool1d_backward(x: list[float], dy: list[float], k: int, s: int) -> np.ndarray:
    """1-D max-pool backward (first maximum wins), to show overlapping windows."""
    values, dx = np.asarray(x, dtype=float), np.zeros(len(x))
    for window, g in zip(windows(len(x), k, s), dy, strict=True):
        dx[window.start + int(np.argmax(values[window.start : window.stop]))] += g
    return dx


def stochastic_pool_test(values: list[float]) -> float:
    """Test-time stochastic pooling: the probability-weighted average Σ p_i a_i."""
    a = np.asarray(values, dtype=float)
    return float(np.sum(a / a.sum() * a))


def receptive_field(layers: list[tuple[int, int, int]]) -> int:
    """Receptive field of the last layer; layers are (kernel, stride, dilation)."""
    field, jump = 1, 1
    for kernel, stride, dilation in layers:
        field += dilation * (kernel - 1) * jump
        jump *= stride
    return field


def avg_pool2d_padded(x: np.ndarray, k: int, s: int, p: int) -> np.ndarray:
    """PyTorch's AvgPool2d defaults: zero padding counted in the divisor (count_include_pad)."""
    return pool2d(np.pad(x, p), k, s, lambda window: float(window.sum()) / k**2)


def fc_params(inputs: int, outputs: int) -> int:
    """Weights plus one bias per output of a fully connected layer."""
    return inputs * outputs + outputs


def adaptive_avg_pool1d(x: list[float], bins: int) -> list[float]:
    """PyTorch's adaptive bins: [floor(i·L/out), ceil((i+1)·L/out)), which may overlap."""
    n = len(x)
    edges = [(i * n // bins, math.ceil((i + 1) * n / bins)) for i in range(bins)]
    return [float(np.mean(x[start:end])) for start, end in edges]


def spp_window_stride(size: int, bins: int) -> list[int]:
    """SPPNet's sliding window for `bins` bins, checked to produce exactly `bins` outputs."""
    window, stride = math.ceil(size / bins), size // bins
    assert out_size(size, window, stride) == bins
    return [window, stride]


def max_pool1d(x: list[float], k: int, s: int) -> list[float]:
    """Valid 1-D max pooling."""
    return [max(x[w.start : w.stop]) for w in windows(len(x), k, s)]


def avg_pool1d_padded_backward(n: int, dy: list[float], k: int, s: int, p: int) -> np.ndarray:
    """AvgPool1d backward with count_include_pad: shares landing on padding are dropped."""
    assert len(dy) == out_size(n, k, s, p)
    padded = np.zeros(n + 2 * p)
    for i, g in enumerate(dy):
        padded[i * s : i * s + k] += g / k
    return padded[p : p + n]


def nonzero_gradient_fraction(k: int) -> float:
    """Share of inputs that get a gradient through non-overlapping k×k max pooling."""
    rng = np.random.default_rng(0)
    x, dy = rng.normal(size=(4 * k, 4 * k)), rng.uniform(1, 2, size=(4, 4))
    return float(np.count_nonzero(max_pool2d_backward(x, dy, k, k)) / x.size)


def softmax(z: list[float]) -> np.ndarray:
    """Attention weights from scores, shifted by the maximum so exp cannot overflow."""
    e = np.exp(np.asarray(z, dtype=float) - max(z))
    return e / e.sum()


RECOMPUTE: dict[str, Callable[[], object]] = {
    "pooling-stochastic-test-example": lambda: stochastic_pool_test([0, 1, 2, 1]),
    "pooling-maxpool-backward-example": lambda: max_pool2d_backward(GRID, DY, 2, 2)[:2].ravel(),
    "pooling-avgpool-backward-example": lambda: avg_pool2d_backward((4, 4), DY, 2, 2)[2],
    "pooling-resnet-stem-output-size": lambda: out_size(out_size(224, 7, 2, 3), 3, 2, 1),
    "pooling-alexnet-output-size": lambda: out_size(out_size(227, 11, 4), 3, 2),
    "pooling-lenet-output-size": lambda: out_size(out_size(32, 5, 1), 2, 2),
    "pooling-ceil-mode-output-size": lambda: out_size(6, 3, 2, ceil=True),
    "pooling-ceil-mode-last-window-rule": lambda: out_size(3, 2, 2, p=1, ceil=True),
    "pooling-dilated-output-size": lambda: out_size(32, 3, 1, d=2),
    "pooling-maxpool-forward-example": lambda: pool2d(GRID, 2, 2, np.max).ravel(),
    "pooling-avgpool-count-include-pad": lambda: avg_pool2d_padded(np.ones((4, 4)), 3, 1, 1)[0, 0],
    "pooling-params-saved-before-fc": lambda: (
        fc_params(14 * 14 * 512, 1000) - fc_params(out_size(14, 2, 2) ** 2 * 512, 1000)
    ),
    "pooling-vgg-fc6-parameters": lambda: fc_params(7 * 7 * 512, 4096),
    "pooling-gap-head-parameters": lambda: fc_params(512, 1000),
    "pooling-receptive-field-small-stack": lambda: receptive_field([CONV3, CONV3, POOL2, CONV3]),
    "pooling-receptive-field-resnet-stem": lambda: receptive_field([(7, 2, 1), (3, 2, 1)]),
    "pooling-receptive-field-vgg16-pool5": lambda: receptive_field(VGG16),
    "pooling-receptive-field-dilated-stack": lambda: receptive_field(
        [(3, 1, 1), (3, 1, 2), (3, 1, 4)]
    ),
    "pooling-spp-bin-window-stride": lambda: spp_window_stride(13, 2),
    "pooling-spp-output-length": lambda: sum(n * n for n in (6, 3, 2, 1)) * 256,
    "pooling-adaptive-avg-global": lambda: pool2d(NINE, 3, 3, np.mean).item(),
    "pooling-adaptive-avg-bins": lambda: adaptive_avg_pool1d([1, 2, 3, 4, 5], 3),
    "pooling-shift-variance-example": lambda: max_pool1d(
        list(np.roll([0, 0, 1, 1, 0, 0, 1, 1], 1)), 2, 2
    ),
    "pooling-roi-pool-quantization-shift": lambda: abs(round(100 / 16) - 100 / 16) * 16,
    "pooling-overlapping-maxpool-gradient": lambda: max_pool1d_backward([1, 5, 2, 0], [1, 2], 3, 1),
    "pooling-maxpool-gradient-fraction": lambda: nonzero_gradient_fraction(3),
    "pooling-avgpool-padding-gradient-sum": lambda: avg_pool1d_padded_backward(
        4, [1, 1, 1, 1], 3, 1, 1
    ).sum(),
    "pooling-attention-pool-example": lambda: softmax([1, 2, 3]) @ np.array([10, 20, 30]),
    "pooling-lp-power-mean-example": lambda: np.mean(np.array([1, 2, 3, 4]) ** 10.0) ** 0.1,
}


# Matrix-backprop, FLOPs and memory questions (content-b).


def scatter_by_indices(indices: list[list[int]], dy: list[list[float]], size: int) -> np.ndarray:
    """Max pooling's backward from recorded flat arg-max indices, each checked to lie in its
    own 2 × 2 window of a size × size plane."""
    dx = np.zeros(size * size)
    for i, row in enumerate(indices):
        for j, flat in enumerate(row):
            r, c = divmod(flat, size)
            assert r // 2 == i and c // 2 == j, f"index {flat} is outside window ({i}, {j})"
            dx[flat] += dy[i][j]
    return dx


def conv2d_flops(c_in: int, c_out: int, k: int, height: int, width: int) -> int:
    """2 FLOPs per multiply-add; every output is a dot product over c_in·k·k inputs."""
    outputs = c_out * height * width
    return 2 * outputs * c_in * k * k


RECOMPUTE.update(
    {
        "mbp-maxpool-indices-scatter": lambda: scatter_by_indices(
            [[5, 2], [8, 15]], [[1.0, -2.0], [3.0, 0.5]], 4
        ),
        "flops-conv3x3-resnet-stage": lambda: conv2d_flops(64, 64, 3, 56, 56) / 1e9,
        "memory-maxpool-indices-int64": lambda: mib(
            (32, 64, out_size(112, 2, 2), out_size(112, 2, 2)), np.int64
        ),
    }
)


def global_average_pool_backward(dy: list[float], height: int, width: int) -> np.ndarray:
    """∂L/∂x of y_c = mean over the H × W plane, by central differences; one entry per channel."""
    grad = vjp(lambda x: x.mean(axis=(1, 2)), np.zeros((len(dy), height, width)), dy)
    assert np.allclose(grad, grad[:, :1, :1])  # the same at every position of a channel
    return grad[:, 0, 0]


RECOMPUTE["mbp-global-average-pool-backward"] = lambda: global_average_pool_backward(
    [0.98, -0.49], 7, 7
)
