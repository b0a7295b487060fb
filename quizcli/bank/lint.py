"""Rules that need the whole bank, beyond what the schema checks per question."""

from __future__ import annotations

import ast
from collections import Counter

from quizcli.bank import Bank, Problem
from quizcli.bank.model import LANGS, DerivationQuestion


def lint(bank: Bank) -> list[Problem]:
    """Every problem in `bank`: the loader's, plus expressions that do not parse."""
    problems = list(bank.problems)
    for question in bank.questions:
        if isinstance(question, DerivationQuestion):
            problems.extend(_expression_problems(bank, question))
    return sorted(problems)


def _expression_problems(bank: Bank, question: DerivationQuestion) -> list[Problem]:
    origin = bank.origins[question.id]
    answer = question.answer
    fields = {"answer.definition": answer.definition, "answer.reference": answer.reference}
    for index, mistake in enumerate(answer.mistakes):
        fields[f"answer.mistakes[{index}].expr"] = mistake.expr
    problems = []
    for name, text in fields.items():
        reason = expression_problem(text)
        if reason:
            problems.append(
                Problem(origin.path, origin.line, origin.col, question.id, name, reason)
            )
    return problems


def expression_problem(text: str) -> str | None:
    """Why `text` is not a well-formed expression of the plain grammar, or None."""
    try:
        ast.parse(text.replace("^", "**"), mode="eval")
    except SyntaxError as exc:
        return f"does not parse at column {exc.offset}: {exc.msg}; use the plain grammar"
    return None


def stats(bank: Bank) -> dict[str, dict[str, int]]:
    """Counts per topic, type, difficulty and language, for `lint --stats`."""
    return {
        "topic": dict(Counter(q.topic for q in bank.questions)),
        "type": dict(Counter(q.type for q in bank.questions)),
        "difficulty": dict(Counter(str(q.difficulty) for q in bank.questions)),
        "language": {
            lang: sum(
                bool(q.prompt.get(lang)) and bool(q.explanation.get(lang)) for q in bank.questions
            )
            for lang in LANGS
        },
    }
