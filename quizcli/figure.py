"""A question's figure as curves on one x grid, and as a small SVG image.

The terminal chart (ui/plot.py) and the exports (Markdown, Anki) draw the same
samples. The SVG is written by hand: a few polylines, two axes, ticks and
labels need no plotting library.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from quizcli.curves import Sampled

if TYPE_CHECKING:
    from quizcli.bank.model import Figure, Series, Text

WIDTH, HEIGHT = 560, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 36, 56
LEGEND_ROW = 18
SVG_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#555")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round values (steps of 1, 2 or 5 times a power of ten) inside [low, high], at least
    three of them: a step that leaves fewer is replaced by the next smaller one (5 → 2 → 1)."""
    raw = (high - low) / max(count - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    steps = [m * power for m in (10, 5, 2, 1, 0.5, 0.2, 0.1)]
    start = max(i for i, step in enumerate(steps) if step >= raw)
    for step in steps[start:]:
        ticks = [k * step for k in range(math.ceil(low / step), math.floor(high / step) + 1)]
        if len(ticks) >= 3:
            break
    return ticks


def tick_label(value: float) -> str:
    """A tick as people write it: 0.5, 100, 1e+05 (and never -0)."""
    value = round(value, 12) + 0.0
    return f"{value:g}" if abs(value) < 1e4 else f"{value:.1e}"


def text_in(text: Text, lang: str) -> str:
    """One language, or both joined for an export in `both`."""
    return f"{text.en} / {text.zh}" if lang == "both" else text.get(lang)


def sampled(figure: Figure, lang: str) -> tuple[list[float], list[Sampled]]:
    """Every series on one evenly spaced x grid; NaN where a series has no value."""
    from quizcli import curves

    low = min(_extent(series)[0] for series in figure.series)
    high = max(_extent(series)[1] for series in figure.series)
    xs = curves.grid(low, high)
    named = [series.curve_name() for series in figure.series if series.curve is not None]
    by_label = {}
    if named:  # one call: the checker's numeric screen evaluates all curves at once
        names = list(dict.fromkeys(name for name, _ in named))
        derivative = any(prime for _, prime in named)
        by_label = {s.name: s.ys for s in curves.sample(names, xs, derivative)}
    result = []
    for series in figure.series:
        start, end = _extent(series)
        if series.points is not None:
            ys = [_interpolate(series.points, x) for x in xs]
        else:
            name, prime = series.curve_name()
            values = by_label[name + (curves.PRIME if prime else "")]
            ys = [y if start <= x <= end else math.nan for x, y in zip(xs, values, strict=True)]
        result.append(Sampled(_series_name(series, lang), ys))
    return xs, result


def _extent(series: Series) -> tuple[float, float]:
    from quizcli import curves

    if series.points is not None:
        return series.points[0][0], series.points[-1][0]
    if series.range is not None:
        return series.range
    return curves.default_range([series.curve_name()[0]])


def _interpolate(points: Sequence[tuple[float, float]], x: float) -> float:
    """The straight line between the two points around x; NaN outside the points."""
    if not points[0][0] <= x <= points[-1][0]:
        return math.nan
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _series_name(series: Series, lang: str) -> str:
    if series.name is not None:
        return text_in(series.name, lang)
    assert series.curve is not None
    name, derivative = series.curve_name()
    return name + ("′" if derivative else "")


def svg(figure: Figure, lang: str) -> str:
    """The figure as a standalone SVG document: title, axes, ticks, one polyline per series."""
    xs, series = sampled(figure, lang)
    finite = [y for s in series for y in s.ys if math.isfinite(y)]
    y_low, y_high = _padded(min(finite), max(finite))
    x_low, x_high = xs[0], xs[-1]
    legend_height = LEGEND_ROW * len(series)
    plot_bottom = HEIGHT - BOTTOM
    height = HEIGHT + legend_height - 6

    def px(x: float) -> float:
        return LEFT + (x - x_low) / (x_high - x_low) * (WIDTH - LEFT - RIGHT)

    def py(y: float) -> float:
        return plot_bottom - (y - y_low) / (y_high - y_low) * (plot_bottom - TOP)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
        _text(WIDTH / 2, 20, text_in(figure.title, lang), 'text-anchor="middle" font-size="14"'),
    ]
    for value in nice_ticks(y_low, y_high, 8):
        y = py(value)
        parts.append(_line(LEFT, y, WIDTH - RIGHT, y, "#eee"))
        parts.append(_text(LEFT - 6, y + 4, tick_label(value), 'text-anchor="end"'))
    for value in nice_ticks(x_low, x_high):
        x = px(value)
        parts.append(_line(x, plot_bottom, x, plot_bottom + 4, "black"))
        parts.append(_text(x, plot_bottom + 17, tick_label(value), 'text-anchor="middle"'))
    parts.append(_line(LEFT, TOP, LEFT, plot_bottom, "black"))
    parts.append(_line(LEFT, plot_bottom, WIDTH - RIGHT, plot_bottom, "black"))
    middle = (WIDTH + LEFT - RIGHT) / 2
    parts.append(_text(middle, plot_bottom + 36, text_in(figure.x.label, lang), _MIDDLE))
    y_mid = (TOP + plot_bottom) / 2
    rotate = f'{_MIDDLE} transform="rotate(-90 16 {y_mid:.1f})"'
    parts.append(_text(16, y_mid, text_in(figure.y.label, lang), rotate))
    for index, curve in enumerate(series):
        colour = SVG_COLOURS[index % len(SVG_COLOURS)]
        for run in _finite_runs(xs, curve.ys):
            points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in run)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        row = HEIGHT + LEGEND_ROW * index  # below the x label
        parts.append(_line(LEFT, row - 4, LEFT + 24, row - 4, colour, 3))
        parts.append(_text(LEFT + 30, row, curve.name, ""))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


_MIDDLE = 'text-anchor="middle"'


def _padded(low: float, high: float) -> tuple[float, float]:
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.05
    return low - pad, high + pad


def _finite_runs(xs: Sequence[float], ys: Sequence[float]) -> list[list[tuple[float, float]]]:
    """Stretches of finite values, each drawn as its own polyline."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if math.isfinite(y):
            runs[-1].append((x, y))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) > 1]


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, stroke: float = 1) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{stroke:g}"/>'
    )


def _text(x: float, y: float, content: str, attributes: str) -> str:
    extra = f" {attributes}" if attributes else ""
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'
