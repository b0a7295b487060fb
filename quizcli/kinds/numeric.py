"""Numeric questions: a number or short vector within an absolute tolerance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from pydantic import Field, field_validator

from quizcli.bank.model import QuestionBase, Strict, Text
from quizcli.kinds.base import Display, Formula, Kind, Part, pick
from quizcli.messages import msg, say

if TYPE_CHECKING:
    from quizcli.verdict import Verdict


class NumericAnswer(Strict):
    """A number (or a short vector) with an absolute tolerance and, if it has one, a unit."""

    value: float | list[float]
    tolerance: float = Field(gt=0)
    unit: Text | None = None

    @field_validator("value")
    @classmethod
    def _short_vector(cls, value: float | list[float]) -> float | list[float]:
        if isinstance(value, list) and not 1 <= len(value) <= 16:
            raise ValueError(msg("lint.vector_size"))
        return value

    @property
    def values(self) -> list[float]:
        return self.value if isinstance(self.value, list) else [self.value]

    @property
    def shown(self) -> str:
        """The value as the answer page and exports print it: `4`, or `[0.5, 0.5]` for a vector."""
        values = ", ".join(f"{v:g}" for v in self.values)
        return f"[{values}]" if isinstance(self.value, list) else values

    def unit_in(self, lang: str) -> str:
        """The unit in one language, or '' for a plain number."""
        return self.unit.get(lang) if self.unit else ""


class NumericQuestion(QuestionBase):
    type: Literal["numeric"]
    answer: NumericAnswer


class Numeric(Kind):
    name = "numeric"
    model = NumericQuestion

    def grade(self, question: QuestionBase, answer: str, display: Display) -> Verdict:
        from quizcli.grading import grade_numeric

        return grade_numeric(cast(NumericQuestion, question), answer)

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        return [Part(say("browse.answer", lang), "value", (shown(question, lang),))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        number = cast(NumericQuestion, question).answer
        unit = f" {pick(number.unit, lang)}" if number.unit else ""
        return [f"{number.shown}{unit} (± {number.tolerance:g})"]


def shown(question: QuestionBase, lang: str) -> str:
    """`4 pixels  (± 0.5)`: the value, its unit and tolerance."""
    answer = cast(NumericQuestion, question).answer
    unit = f" {answer.unit_in(lang)}" if answer.unit else ""
    within = say("browse.tolerance", lang, tolerance=f"{answer.tolerance:g}")
    return f"{answer.shown}{unit}  {within}"


KIND = Numeric()
