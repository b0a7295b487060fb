"""Every numeric answer in the bundled banks is recomputed here with numpy.

Each topic keeps its recomputations in `numeric_<topic>.py` as a dict from
question id to a function of no arguments; a numeric question without one, or
a recomputation without a question, fails.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from quizcli import env
from quizcli.bank import load_bank
from quizcli.kinds.numeric import NumericQuestion
from tests.content import (
    numeric_activations,
    numeric_normalization,
    numeric_optimization,
    numeric_pooling,
    numeric_regularization,
)
from tests.content.figures import chart_row

RECOMPUTE: dict[str, Callable[[], object]] = {}
for module in (
    numeric_activations,
    numeric_regularization,
    numeric_normalization,
    numeric_pooling,
    numeric_optimization,
):
    overlap = RECOMPUTE.keys() & module.RECOMPUTE.keys()
    assert not overlap, f"recomputed twice: {overlap}"
    RECOMPUTE.update(module.RECOMPUTE)

BANK = load_bank([env.bundled_banks_dir()], use_cache=False)
NUMERIC = {q.id: q for q in BANK.questions if isinstance(q, NumericQuestion)}


def test_every_numeric_question_is_recomputed() -> None:
    assert sorted(NUMERIC.keys() - RECOMPUTE.keys()) == []
    assert sorted(RECOMPUTE.keys() - NUMERIC.keys()) == []


@pytest.mark.parametrize("question_id", sorted(RECOMPUTE))
def test_numeric_answer_matches_recomputation(question_id: str) -> None:
    question = NUMERIC[question_id]
    expected = np.atleast_1d(np.asarray(RECOMPUTE[question_id](), dtype=float))
    stated = np.asarray(question.answer.values, dtype=float)
    assert stated.shape == expected.shape, (
        f"{question_id}: shape {stated.shape} != {expected.shape}"
    )
    assert np.all(np.isfinite(expected))
    tolerance = question.answer.tolerance
    assert np.all(np.abs(stated - expected) <= tolerance), (stated, expected)
    # The tolerance must still tell a right answer from a near miss: within 2 %, or within
    # one row of the terminal chart when the answer is read off it (no reader does better).
    integers = np.all(expected == np.round(expected))
    bound = 0.5 if integers else 0.02 * float(np.max(np.abs(expected)))
    bound = max(bound, chart_row(question) or 0.0)
    assert tolerance <= max(bound, 1e-12), f"{question_id}: tolerance {tolerance} is too loose"
