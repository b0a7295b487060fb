"""Multiple-choice questions: options lettered A, B, C...; graded by the letters picked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast

from pydantic import Field, model_validator

from quizcli.bank.model import QuestionBase, Strict, Text
from quizcli.kinds.base import Display, Formula, Kind, Part, bullets, pick
from quizcli.messages import msg, say

if TYPE_CHECKING:
    from quizcli.verdict import Verdict


class Option(Text):
    """A choice option; `why` says in one line why it is right or wrong, shown after grading.

    Optional for user banks; the bundled bank gives every option one (a content test).
    """

    why: Text | None = None


class ChoiceAnswer(Strict):
    """Options are lettered A, B, C... in order; `correct` lists the right letters."""

    options: list[Option] = Field(min_length=2, max_length=8)
    correct: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _letters_in_range(self) -> ChoiceAnswer:
        for letter in self.correct:
            if letter not in self.letters:
                letters = ", ".join(self.letters)
                raise ValueError(msg("lint.bad_letter", letter=letter, letters=letters))
        if len(set(self.correct)) != len(self.correct):
            raise ValueError(msg("lint.letter_twice"))
        return self

    @property
    def letters(self) -> list[str]:
        return [chr(ord("A") + i) for i in range(len(self.options))]


class ChoiceQuestion(QuestionBase):
    type: Literal["choice"]
    answer: ChoiceAnswer


class Choice(Kind):
    name = "choice"
    model = ChoiceQuestion

    def grade(self, question: QuestionBase, answer: str, display: Display) -> Verdict:
        from quizcli.grading import grade_choice

        return grade_choice(cast(ChoiceQuestion, question), answer)

    def prompt_parts(self, question: QuestionBase, lang: str, show_answer: bool) -> list[Part]:
        answer = cast(ChoiceQuestion, question).answer
        n = len(answer.correct)
        return [
            Part(
                say("browse.choose", lang, n=n),
                "options",
                tuple(option.get(lang) for option in answer.options),
                marks=tuple(f"{letter}." for letter in answer.letters),
                good=tuple(show_answer and letter in answer.correct for letter in answer.letters),
                notes=tuple(
                    option.why.get(lang) if show_answer and option.why else ""
                    for option in answer.options
                ),
            )
        ]

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        correct = ", ".join(cast(ChoiceQuestion, question).answer.correct)
        return [Part(say("browse.answer", lang), "value", (correct,))]

    def export_front(self, question: QuestionBase, lang: str) -> list[str]:
        """The lettered options, so a card can be answered from its front."""
        answer = cast(ChoiceQuestion, question).answer
        options = [
            f"{letter}. {pick(option, lang)}"
            for letter, option in zip(answer.letters, answer.options, strict=True)
        ]
        return [bullets(options)]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        """The right letters, then each option's reason, marked right (✓) or wrong (✗)."""
        answer = cast(ChoiceQuestion, question).answer
        reasons = [
            f"**{letter}** {'✓' if letter in answer.correct else '✗'} {pick(option.why, lang)}"
            for letter, option in zip(answer.letters, answer.options, strict=True)
            if option.why is not None
        ]
        return [f"**{', '.join(answer.correct)}**", *([bullets(reasons)] if reasons else [])]

    def search_texts(self, question: QuestionBase) -> list[Text]:
        return list(cast(ChoiceQuestion, question).answer.options)


KIND = Choice()
