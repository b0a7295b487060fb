"""Derivation-check latency: the test corpus in a warm process, and one cold CLI check.

Warm: after `warm_up()`, every corpus case (tests/checker/corpus.yaml over the
checker fixture bank) is checked once; prints the median and p95 (goal: p95 <= 150 ms),
for all cases and for the cases after each question's first (which pays the
per-question setup: deriving the reference, sampling points). Cold: the wall time
of `quizcli check sigmoid-derivative "σ(x)(1−σ(x))"` in a fresh process (goal
<= 1.2 s), first run (empty bank cache) and the median of the rest.

    python bench/check.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "checker" / "corpus.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "checker"
COLD = ["check", "sigmoid-derivative", "σ(x)(1−σ(x))"]


def warm() -> tuple[list[float], list[float]]:
    """Milliseconds per corpus case: all of them, and those after a question's first."""
    from quizcli.bank import load_bank
    from quizcli.checker import check, warm_up

    warm_up()
    questions = {q.id: q for q in load_bank([FIXTURES], use_cache=False).questions}
    every, later = [], []
    for question_id, verdicts in yaml.safe_load(CORPUS.read_text("utf-8")).items():
        for index, entry in enumerate(e for entries in verdicts.values() for e in entries):
            answer = entry[0] if isinstance(entry, list) else entry
            started = time.perf_counter()
            check(questions[question_id], answer)  # type: ignore[arg-type]
            elapsed = (time.perf_counter() - started) * 1000
            every.append(elapsed)
            if index:
                later.append(elapsed)
    return every, later


def cold(runs: int) -> list[float]:
    """Wall seconds of the cold CLI check, each in a fresh interpreter."""
    times = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QUIZCLI_HOME=home, QUIZCLI_LANG="en")
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "quizcli", *COLD], env=env, capture_output=True, check=False
            )
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(f"cold check failed ({done.returncode}): {done.stderr!r}")
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold runs (default 7)")
    args = parser.parse_args()
    every, later = warm()
    print(f"warm, {len(every)} corpus checks: median {statistics.median(every):.1f} ms,"
          f" p95 {p95(every):.1f} ms, max {max(every):.1f} ms")  # fmt: skip
    print(f"warm, {len(later)} checks after each question's first: median"
          f" {statistics.median(later):.1f} ms, p95 {p95(later):.1f} ms")  # fmt: skip
    times = cold(args.runs)
    rest = times[1:] or times
    print(f"cold `quizcli {' '.join(COLD)}`: first {times[0]:.2f} s (empty cache),"
          f" median of the next {len(rest)} {statistics.median(rest):.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
