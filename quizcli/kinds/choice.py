"""Multiple-choice questions: options lettered A, B, C...; graded by the letters picked."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from quizcli.bank.model import ChoiceQuestion
from quizcli.kinds.base import Formula, Kind, Part, pick, say

if TYPE_CHECKING:
    from quizcli.bank.model import QuestionBase, Text
    from quizcli.verdict import Verdict


class Choice(Kind):
    name = "choice"
    model = ChoiceQuestion

    def grade(self, question: QuestionBase, answer: str) -> Verdict:
        from quizcli.grading import grade_choice

        return grade_choice(cast(ChoiceQuestion, question), answer)

    def prompt_parts(self, question: QuestionBase, lang: str, show_answer: bool) -> list[Part]:
        answer = cast(ChoiceQuestion, question).answer
        n = len(answer.correct)
        return [
            Part(
                say(lang, f"Choose {n}", f"选择 {n} 项"),
                "options",
                tuple(option.get(lang) for option in answer.options),
                marks=tuple(f"{letter}." for letter in answer.letters),
                good=tuple(show_answer and letter in answer.correct for letter in answer.letters),
            )
        ]

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        correct = ", ".join(cast(ChoiceQuestion, question).answer.correct)
        return [Part(say(lang, "Answer", "答案"), "value", (correct,))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        answer = cast(ChoiceQuestion, question).answer
        return [
            f"- {'**' if letter in answer.correct else ''}{letter}. {pick(option, lang)}"
            f"{'** ✓' if letter in answer.correct else ''}"
            for letter, option in zip(answer.letters, answer.options, strict=True)
        ]

    def search_texts(self, question: QuestionBase) -> list[Text]:
        return list(cast(ChoiceQuestion, question).answer.options)


KIND = Choice()
