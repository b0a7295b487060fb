"""CommonMark to HTML for Anki fields, with `$...$` formulas kept for MathJax.

markdown-it-py (already installed as Rich's Markdown parser) does the CommonMark;
formulas are taken out before it runs, so that `_` and `*` inside LaTeX are never read
as emphasis, and put back as MathJax's inline `\\(...\\)`. Code spans and fenced
blocks are left alone: a `$` in code is a dollar sign.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

# Code first, so that a `$` inside a code span or fenced block is never read as math.
_CODE_OR_MATH = re.compile(r"(```.*?```|`[^`\n]*`)|(?<!\\)\$(.+?)(?<!\\)\$", re.S)
# Private-use characters: markdown-it passes them through untouched, and bank text has none.
_HOLE = re.compile("\ue000([0-9]+)\ue001")


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # No raw HTML: a bank's `<b>` or `a<b` is text to show, not markup to trust.
    return MarkdownIt("commonmark", {"html": False, "breaks": True})


def to_html(markdown: str) -> str:
    """The Markdown as HTML, each `$...$` as an escaped MathJax `\\(...\\)`."""
    formulas: list[str] = []

    def hole(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        formulas.append(match.group(2))
        return f"\ue000{len(formulas) - 1}\ue001"

    rendered = str(_parser().render(_CODE_OR_MATH.sub(hole, markdown)))
    return _HOLE.sub(
        lambda m: rf"\({html.escape(formulas[int(m.group(1))], quote=False)}\)", rendered
    ).strip()
