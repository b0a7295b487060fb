"""Derivation questions: a formula the checker proves equal to the reference."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from quizcli.bank.model import DerivationQuestion
from quizcli.kinds.base import Formula, Kind, Part, say

if TYPE_CHECKING:
    from quizcli.bank.loader import Origin, Problem
    from quizcli.bank.model import QuestionBase
    from quizcli.verdict import Verdict


class Derivation(Kind):
    name = "derivation"
    model = DerivationQuestion
    steps = True

    def grade(self, question: QuestionBase, answer: str) -> Verdict:
        from quizcli.checker import check

        return check(cast(DerivationQuestion, question), answer)

    def lint(self, question: QuestionBase, origin: Origin) -> list[Problem]:
        """Every formula must read in the question's own scope, as typed answers are."""
        from quizcli.bank import Bank
        from quizcli.checker.lint import expression_problems

        return expression_problems(Bank(questions=[question], origins={question.id: origin}))

    def prompt_parts(self, question: QuestionBase, lang: str, show_answer: bool) -> list[Part]:
        symbols = ", ".join(cast(DerivationQuestion, question).answer.symbols)
        colon = "：" if lang == "zh" else ": "
        line = say(lang, "Answer in terms of", "可用符号") + colon + symbols
        return [Part("", "prose", (line,))]

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        answer = cast(DerivationQuestion, question).answer
        shown = formula(answer.reference, answer.symbols, answer.setting) if formula else None
        return [Part(say(lang, "Answer", "答案"), "value", (shown or answer.reference,))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        answer = cast(DerivationQuestion, question).answer
        if formula is None:
            return [f"`{answer.reference}`"]
        return [f"${formula(answer.reference, answer.symbols, answer.setting)}$"]


KIND = Derivation()
