"""The corpus: typed answers in every input style, and the verdict each must get.

Zero wrong verdicts is the bar: one correct answer marked wrong, or one wrong
answer marked right, and the user stops trusting the checker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from quizcli.checker import check
from tests.checker.conftest import QUESTIONS

CORPUS = Path(__file__).with_name("corpus.yaml")
METHODS = {"proved", "numeric", "known-mistake", "diagnosis", "parse", "timeout"}
METHODS |= {"forbidden", "kink", "exact"}


def cases() -> list[Any]:
    """(question id, answer, verdict, expectation) for every corpus entry."""
    found = []
    for question_id, verdicts in yaml.safe_load(CORPUS.read_text("utf-8")).items():
        for verdict, entries in verdicts.items():
            for index, entry in enumerate(entries):
                answer, expectation = entry if isinstance(entry, list) else (entry, "")
                case = (question_id, answer, verdict, expectation)
                found.append(pytest.param(*case, id=f"{question_id}-{verdict}-{index}"))
    return found


CASES = cases()


def test_corpus_is_large_and_wide() -> None:
    assert len(CASES) >= 300
    assert len({case.values[0] for case in CASES}) >= 15
    assert {case.values[2] for case in CASES} == {"correct", "incorrect", "invalid"}


@pytest.mark.parametrize(("question_id", "answer", "verdict", "expectation"), CASES)
def test_verdict(question_id: str, answer: str, verdict: str, expectation: str) -> None:
    result = check(QUESTIONS[question_id], answer)
    shown = f"{answer!r} -> {result.verdict} ({result.method}): {result.feedback.en}"
    assert result.verdict == verdict, shown
    if expectation in METHODS:
        assert result.method == expectation, shown
    else:
        assert expectation in result.feedback.en, shown


def test_no_question_is_listed_twice() -> None:
    """YAML keeps the last of two equal keys silently: a second block would hide the first."""
    keys = [line[:-1] for line in CORPUS.read_text("utf-8").splitlines() if line.endswith(":")]
    top = [key for key in keys if not key.startswith(" ")]
    assert len(top) == len(set(top))
