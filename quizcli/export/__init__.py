"""Exports of the banks to other study tools: Anki decks and Markdown cheat sheets.

Both take a `formula` function that turns a stored expression, read in its
question's symbols and setting, into LaTeX, so they stay independent of the
checker that provides it.
"""

from __future__ import annotations

from collections.abc import Callable

from quizcli.bank.model import (
    AnyQuestion,
    ChoiceQuestion,
    ConceptQuestion,
    DerivationQuestion,
    NumericQuestion,
    Option,
    Text,
)
from quizcli.textfmt import INLINE_MATH

Formula = Callable[[str, list[str], str | None], str]


def pick(text: Text, lang: str, joiner: str) -> str:
    """The text in one language, or both joined (English first) for `both`."""
    if lang == "both":
        return f"{text.en}{joiner}{text.zh}"
    return text.get(lang)


def with_math(prose: str, opening: str, closing: str) -> str:
    """Rewrite inline `$...$` LaTeX with another pair of delimiters (Anki's `\\(`, `\\)`)."""
    return INLINE_MATH.sub(lambda m: f"{opening}{m.group(1)}{closing}", prose)


def _reason(option: Option, lang: str) -> str:
    """` — why`, the option's reason after it, or nothing for an option without one."""
    return f" — {pick(option.why, lang, ' / ')}" if option.why else ""


def answer_parts(question: AnyQuestion, lang: str, formula: Formula) -> list[str]:
    """The answer as short Markdown-like lines, with formulas in `$...$`."""
    if isinstance(question, ConceptQuestion):
        points = [f"- {pick(p, lang, ' / ')}" for p in question.answer.key_points]
        return [pick(question.answer.text, lang, "\n\n"), *points]
    if isinstance(question, ChoiceQuestion):
        answer = question.answer
        return [
            f"- {'**' if letter in answer.correct else ''}{letter}. {pick(option, lang, ' / ')}"
            f"{'** ✓' if letter in answer.correct else ''}"
            f"{_reason(option, lang)}"
            for letter, option in zip(answer.letters, answer.options, strict=True)
        ]
    if isinstance(question, NumericQuestion):
        number = question.answer
        unit = f" {pick(number.unit, lang, ' / ')}" if number.unit else ""
        return [f"{number.shown}{unit} (± {number.tolerance:g})"]
    assert isinstance(question, DerivationQuestion)
    derivation = question.answer
    return [f"${formula(derivation.reference, derivation.symbols, derivation.setting)}$"]
