"""Exports of the banks to other study tools: Anki decks and Markdown cheat sheets.

Both take a `formula` function that turns a stored expression, read in its
question's symbols and setting, into LaTeX, so they stay independent of the
checker that provides it.
"""

from __future__ import annotations

from collections.abc import Callable

from quizcli import kinds
from quizcli.bank.model import AnyQuestion, Text
from quizcli.kinds.base import pick
from quizcli.textfmt import INLINE_MATH

Formula = Callable[[str, list[str], str | None], str]


def with_math(prose: str, opening: str, closing: str) -> str:
    """Rewrite inline `$...$` LaTeX with another pair of delimiters (Anki's `\\(`, `\\)`)."""
    return INLINE_MATH.sub(lambda m: f"{opening}{m.group(1)}{closing}", prose)


def answer_parts(question: AnyQuestion, lang: str, formula: Formula) -> list[str]:
    """The answer as short Markdown-like lines, with formulas in `$...$`."""
    return kinds.of(question).export_lines(question, lang, formula)


def front_parts(question: AnyQuestion, lang: str) -> list[str]:
    """The prompt and what goes with it on a card's front (a code question's stub)."""
    return [pick(question.prompt, lang, "\n\n"), *kinds.of(question).export_front(question, lang)]


__all__ = ["Formula", "Text", "answer_parts", "front_parts", "pick", "with_math"]
