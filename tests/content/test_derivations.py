"""Every derivation answer in the bundled banks is proved by the checker itself.

For each derivation question: its formulas pass the checker's part of
`quizcli lint` (they parse in the question's own symbols); the reference is
judged correct against d(definition)/d(wrt) (or the definition itself), proved
or numerically verified, never undecided; and every listed mistake is judged
incorrect with its own feedback (an equivalent earlier mistake would hide it).
"""

from __future__ import annotations

import pytest

from quizcli import env
from quizcli.bank import load_bank
from quizcli.checker import check
from quizcli.checker.lint import expression_problems
from quizcli.kinds.derivation import DerivationQuestion

BANK = load_bank([env.bundled_banks_dir()], use_cache=False)
DERIVATIONS = [q for q in BANK.questions if isinstance(q, DerivationQuestion)]
MISTAKES = [(q, index) for q in DERIVATIONS for index in range(len(q.answer.mistakes))]
TIMEOUT = 10.0


def test_expressions_parse_in_the_question_symbols() -> None:
    problems = expression_problems(BANK)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("question", DERIVATIONS, ids=lambda q: q.id)
def test_reference_equals_the_derived_answer(question: DerivationQuestion) -> None:
    verdict = check(question, question.answer.reference, timeout=TIMEOUT)
    assert verdict.verdict == "correct", f"{question.id}: {verdict.feedback.en}"
    assert verdict.method in ("proved", "numeric")


@pytest.mark.parametrize(("question", "index"), MISTAKES, ids=[f"{q.id}-{i}" for q, i in MISTAKES])
def test_listed_mistake_is_judged_incorrect(question: DerivationQuestion, index: int) -> None:
    mistake = question.answer.mistakes[index]
    verdict = check(question, mistake.expr, timeout=TIMEOUT)
    assert verdict.verdict == "incorrect", f"{question.id}: {mistake.expr} is not wrong"
    assert verdict.feedback == mistake.feedback, (
        f"{question.id}: {mistake.expr} matches an earlier mistake, so its feedback never shows"
    )
