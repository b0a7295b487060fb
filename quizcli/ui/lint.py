"""Rendering for `quizcli lint`."""

from __future__ import annotations

from rich import box
from rich.table import Table

from quizcli.ui import cut_plainly, err, frame, out


def summary(questions: int, files: int, problems: int) -> None:
    if problems:
        err().print(f"{problems} problem(s) in {files} file(s)", style="bold red")
    else:
        err().print(f"ok: {questions} questions in {files} file(s)", style="green")


def stats_table(stats: dict[str, dict[str, int]]) -> None:
    """One small table per dimension: how many questions each value has."""
    for dimension in ("topic", "type", "difficulty", "language"):
        counts = stats[dimension]
        table = Table(box=frame(box.SIMPLE), title=dimension, title_justify="left")
        for name in sorted(counts):
            table.add_column(name, justify="right")
        table.add_row(*(str(counts[name]) for name in sorted(counts)))
        out().print(cut_plainly(table))
