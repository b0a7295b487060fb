"""The expression part of `quizcli lint`: every bank formula must read in its question's scope.

Bank text goes through the same reader as typed answers (and the same safety
rules), with the question's own symbols and setting, so a formula that lint
accepts is one the checker can use.
"""

from __future__ import annotations

import re

from quizcli.bank import Bank, Problem
from quizcli.bank.model import DerivationQuestion
from quizcli.checker.errors import ParseError


def expression_problems(bank: Bank) -> list[Problem]:
    """One Problem per definition, wrt, reference or mistake that cannot be read."""
    problems = []
    for question in bank.questions:
        if isinstance(question, DerivationQuestion):
            problems.extend(_question_problems(bank, question))
    return problems


def _question_problems(bank: Bank, question: DerivationQuestion) -> list[Problem]:
    from quizcli.checker import parse

    origin = bank.origins[question.id]
    answer = question.answer
    fields = {"answer.definition": answer.definition, "answer.reference": answer.reference}
    if answer.wrt:
        fields["answer.wrt"] = answer.wrt
    for index, mistake in enumerate(answer.mistakes):
        fields[f"answer.mistakes[{index}].expr"] = mistake.expr
    problems = [
        Problem(origin.path, origin.line, origin.col, question.id, "answer.forbid", message)
        for message in _forbid_problems(answer.forbid, answer.reference)
    ]
    for name, text in fields.items():
        try:
            parse(text, answer.symbols, answer.setting)
        except ParseError as exc:
            message = f"{exc.located()[0]}; see the grammar in questions/README.md"
            problems.append(
                Problem(origin.path, origin.line, origin.col, question.id, name, message)
            )
    return problems


def _forbid_problems(forbid: list[str], reference: str) -> list[str]:
    """Forbidden names must be functions the reader knows, and the reference must not use them."""
    from quizcli.checker.names import FUNCTIONS

    known = set(FUNCTIONS.values())
    problems = [
        f"{name!r} is not a function the checker knows ({', '.join(sorted(known))})"
        for name in forbid
        if name not in known
    ]
    problems += [
        f"the reference uses {name}, which the answer may not"
        for name in forbid
        if re.search(rf"\b{re.escape(name)}\s*\(", reference)
    ]
    return problems
