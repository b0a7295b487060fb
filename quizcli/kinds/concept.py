"""Concept questions: the user writes an answer in their own words and rates it against
the reference's key points."""

from __future__ import annotations

from typing import Literal, cast

from pydantic import Field

from quizcli.bank.model import QuestionBase, Strict, Text
from quizcli.kinds.base import Formula, Kind, Part, bullets, pick
from quizcli.messages import say


class ConceptAnswer(Strict):
    """A reference answer the user compares their own against, point by point."""

    text: Text
    key_points: list[Text] = Field(min_length=1)


class ConceptQuestion(QuestionBase):
    type: Literal["concept"]
    answer: ConceptAnswer


class Concept(Kind):
    name = "concept"
    model = ConceptQuestion
    self_rated = True

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        answer = cast(ConceptQuestion, question).answer
        return [
            Part(say("browse.answer", lang), "prose", (answer.text.get(lang),)),
            Part(
                say("browse.key_points", lang),
                "bullets",
                tuple(p.get(lang) for p in answer.key_points),
            ),
        ]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        answer = cast(ConceptQuestion, question).answer
        points = [pick(point, lang) for point in answer.key_points]
        return [pick(answer.text, lang, "\n\n"), bullets(points)]

    def coverage(self, question: QuestionBase, answer: str) -> list[bool] | None:
        from quizcli.kinds.coverage import covered

        concept = cast(ConceptQuestion, question)
        return covered(concept.answer.key_points, answer, concept.tags)

    def search_texts(self, question: QuestionBase) -> list[Text]:
        answer = cast(ConceptQuestion, question).answer
        return [answer.text, *answer.key_points]


KIND = Concept()
