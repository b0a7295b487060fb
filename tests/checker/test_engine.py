"""The engine's guarantees beyond single verdicts: no decision without evidence, a hard
time bound with nothing left running, the same verdict from any thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sympy

from quizcli.checker import PREPARE_LIMIT, bound, check, judge, warm_up
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


def test_out_of_time_is_undecided_names_the_stage_and_blames_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A decision that never ends is stopped by the CPU bound: undecided, the stage named,
    and no advice to rewrite an answer that may well be right."""

    def endless(*args: Any) -> Any:
        while True:
            pass

    monkeypatch.setattr(judge, "judge", endless)
    verdict = check(QUESTIONS["sigmoid-derivative"], "σ(x)(1−σ(x))", timeout=0.1)
    assert (verdict.verdict, verdict.method) == ("undecided", "timeout")
    assert "CPU time while showing how it was read" in verdict.feedback.en
    assert "says nothing about your answer" in verdict.feedback.en
    assert "simpler" not in verdict.feedback.en


def test_the_bound_counts_cpu_time_so_waiting_does_not_use_it_up() -> None:
    """Time spent not computing (a busy machine giving the check no processor) leaves the
    bound untouched; only work uses it up."""
    with bound.time_limit(0.3):
        time.sleep(0.5)
    with pytest.raises(bound.CheckTimeout), bound.time_limit(0.1):
        while True:
            pass


def test_preparation_happens_before_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imports and the question's setup are not part of the decision: a cold check prepares
    the question under its own generous bound, and every bound of the decision after it
    starts with the question prepared. Recorded as each bound starts, so the test does not
    depend on how fast or busy the machine is."""
    judge._SETUPS.clear()
    fresh = QUESTIONS["softmax-cross-entropy-gradient"].model_copy(update={"id": "fresh-softmax"})
    bounds: list[tuple[float, bool]] = []
    real_limit = bound.time_limit

    @contextmanager
    def recording_limit(seconds: float) -> Iterator[None]:
        bounds.append((seconds, any(key[0] == fresh.id for key in judge._SETUPS)))
        with real_limit(seconds):
            yield

    monkeypatch.setattr(bound, "time_limit", recording_limit)
    verdict = check(fresh, "s_i - y_i", timeout=0.5)
    assert verdict.verdict == "correct"
    preparing = [i for i, (seconds, _) in enumerate(bounds) if seconds == PREPARE_LIMIT]
    assert len(preparing) == 1
    assert not bounds[preparing[0]][1]  # cold: prepared under its own bound
    deciding = bounds[preparing[0] + 1 :]
    assert deciding
    assert all(prepared and seconds <= 0.5 for seconds, prepared in deciding)


def test_time_limit_interrupts_sympy_and_leaves_nothing_running() -> None:
    x, y, z = sympy.symbols("x y z")
    threads = threading.active_count()
    with pytest.raises(bound.CheckTimeout), bound.time_limit(0.2):
        sympy.expand((x + y + z + 1) ** 60)
    assert threading.active_count() == threads
    idle = time.process_time()
    time.sleep(0.2)
    assert time.process_time() - idle < 0.05


def test_time_limits_nest_and_restore_the_outer_one() -> None:
    with pytest.raises(bound.CheckTimeout), bound.time_limit(0.3):
        with bound.time_limit(5.0):
            pass
        while True:
            pass


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


def test_a_rewrite_question_refuses_its_own_expression_typed_back() -> None:
    factor = question(
        "fx-factor", definition="x**2 - 1", reference="(x - 1)*(x + 1)", symbols=["x"],
        forbid=["abs"],
    )  # fmt: skip
    assert check(factor, "(x + 1)(x - 1)").verdict == "correct"
    typed_back = check(factor, "x^2 - 1")
    assert (typed_back.verdict, typed_back.method) == ("incorrect", "forbidden")
    assert "the expression the question starts from" in typed_back.feedback.en


def test_an_answer_undefined_where_the_reference_is_defined_is_named_so() -> None:
    """Not "very close, an approximation?": undefined at a point, with the point."""
    import numpy as np

    from quizcli.checker.diagnose import Evidence, diagnose

    setup = judge.setup_for(QUESTIONS["sigmoid-derivative"])
    answer = setup.reference.copy()
    answer[0, 3] = np.nan
    evidence = Evidence(setup.form, setup.points, answer, setup.reference, setup.kinks)
    finding = diagnose(evidence)
    en, zh = finding.text("en"), finding.text("zh")
    assert en.startswith("Your answer is undefined at x = ")
    assert "Very close" not in en and "没有定义" in zh


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(),
    reason="the patched judge reaches the child only through fork",
)
def test_from_another_thread_the_child_applies_the_same_cpu_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Outside the main thread the decision runs in a forked child, which is its own main
    thread and bounds itself by CPU time (the wall-clock backstop is far away)."""

    def endless(*args: Any) -> Any:
        while True:
            pass

    monkeypatch.setattr(judge, "judge", endless)
    results: list[Any] = []
    worker = threading.Thread(
        target=lambda: results.append(check(QUESTIONS["sigmoid-derivative"], "σ(x)", timeout=0.1))
    )
    worker.start()
    worker.join()
    assert (results[0].verdict, results[0].method) == ("undecided", "timeout")
    assert "CPU time" in results[0].feedback.en
