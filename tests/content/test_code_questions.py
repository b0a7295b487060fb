"""Every code question's trusted parts are tested: reference, cases, stub and known mistakes.

The reference must run on every case with finite outputs and leave its inputs
alone; its outputs must agree with an independent computation (finite
differences for backward passes, closed forms or the bank's own numeric
answers for forward passes: `code_checks.CHECKS`); the stub must define the
function and stop with NotImplementedError; and each listed mistake must fail
the case it names, and no earlier one, for the cause it names.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from quizcli.kinds.code import CAUSES
from tests.content.code_checks import CHECKS
from tests.content.code_harness import (
    CodeQuestion,
    call,
    code_questions,
    first_failure,
    leaves,
    mutated,
)

QUESTIONS = code_questions()
MISTAKES = [(q, i) for q in QUESTIONS for i in range(len(q.mistakes()))]


def test_enough_code_questions_per_topic() -> None:
    per_topic = Counter(q.topic for q in QUESTIONS)
    assert len(QUESTIONS) >= 40, per_topic
    assert all(per_topic[topic] >= 6 for topic in per_topic), per_topic
    assert len(per_topic) == 5, per_topic


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_question_is_complete(question: CodeQuestion) -> None:
    raw = question.raw
    for field in ("prompt", "explanation"):
        assert raw[field]["en"].strip() and raw[field]["zh"].strip()
    assert raw["hints"] and all(h["en"].strip() and h["zh"].strip() for h in raw["hints"])
    assert raw["sources"] and not any(s.startswith("seed:") for s in raw["sources"])
    assert f"`{question.function}(" in raw["prompt"]["en"]
    assert question.mistakes(), "every code question lists at least one known mistake"
    assert all(len(line) <= 79 for line in question.answer["stub"].splitlines())
    names = [case["name"] for case in question.cases()]
    assert len(names) >= 3 and len(set(names)) == len(names), names
    for case in question.cases():
        assert case.get("cause", "overflow") in CAUSES, case["name"]
        if "hint" in case:
            assert case["hint"]["en"].strip() and case["hint"]["zh"].strip()
    assert question.id in CHECKS, "add an independent check to tests/content/code_checks.py"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_reference_runs_every_case(question: CodeQuestion) -> None:
    reference = question.reference()
    for case in question.cases():
        out, after = call(reference, case)
        assert not mutated(case, after), f"{case['name']}: the reference modified its input"
        again, _ = call(reference, case)
        for leaf, repeat in zip(leaves(out), leaves(again), strict=True):
            value = np.asarray(leaf, dtype=float)
            assert np.all(np.isfinite(value)), f"{case['name']}: {leaf}"
            assert np.array_equal(value, np.asarray(repeat, dtype=float)), case["name"]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_reference_passes_its_own_cases_and_the_stub_does_not(question: CodeQuestion) -> None:
    assert first_failure(question, question.reference()) is None
    failure = first_failure(question, question.stub())
    assert failure is not None
    assert failure == (question.cases()[0]["name"], {"not-implemented"})


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_reference_agrees_with_an_independent_computation(question: CodeQuestion) -> None:
    CHECKS[question.id](question.reference())


@pytest.mark.parametrize(("question", "index"), MISTAKES, ids=[f"{q.id}-{i}" for q, i in MISTAKES])
def test_known_mistake_fails_where_stated(question: CodeQuestion, index: int) -> None:
    mistake = question.mistakes()[index]
    failure = first_failure(question, question.load_mistake(index))
    assert failure is not None, "the mistake passes every case"
    name, causes = failure
    assert name == mistake["fails"], f"fails first on {name!r}, not on {mistake['fails']!r}"
    if "cause" in mistake:
        assert mistake["cause"] in causes, causes
