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
    problems = [p for q in DERIVATIONS for p in expression_problems(q, BANK.origins[q.id])]
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


@pytest.mark.parametrize("question", DERIVATIONS, ids=lambda q: q.id)
@pytest.mark.parametrize("ascii", [False, True])
def test_the_shown_reference_reads_back_as_the_reference(
    question: DerivationQuestion, ascii: bool
) -> None:
    """`show --answer` prints the stated formula without sympy; what it prints, typed back,
    is the same expression (so the pretty form loses nothing: no precedence slips)."""
    from quizcli.checker import parse, shown_reference

    answer = question.answer
    shown = shown_reference(question, ascii)
    assert parse(shown, answer.symbols, answer.setting) == parse(
        answer.reference, answer.symbols, answer.setting
    ), shown


SUBSCRIPTS = dict(zip("0123456789", "₀₁₂₃₄₅₆₇₈₉", strict=True))
GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "eta": "η", "theta": "θ", "lam": "λ",
         "mu": "μ", "rho": "ρ", "tau": "τ", "eps": "ε", "sigma": "σ"}  # fmt: skip


def spellings(name: str) -> list[str]:
    """How a prompt may print a numbered symbol, and so how a user may type it."""
    import re

    numbered = re.fullmatch(r"([A-Za-z]+?)([0-9]+)", name)
    if not numbered:
        return [name]
    base, digits = numbered.groups()
    subscript = "".join(SUBSCRIPTS[d] for d in digits)
    found = [name, f"{base}_{digits}", f"{base}{subscript}", f"{base}_{{{digits}}}"]
    if base in GREEK:
        found += [f"{GREEK[base]}{subscript}", f"{GREEK[base]}_{digits}", f"{GREEK[base]}{digits}"]
    return found


@pytest.mark.parametrize("question", DERIVATIONS, ids=lambda q: q.id)
def test_every_symbol_reads_as_the_prompt_prints_it(question: DerivationQuestion) -> None:
    """z1 is also z_1 and z₁; theta0 is θ₀ and θ0; beta1 is β₁: the question's own names."""
    from quizcli.checker import parse

    answer = question.answer
    for name in answer.symbols:
        wanted = parse(name, answer.symbols, answer.setting)
        for typed in spellings(name):
            assert parse(typed, answer.symbols, answer.setting) == wanted, (name, typed)
