"""The engine's guarantees beyond single verdicts: no decision without evidence, a hard
time bound with nothing left running, the same verdict from any thread."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import sympy

from quizcli.checker import bound, check, judge, warm_up
from quizcli.kinds.derivation import DerivationQuestion
from tests.checker.conftest import QUESTIONS


def question(question_id: str, **answer: Any) -> DerivationQuestion:
    """A one-off derivation question (a fresh id means a fresh, uncached setup)."""
    text = {"en": "t", "zh": "t"}
    return DerivationQuestion.model_validate(
        {
            "id": question_id, "topic": "activations", "type": "derivation", "difficulty": 1,
            "tags": ["t"], "prompt": text, "explanation": text, "hints": [text],
            "sources": ["test"], "answer": answer,
        }
    )  # fmt: skip


def test_too_few_usable_points_and_no_proof_is_undecided() -> None:
    log = question("log-near-zero", definition="x*log(x)", wrt="x", reference="log(x) + 1",
                   symbols=["x"], domain={"x": [-4, 0.2]})  # fmt: skip
    verdict = check(log, "log(x) + 1 + log(x^2) - 2log(x)")
    assert (verdict.verdict, verdict.method) == ("undecided", "numeric")
    assert "enough test points" in verdict.feedback.en


def test_a_proof_settles_what_the_points_cannot() -> None:
    log = question("log-near-zero-proved", definition="x*log(x)", wrt="x",
                   reference="log(x) + 1", symbols=["x"], domain={"x": [-4, 0.2]})  # fmt: skip
    verdict = check(log, "1 + log(x)")
    assert (verdict.verdict, verdict.method) == ("correct", "proved")


def test_out_of_time_is_undecided_promptly() -> None:
    slow = QUESTIONS["softmax-cross-entropy-gradient"].model_copy(update={"id": "fresh-softmax"})
    started = time.monotonic()
    verdict = check(slow, "s_i - y_i", timeout=0.002)
    assert time.monotonic() - started < 0.5
    assert (verdict.verdict, verdict.method) == ("undecided", "timeout")
    assert "ran out of time" in verdict.feedback.en


def test_time_limit_interrupts_sympy_and_leaves_nothing_running() -> None:
    x, y, z = sympy.symbols("x y z")
    threads = threading.active_count()
    started = time.process_time()
    with pytest.raises(bound.CheckTimeout), bound.time_limit(0.2):
        sympy.expand((x + y + z + 1) ** 60)
    assert time.process_time() - started < 1.0
    assert threading.active_count() == threads
    idle = time.process_time()
    time.sleep(0.2)
    assert time.process_time() - idle < 0.05


def test_time_limits_nest_and_restore_the_outer_one() -> None:
    with pytest.raises(bound.CheckTimeout), bound.time_limit(0.3):
        with bound.time_limit(5.0):
            pass
        time.sleep(1.0)


def test_check_from_another_thread_gives_the_same_verdict() -> None:
    results: list[Any] = []
    worker = threading.Thread(
        target=lambda: results.append(check(QUESTIONS["tanh-derivative"], "sech²(x)"))
    )
    worker.start()
    worker.join(10)
    assert results[0].verdict == "correct"
    assert results[0].read_as == check(QUESTIONS["tanh-derivative"], "sech²(x)").read_as


def test_warm_up_runs_in_a_background_thread() -> None:
    worker = threading.Thread(target=warm_up)
    worker.start()
    worker.join(30)
    assert not worker.is_alive()


def test_same_answer_same_verdict_every_time() -> None:
    """Test points are seeded per question: a fresh setup (a new process) shows the same
    counterexample, numbers included."""
    verdicts = []
    for _ in range(3):
        judge._SETUPS.clear()
        verdicts.append(check(QUESTIONS["elu-derivative"], "e^x"))
    assert "Not equal: at x = " in verdicts[0].feedback.en
    assert len({(v.verdict, v.method, v.feedback) for v in verdicts}) == 1


def test_a_rewrite_question_refuses_the_function_it_asks_to_remove() -> None:
    rewrite = question(
        "fx-tanh-through-sigmoid",
        definition="tanh(x)",
        reference="2*sigmoid(2*x) - 1",
        symbols=["x"],
        forbid=["tanh", "exp"],
    )
    assert check(rewrite, "2σ(2x) - 1").verdict == "correct"
    refused = check(rewrite, "tanh(x)")
    assert refused.verdict == "invalid"
    assert "without tanh" in refused.feedback.en and "tanh" in refused.feedback.zh
    assert check(rewrite, "(1 - exp(-2x))/(1 + exp(-2x))").verdict == "invalid"
    assert check(rewrite, "tanh(x) = 2σ(2x) - 1").verdict == "correct"
