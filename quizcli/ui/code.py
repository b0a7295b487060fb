"""Rendering a code run: the verdict line, then each case and the first failure."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text as RichText

from quizcli.ui import out, plain
from quizcli.ui.check import headline

if TYPE_CHECKING:
    from quizcli.kinds.code_runner import Report


def report(result: Report, path: Path, lang: str) -> None:
    from quizcli.kinds.code_runner import describe

    console = out()
    line = headline("correct" if result.passed else "incorrect", lang)
    line.append(plain(f"  ({path})"), style="dim")
    console.print(line)
    for text in describe(result, lang).splitlines():
        style = "green" if text.startswith("✓") else ("red" if text.startswith("✗") else "")
        console.print(RichText(plain(text), style=style), soft_wrap=True)
