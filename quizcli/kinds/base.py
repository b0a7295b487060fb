"""What a question kind is: its schema, its grading, and its answer as plain content.

A kind never draws: it returns `Part`s (plain, already in the user's language) that
`quizcli.ui` renders with Rich, and Markdown lines that the exports reuse. Adding a
kind is one module defining a `Kind` subclass plus its registration (see
CONTRIBUTING.md, "How to add a question kind").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from quizcli.messages import say

if TYPE_CHECKING:
    from quizcli.bank.loader import Origin, Problem
    from quizcli.bank.model import QuestionBase, Text
    from quizcli.verdict import Verdict

Style = Literal["prose", "value", "bullets", "code", "options"]
Formula = Callable[[str, list[str], str | None], str]
"""Turns a stored expression (text, symbols, setting) into a display form (LaTeX or Unicode)."""


@dataclass(frozen=True)
class Display:
    """How the user's terminal shows text, passed down by the CLI so that kinds and the
    checker never read a global setting: `ascii` spells Greek and symbols out in ASCII."""

    ascii: bool = False


@dataclass(frozen=True)
class Part:
    """A titled block of plain content. For `options`, `marks` are the row markers
    (`A.`) and `good` the rows to highlight; `notes` a dim line under each row."""

    title: str
    style: Style
    lines: tuple[str, ...]
    marks: tuple[str, ...] = ()
    good: tuple[bool, ...] = ()
    notes: tuple[str, ...] = ()


def pick(text: Text, lang: str, joiner: str = " / ") -> str:
    """The text in one language, or both joined (English first) for `both`."""
    if lang == "both":
        return f"{text.en}{joiner}{text.zh}"
    return text.get(lang)


def label(lang: str, en: str, zh: str) -> str:
    """A label for an export, where `lang` may be `both`: `Reference solution / 参考实现`."""
    return {"en": en, "zh": zh}.get(lang, f"{en} / {zh}")


def bullets(items: list[str]) -> str:
    """A CommonMark bullet list as one block, so the blank line before it is never lost."""
    return "\n".join(f"- {item}" for item in items)


class Kind:
    """One kind of question. Subclasses set `name` and `model` and override what differs."""

    name: ClassVar[str]
    model: ClassVar[type[QuestionBase]]
    self_rated: ClassVar[bool] = False
    """The user rates their own answer (nothing to grade): concept questions."""
    steps: ClassVar[bool] = False
    """An answer line ending in a backslash continues with another step."""
    prepares: ClassVar[bool] = False
    """Grading needs slow preparation (`prepare`), done in the background while the user reads."""

    def grade(self, question: QuestionBase, answer: str, display: Display) -> Verdict:
        """The verdict on a typed answer, its reading shown as `display` asks; self-rated
        kinds are never graded."""
        raise NotImplementedError(f"{self.name} questions are rated by the user")

    def prepare(self, question: QuestionBase) -> None:
        """Get ready to grade `question` (kinds with `prepares` set); must be thread-safe."""

    def prompt_parts(self, question: QuestionBase, lang: str, show_answer: bool) -> list[Part]:
        """What is shown under the prompt while the question is asked (options, symbols)."""
        return []

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        """The answer itself, as shown by `show --answer` and after a question is answered."""
        lines = tuple(self.export_lines(question, lang, formula))
        return [Part(say("browse.answer", lang), "value", lines)]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        """The answer as CommonMark blocks (formulas in `$...$`), for the Markdown sheets and
        the back of an Anki card; `lang` may be `both`."""
        raise NotImplementedError

    def export_front(self, question: QuestionBase, lang: str) -> list[str]:
        """CommonMark blocks that go under the prompt on a card's front (options, a code stub)."""
        return []

    def search_texts(self, question: QuestionBase) -> list[Text]:
        """The answer text search looks in, besides id, topic, tags, prompt and explanation."""
        return []

    def lint(self, question: QuestionBase, origin: Origin) -> list[Problem]:
        """Problems the schema cannot see (a formula that does not parse); `quizcli lint`."""
        return []

    def coverage(self, question: QuestionBase, answer: str) -> list[bool] | None:
        """For self-rated kinds, which of the reference's points the answer mentions."""
        return None

    def workspace(self, question: QuestionBase) -> Path | None:
        """A file the user edits to answer (code questions), prepared on first use."""
        return None
