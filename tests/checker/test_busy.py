"""A busy machine slows a verdict but never changes it.

A busy-loop process is pinned to the same CPU as the checks, so they get about
half of it; the checker's bound counts CPU time, so every verdict must be the one
the corpus expects. Nothing here measures or races the clock: the test passes on an
idle machine and on an overloaded one alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quizcli.checker import check, judge
from tests.checker.conftest import CHECKER_BANK, QUESTIONS
from tests.checker.test_corpus import CASES

pytestmark = pytest.mark.skipif(
    not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)"
)


# A fresh interpreter that sees the checker fixture bank as the bundled one.
COLD_CHECK = """
import sys
from pathlib import Path
from quizcli import env
bank = Path(sys.argv[1])
env.bundled_banks_dir = lambda: bank
from quizcli.cli import main
sys.argv = ["quizcli", "check", "--json", *sys.argv[2:]]
main()
"""


@pytest.fixture
def busy_neighbour() -> Iterator[None]:
    """This process and a busy loop share one CPU until the test ends."""
    mine = os.sched_getaffinity(0)
    cpu = {min(mine)}
    loop = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        try:
            os.sched_setaffinity(loop.pid, cpu)
            os.sched_setaffinity(0, cpu)
        except OSError as exc:  # a sandbox may forbid pinning
            pytest.skip(f"cannot pin processes to a CPU here: {exc}")
        yield
    finally:
        os.sched_setaffinity(0, mine)
        loop.kill()
        loop.wait()


def test_corpus_verdicts_are_the_same_beside_a_busy_loop(busy_neighbour: None) -> None:
    """Every other corpus case, prepared from cold, gets its expected verdict while a busy
    loop takes half the CPU."""
    judge._SETUPS.clear()
    cases = [case.values for case in CASES[::2]]
    got = [check(QUESTIONS[qid], answer).verdict for qid, answer, _, _ in cases]
    expected = [verdict for _, _, verdict, _ in cases]
    wrong = [(c[0], c[1], g) for c, g in zip(cases, got, strict=True) if g != c[2]]
    assert got == expected, wrong


def test_a_cold_check_is_correct_beside_a_busy_loop(busy_neighbour: None, tmp_path: Path) -> None:
    """The README's example in a fresh process (sympy imported inside it) with half a CPU."""
    done = subprocess.run(
        [sys.executable, "-c", COLD_CHECK, str(CHECKER_BANK), "sigmoid-derivative", "σ(x)(1−σ(x))"],
        capture_output=True,
        text=True,
        env={**os.environ, "QUIZCLI_HOME": str(tmp_path)},
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"verdict": "correct"' in done.stdout
