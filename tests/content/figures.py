"""The data behind every read-the-plot question, generated here with numpy.

Each function returns the series of one figure as lists of [x, y] points, rounded as they
are written into the bank. `test_figures.py` checks that the bank holds exactly these
points and that what each question claims about its plot is true of them.
`python -m tests.content.figures ID` prints a figure's series as YAML to paste.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np

from quizcli.kinds.numeric import NumericQuestion
from quizcli.ui import plot

Points = list[list[float]]


def chart_row(question: NumericQuestion) -> float | None:
    """The height of one row of the terminal chart when the answer is read off it (some
    answer value is the height of a plotted point), else None. The chart spans the points'
    range plus 5 % padding each side over `plot.ROWS` rows, so a height read off it is
    known to about one row and no better."""
    if question.figure is None:
        return None
    heights = [y for s in question.figure.series for _, y in (s.points or [])]
    if not any(value in heights for value in question.answer.values):
        return None
    return (max(heights) - min(heights)) * 1.1 / (plot.ROWS - 1)


def rounded(xs: np.ndarray, ys: np.ndarray, digits: int = 4) -> Points:
    return [[float(round(x, 6)), float(round(y, digits))] for x, y in zip(xs, ys, strict=True)]


def gd_quadratic_losses(curvature: float = 10.0, steps: int = 12) -> dict[str, Points]:
    """Loss 0.5·c·w² along plain gradient descent from w = 1, one run per learning rate."""
    runs = {}
    for lr in (0.02, 0.15, 0.21):
        w, losses = 1.0, []
        for _ in range(steps + 1):
            losses.append(0.5 * curvature * w * w)
            w -= lr * curvature * w
        runs[f"{lr:g}"] = rounded(np.arange(steps + 1), np.array(losses), 3)
    return runs


def overfitting_curves(epochs: int = 40) -> dict[str, Points]:
    """Train loss keeps falling; validation loss falls, bottoms out, then climbs."""
    t = np.arange(epochs + 1, dtype=float)
    train = 0.15 + 2.15 * np.exp(-t / 6)
    validation = 0.55 + 1.8 * np.exp(-t / 6) + 0.0009 * t**2
    return {"train": rounded(t, train, 3), "validation": rounded(t, validation, 3)}


def relu_firing_rates(units: int = 1000, inputs: int = 2000, seed: int = 0) -> np.ndarray:
    """Fraction of inputs on which each ReLU unit is active, in a layer where a too-large
    update has pushed some units' biases far below any pre-activation they can reach."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(inputs, 16))
    weights = rng.normal(size=(16, units)) / 4.0
    bias = rng.normal(size=units) * 0.5
    knocked = rng.random(units) < 0.35
    bias[knocked] -= 20.0
    active = (x @ weights + bias) > 0
    rates: np.ndarray = active.mean(axis=0)
    return rates


def relu_firing_histogram() -> dict[str, Points]:
    """Share of units per firing-rate bin: exactly 0, then ten bins of width 0.1, each
    plotted at its upper edge (0.1, ..., 1.0) so the axis runs from 0 to 1."""
    rates = relu_firing_rates()
    dead = float(np.mean(rates == 0))
    alive = rates[rates > 0]
    counts, _ = np.histogram(alive, bins=np.linspace(0, 1, 11))
    xs = np.concatenate([[0.0], np.linspace(0.1, 1.0, 10)])
    ys = np.concatenate([[dead], counts / len(rates)])
    return {"units": rounded(xs, ys, 3)}


def warmup_cosine(epochs: int = 100, warmup: int = 5, peak: float = 0.1) -> dict[str, Points]:
    """Linear warm-up from 0 to the peak, then cosine annealing to 0 at the last epoch."""
    t = np.arange(epochs + 1, dtype=float)
    progress = np.clip((t - warmup) / (epochs - warmup), 0, 1)
    lr = np.where(t < warmup, peak * t / warmup, 0.5 * peak * (1 + np.cos(np.pi * progress)))
    return {"lr": rounded(t, lr, 5)}


