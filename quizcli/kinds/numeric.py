"""Numeric questions: a number or short vector within an absolute tolerance."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from quizcli.bank.model import NumericQuestion
from quizcli.kinds.base import Formula, Kind, Part, pick, say

if TYPE_CHECKING:
    from quizcli.bank.model import QuestionBase
    from quizcli.verdict import Verdict


class Numeric(Kind):
    name = "numeric"
    model = NumericQuestion

    def grade(self, question: QuestionBase, answer: str) -> Verdict:
        from quizcli.grading import grade_numeric

        return grade_numeric(cast(NumericQuestion, question), answer)

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        return [Part(say(lang, "Answer", "答案"), "value", (shown(question, lang),))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        number = cast(NumericQuestion, question).answer
        unit = f" {pick(number.unit, lang)}" if number.unit else ""
        return [f"{number.shown}{unit} (± {number.tolerance:g})"]


def shown(question: QuestionBase, lang: str) -> str:
    """`4 pixels  (± 0.5)`: the value, its unit and tolerance."""
    answer = cast(NumericQuestion, question).answer
    unit = f" {answer.unit_in(lang)}" if answer.unit else ""
    return f"{answer.shown}{unit}  (± {answer.tolerance:g})"


KIND = Numeric()
