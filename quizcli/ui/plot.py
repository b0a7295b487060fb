"""Curves drawn in the terminal: braille dots in colour, or one marker per curve without it.

A small renderer on Rich rather than a plotting library: it costs nothing to
import (the one measured, plotext 6.1, took 115-220 ms) and draws with the
console quizcli already has, honouring NO_COLOR and --ascii.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from quizcli import env
from quizcli.figure import nice_ticks, tick_label
from quizcli.messages import say
from quizcli.textfmt import to_ascii
from quizcli.ui import out

if TYPE_CHECKING:
    from quizcli.bank.model import Figure
    from quizcli.curves import Sampled

# Okabe & Ito's palette, told apart with red-green colour blindness too (Okabe, Ito 2008,
# "Color Universal Design"); each curve also carries its marker: colour is never the only cue.
COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
MARKERS = "•×+∘◆*#@"
MARKER_SPACING = 14  # cells between two markers of one curve on a colour chart
ASCII_MARKERS = "*+xo#@%&"
DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column] in a cell
ROWS = 20


def render(
    xs: Sequence[float],
    series: Sequence[Sampled],
    columns: int,
    rows: int,
    colour: bool = True,
    ascii_only: bool = False,
) -> list[Text]:
    """Lines of a chart with y ticks on the left, x ticks below and a legend."""
    low, high = _y_range(series)
    ticks = {_row_of(value, low, high, rows): tick_label(value) for value in nice_ticks(low, high)}
    margin = max(len(label) for label in ticks.values()) + 1
    width = max(columns - margin - 1, 10)
    if colour and not ascii_only:
        grid = _braille(xs, series, width, rows, low, high)
    else:
        grid = _markers(
            xs, series, width, rows, low, high, ASCII_MARKERS if ascii_only else MARKERS
        )
    lines = []
    bar, tick_bar = ("|", "|") if ascii_only else ("│", "┤")
    for row in range(rows):
        line = Text(no_wrap=True, overflow="crop")
        label = ticks.get(row, "").rjust(margin - 1) + " " + (tick_bar if row in ticks else bar)
        line.append(label, style="dim")
        for run, style in _runs(grid[row], colour):
            line.append(run, style=style)
        lines.append(line)
    lines.append(Text(" " * margin + _x_axis(width, ascii_only), style="dim"))
    lines.append(Text(" " * (margin + 1) + _x_ticks(xs[0], xs[-1], width), style="dim"))
    lines.extend(_legend(series, colour, ascii_only, columns))
    return lines


def _runs(cells: list[tuple[str, int]], colour: bool) -> list[tuple[str, str]]:
    """Neighbouring cells of one style joined, so the output carries one escape code per run."""
    runs: list[tuple[str, str]] = []
    for char, index in cells:
        style = _style(char, index, colour)
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + char, style)
        else:
            runs.append((char, style))
    return runs


def _style(char: str, index: int, colour: bool) -> str:
    """A curve's colour; the zero line dim; blanks, and markers without colour, plain."""
    if index < 0:
        return "" if char == " " else "dim"
    return COLOURS[index % len(COLOURS)] if colour else ""


def _y_range(series: Sequence[Sampled]) -> tuple[float, float]:
    finite = [y for s in series for y in s.ys if math.isfinite(y)]
    low, high = (min(finite), max(finite)) if finite else (-1.0, 1.0)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.05
    return low - pad, high + pad


def _braille(
    xs: Sequence[float], series: Sequence[Sampled], width: int, rows: int, low: float, high: float
) -> list[list[tuple[str, int]]]:
    bits = [[0] * width for _ in range(rows)]
    owner = [[-1] * width for _ in range(rows)]
    dots_x, dots_y = width * 2, rows * 4

    def put(column: int, dot_row: int, index: int = -1) -> None:
        if 0 <= column < dots_x and 0 <= dot_row < dots_y:
            cell_row, cell_col = dot_row // 4, column // 2
            bits[cell_row][cell_col] |= DOT_BITS[dot_row % 4][column % 2]
            owner[cell_row][cell_col] = index

    zero_row = _row_of(0.0, low, high, dots_y)
    for column in range(0, dots_x, 2):
        put(column, zero_row)
    for index, curve in enumerate(series):
        samples = _resample(xs, curve.ys, dots_x)
        _draw(samples, low, high, dots_y, functools.partial(put, index=index))
    grid = [
        [(chr(0x2800 + bits[r][c]) if bits[r][c] else " ", owner[r][c]) for c in range(width)]
        for r in range(rows)
    ]
    _mark_curves(grid, xs, series, low, high)
    return grid


def _mark_curves(
    grid: list[list[tuple[str, int]]],
    xs: Sequence[float],
    series: Sequence[Sampled],
    low: float,
    high: float,
) -> None:
    """Every few cells, each curve shows its legend marker: lines stay apart without colour."""
    rows, width = len(grid), len(grid[0])
    for index, curve in enumerate(series):
        samples = _resample(xs, curve.ys, width)
        offset = MARKER_SPACING // 2 + index * MARKER_SPACING // max(len(series), 1)
        for column in range(offset % MARKER_SPACING, width, MARKER_SPACING):
            y = samples[column]
            if math.isfinite(y):
                grid[_row_of(y, low, high, rows)][column] = (MARKERS[index % len(MARKERS)], index)


