"""Exports of the banks to other study tools: Anki decks and Markdown cheat sheets.

Both are written from the same CommonMark blocks: what goes on a card's front (the
prompt, a choice question's options) and what goes on its back (the answer, the
options' reasons), in one language or both. Markdown sheets print the blocks as they
are; Anki cards get them as HTML. Each kind's part lives in `FRONTS` and `ANSWERS`,
keyed by the question's type, so a kind's export is one function per side.

Both take a `formula` function that turns a stored expression, read in its
question's symbols and setting, into LaTeX, so they stay independent of the
checker that provides it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quizcli.bank.model import LEVELS, AnyQuestion, Text

Formula = Callable[[str, list[str], str | None], str]

LABELS = {
    "answer": ("Answer", "答案"),
    "explanation": ("Explanation", "解析"),
    "sources": ("Sources", "出处"),
    "concept": ("Concept", "概念题"),
    "choice": ("Choice", "选择题"),
    "numeric": ("Numeric", "计算题"),
    "derivation": ("Derivation", "推导题"),
    "code": ("Code", "编程题"),
}
TITLES = {
    "activations": ("Activation functions", "激活函数"),
    "regularization": ("Regularization", "正则化"),
    "normalization": ("Normalization", "归一化"),
    "pooling": ("Pooling", "池化"),
    "optimization": ("Optimization", "优化"),
}


def say(pair: tuple[str, str], lang: str) -> str:
    """A label in one language, or both (`Answer / 答案`) for `both`."""
    en, zh = pair
    return {"en": en, "zh": zh}.get(lang, f"{en} / {zh}")


def label(key: str, lang: str) -> str:
    """A translated label by name; a name the table lacks (a plugin kind) is shown as is."""
    return say(LABELS.get(key, (key, key)), lang)


def topic_title(topic: str, lang: str) -> str:
    return say(TITLES.get(topic, (topic, topic)), lang)


def kind_line(question: AnyQuestion, lang: str) -> str:
    """`Choice · medium`, or `选择题 · 进阶` in Chinese."""
    return f"{label(question.type, lang)} · {say(LEVELS[question.difficulty], lang)}"


def pick(text: Text, lang: str, joiner: str = " / ") -> str:
    """The text in one language, or both joined (English first) for `both`."""
    if lang == "both":
        return f"{text.en}{joiner}{text.zh}"
    return text.get(lang)


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
    """What a card's front shows, as CommonMark blocks: the prompt, then what the kind adds."""
    extra = FRONTS.get(question.type)
    return [prose(question.prompt, lang), *(extra(question, lang) if extra else [])]


def answer_blocks(question: AnyQuestion, lang: str, formula: Formula) -> list[str]:
    """The answer as CommonMark blocks (formulas in `$...$`)."""
    return ANSWERS[question.type](question, lang, formula)


def bullets(items: list[str]) -> str:
    """A CommonMark bullet list as one block, so the blank line before it is never lost."""
    return "\n".join(f"- {item}" for item in items)


def _choice_front(question: Any, lang: str) -> list[str]:
    answer = question.answer
    options = [
        f"{letter}. {pick(option, lang)}"
        for letter, option in zip(answer.letters, answer.options, strict=True)
    ]
    return [bullets(options)]


def _choice_answer(question: Any, lang: str, formula: Formula) -> list[str]:
    """The right letters, then each option's reason, marked right (✓) or wrong (✗)."""
    answer = question.answer
    reasons = [
        f"**{letter}** {'✓' if letter in answer.correct else '✗'} {pick(option.why, lang)}"
        for letter, option in zip(answer.letters, answer.options, strict=True)
        if option.why is not None
    ]
    return [f"**{', '.join(answer.correct)}**", *([bullets(reasons)] if reasons else [])]


def _concept_answer(question: Any, lang: str, formula: Formula) -> list[str]:
    points = [pick(point, lang) for point in question.answer.key_points]
    return [prose(question.answer.text, lang), bullets(points)]


def _numeric_answer(question: Any, lang: str, formula: Formula) -> list[str]:
    number = question.answer
    unit = f" {pick(number.unit, lang)}" if number.unit else ""
    return [f"{number.shown}{unit} (± {number.tolerance:g})"]


def _derivation_answer(question: Any, lang: str, formula: Formula) -> list[str]:
    derivation = question.answer
    return [f"${formula(derivation.reference, derivation.symbols, derivation.setting)}$"]


FrontPart = Callable[[Any, str], list[str]]
AnswerPart = Callable[[Any, str, Formula], list[str]]
FRONTS: dict[str, FrontPart] = {"choice": _choice_front}
ANSWERS: dict[str, AnswerPart] = {
    "concept": _concept_answer,
    "choice": _choice_answer,
    "numeric": _numeric_answer,
    "derivation": _derivation_answer,
}