def step_decay_loss(epochs: int = 90) -> dict[str, Points]:
    """Training loss under SGD with StepLR(step_size=30, gamma=0.1): each level relaxes
    towards a floor proportional to the learning rate (the SGD noise floor)."""
    loss, points_t, points_y = 2.5, [], []
    for epoch in range(epochs + 1):
        lr = 0.1 * 0.1 ** (epoch // 30)
        floor = 0.05 + 8.0 * lr
        points_t.append(epoch)
        points_y.append(loss)
        loss = floor + (loss - floor) * np.exp(-1 / 4)
    return {"train": rounded(np.array(points_t), np.array(points_y), 3)}


def ridge_validation_curve(seed: int = 1) -> dict[str, Points]:
    """Train and validation MSE of ridge regression over log10(λ) on a fixed noisy problem."""
    rng = np.random.default_rng(seed)
    n_train, n_val, d = 30, 200, 20
    w_true = rng.normal(size=d) * 0.5
    x_train, x_val = rng.normal(size=(n_train, d)), rng.normal(size=(n_val, d))
    y_train = x_train @ w_true + rng.normal(size=n_train) * 1.5
    y_val = x_val @ w_true + rng.normal(size=n_val) * 1.5
    exponents = np.linspace(-3, 3, 25)
    train, val = [], []
    for exponent in exponents:
        lam = 10.0**exponent
        w = np.linalg.solve(x_train.T @ x_train + lam * np.eye(d), x_train.T @ y_train)
        train.append(np.mean((x_train @ w - y_train) ** 2))
        val.append(np.mean((x_val @ w - y_val) ** 2))
    return {
        "train": rounded(exponents, np.array(train), 3),
        "val": rounded(exponents, np.array(val), 3),
    }


def l1_l2_penalties() -> dict[str, Points]:
    """Penalty values and slopes on w ≥ 0: |w| and w², slopes 1 and 2w."""
    w = np.linspace(0, 1, 11)
    return {
        "l1": rounded(w, np.abs(w), 3),
        "l2": rounded(w, w**2, 3),
        "l1-slope": rounded(w, np.ones_like(w), 3),
        "l2-slope": rounded(w, 2 * w, 3),
    }


def running_mean_trace(
    momentum: float = 0.1, target: float = 2.0, steps: int = 40
) -> dict[str, Points]:
    """PyTorch's running mean from its initial 0 when every batch has mean `target`."""
    running, ys = 0.0, []
    for _ in range(steps + 1):
        ys.append(running)
        running = (1 - momentum) * running + momentum * target
    return {"running": rounded(np.arange(steps + 1), np.array(ys), 4)}


def batch_stat_noise(seed: int = 0, trials: int = 20000) -> dict[str, Points]:
    """Monte Carlo standard deviation of the batch mean and the (biased) batch variance of
    a unit-variance feature, per batch size."""
    rng = np.random.default_rng(seed)
    sizes = [2, 4, 8, 16, 32, 64]
    means, variances = [], []
    for n in sizes:
        batches = rng.normal(size=(trials, n))
        means.append(batches.mean(axis=1).std())
        variances.append(batches.var(axis=1).std())
    xs = np.array(sizes, dtype=float)
    return {"mean": rounded(xs, np.array(means), 3), "var": rounded(xs, np.array(variances), 3)}


FIGURES: dict[str, Callable[[], dict[str, Points]]] = {
    "plot-gd-lr-divergence": gd_quadratic_losses,
    "plot-overfitting-early-stop": overfitting_curves,
    "plot-dead-relu-firing-histogram": relu_firing_histogram,
    "plot-warmup-cosine-scheduler": warmup_cosine,
    "plot-step-decay-loss-drops": step_decay_loss,
    "plot-ridge-validation-curve": ridge_validation_curve,
    "plot-l1-l2-penalty-slopes": l1_l2_penalties,
    "plot-bn-running-mean-warmup": running_mean_trace,
    "plot-bn-batch-statistic-noise": batch_stat_noise,
}


def main(question_id: str) -> None:
    for key, points in FIGURES[question_id]().items():
        print(f"        # {key}")
        print(f"          points: {points}")


if __name__ == "__main__":
    main(sys.argv[1])