def _markers(
    xs: Sequence[float],
    series: Sequence[Sampled],
    width: int,
    rows: int,
    low: float,
    high: float,
    markers: str,
) -> list[list[tuple[str, int]]]:
    grid = [[(" ", -1)] * width for _ in range(rows)]
    zero_row = _row_of(0.0, low, high, rows)
    if 0 <= zero_row < rows:
        grid[zero_row] = [("·" if markers == MARKERS else ".", -1)] * width
    for index, curve in enumerate(series):
        marker = markers[index % len(markers)]

        def put(column: int, row: int, i: int = index, m: str = marker) -> None:
            if 0 <= column < width and 0 <= row < rows:
                grid[row][column] = (m, i)

        _draw(_resample(xs, curve.ys, width), low, high, rows, put)
    return grid


def _draw(
    samples: list[float], low: float, high: float, height: int, put: Callable[[int, int], None]
) -> None:
    """Plot each sample and fill the vertical gap to the next, so steep parts stay joined."""
    previous: int | None = None
    for column, y in enumerate(samples):
        if not math.isfinite(y):
            previous = None
            continue
        row = _row_of(y, low, high, height)
        start, end = (row, row) if previous is None else sorted((previous, row))
        for fill in range(start, end + 1):
            put(column, fill)
        previous = row


def _row_of(y: float, low: float, high: float, height: int) -> int:
    return round((high - y) / (high - low) * (height - 1))


def _resample(xs: Sequence[float], ys: Sequence[float], count: int) -> list[float]:
    """Nearest sample for each of `count` evenly spaced columns."""
    last = len(xs) - 1
    return [ys[round(i * last / max(count - 1, 1))] for i in range(count)]


def _x_tick_columns(width: int) -> list[int]:
    """Five evenly spaced columns for the x ticks: both ends, the middle, the quarters."""
    return [round(i * (width - 1) / 4) for i in range(5)]


def _x_axis(width: int, ascii_only: bool) -> str:
    corner, rule, mark = ("+", "-", "+") if ascii_only else ("└", "─", "┬")
    line = [rule] * width
    for column in _x_tick_columns(width):
        line[column] = mark
    return corner + "".join(line)


def _x_ticks(first: float, last: float, width: int) -> str:
    line = [" "] * width
    for i, column in enumerate(_x_tick_columns(width)):
        label = tick_label(first + (last - first) * i / 4)
        start = min(max(column - len(label) // 2, 0), width - len(label))
        line[start : start + len(label)] = label
    return "".join(line)


def _legend(series: Sequence[Sampled], colour: bool, ascii_only: bool, columns: int) -> list[Text]:
    """One entry per curve, packed into lines no wider than the chart."""
    entries = []
    for index, curve in enumerate(series):
        entry = Text()
        if colour and not ascii_only:
            marker = MARKERS[index % len(MARKERS)]
            entry.append(f"━{marker}━ ", style=COLOURS[index % len(COLOURS)])
        else:
            markers = ASCII_MARKERS if ascii_only else MARKERS
            entry.append(f"{markers[index % len(markers)]} ", style=_style("", index, colour))
        entry.append(to_ascii(curve.name) if ascii_only else curve.name)
        entries.append(entry)
    lines = [Text("  ")]
    for entry in entries:
        if lines[-1].cell_len > 2 and lines[-1].cell_len + entry.cell_len > columns:
            lines.append(Text("  "))
        lines[-1].append_text(entry)
        lines[-1].append("   ")
    for line in lines:
        line.rstrip()
    return lines


def chart(xs: Sequence[float], series: Sequence[Sampled]) -> None:
    """Print curves across the terminal's width: braille in colour, one marker each without."""
    console = out()
    colour = console.color_system is not None and not console.no_color
    for line in render(xs, series, console.width, ROWS, colour, env.ascii_mode()):
        console.print(line, no_wrap=True, crop=True)


def figure_chart(figure: Figure, lang: str) -> None:
    """A question's figure: its title, the y label, the chart, the x label at the right."""
    from quizcli.figure import sampled, text_in

    console, ascii_only = out(), env.ascii_mode()
    xs, series = sampled(figure, lang)
    title, y_label, x_label = (
        to_ascii(text_in(text, lang)) if ascii_only else text_in(text, lang)
        for text in (figure.title, figure.y.label, figure.x.label)
    )
    console.print(Text(title, style="bold"), soft_wrap=True)
    console.print(Text(f"{'^' if ascii_only else '↑'} {y_label}", style="dim"))
    chart(xs, series)
    x_label = f"{x_label} {'->' if ascii_only else '→'}"
    console.print(Text(x_label, style="dim", justify="right"))


def nothing_to_plot(lang: str) -> None:
    """One line for `show --plot` on a question whose tags name no curve."""
    out().print(say("plot.nothing", lang), style="dim", soft_wrap=True)
