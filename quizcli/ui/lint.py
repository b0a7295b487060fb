"""Rendering for `quizcli lint`."""

from __future__ import annotations

from rich import box
from rich.table import Table

from quizcli.messages import say, term
from quizcli.ui import cut_plainly, err, frame, out

# How each dimension's values are named: topics and types through the catalogue, levels by
# their word, languages as their codes.
NAMED = {"topic": "topic", "type": "type", "difficulty": "level"}


def summary(questions: int, files: int, problems: int, lang: str) -> None:
    if problems:
        err().print(say("lint.problems", lang, n=problems, files=files), style="bold red")
    else:
        err().print(say("lint.ok", lang, n=questions, files=files), style="green")


def stats_table(stats: dict[str, dict[str, int]], lang: str) -> None:
    """One small table per dimension: how many questions each value has."""
    for dimension in ("topic", "type", "difficulty", "language"):
        counts = stats[dimension]
        title = say(f"lint.{dimension}", lang)
        table = Table(box=frame(box.SIMPLE), title=title, title_justify="left")
        for name in sorted(counts):
            kind = NAMED.get(dimension)
            table.add_column(term(kind, name, lang) if kind else name, justify="right")
        table.add_row(*(str(counts[name]) for name in sorted(counts)))
        out().print(cut_plainly(table))
