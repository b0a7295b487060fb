"""Exports of the banks to other study tools: Anki decks and Markdown cheat sheets.

Both are written from the same CommonMark blocks: what goes on a card's front (the
prompt, a choice question's options) and what goes on its back (the answer, the
options' reasons), in one language or both. Markdown sheets print the blocks as they
are; Anki cards get them as HTML. Each kind writes its own part (`Kind.export_front`,
`Kind.export_lines`).

Both take a `formula` function that turns a stored expression, read in its
question's symbols and setting, into LaTeX, so they stay independent of the
checker that provides it.
"""

from __future__ import annotations

from collections.abc import Callable

from quizcli import kinds
from quizcli.bank.model import AnyQuestion, Text
from quizcli.kinds.base import pick
from quizcli.messages import has, say

Formula = Callable[[str, list[str], str | None], str]


def say_in(key: str, lang: str) -> str:
    """A catalogue label in one language, or both (`Answer / 答案`) for `both`."""
    if lang in ("en", "zh"):
        return say(key, lang)
    return f"{say(key, 'en')} / {say(key, 'zh')}"


def label(key: str, lang: str) -> str:
    """A section or kind label by name; a name the catalogue lacks (a plugin kind) as is."""
    name = f"export.{key}"
    return say_in(name, lang) if has(name) else key


def topic_title(topic: str, lang: str) -> str:
    name = f"sheet.{topic}"
    return say_in(name, lang) if has(name) else topic


def kind_line(question: AnyQuestion, lang: str) -> str:
    """`Choice · medium`, or `选择题 · 进阶` in Chinese."""
    return f"{label(question.type, lang)} · {say_in(f'level.{question.difficulty}', lang)}"


def prose(text: Text, lang: str) -> str:
    """A paragraph-sized text; for `both`, the English paragraph then the Chinese one.

    A code fence gets a blank line before it: bank prose often opens one right after
    the question's sentence, which CommonMark allows and pandoc does not.
    """
    lines: list[str] = []
    fenced = False
    for line in pick(text, lang, "\n\n").split("\n"):
        if line.lstrip().startswith("```"):
            if not fenced and lines and lines[-1].strip():
                lines.append("")
            fenced = not fenced
        lines.append(line)
    return "\n".join(lines)


def colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese."""
    return "：" if lang == "zh" else ": "


def front_blocks(question: AnyQuestion, lang: str) -> list[str]:
    """What a card's front shows, as CommonMark blocks: the prompt, then what the kind adds
    (a choice question's options, a code question's stub)."""
    return [prose(question.prompt, lang), *kinds.of(question).export_front(question, lang)]


def answer_blocks(question: AnyQuestion, lang: str, formula: Formula) -> list[str]:
    """The answer as CommonMark blocks (formulas in `$...$`), as its kind writes it."""
    return kinds.of(question).export_lines(question, lang, formula)
