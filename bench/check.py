"""Derivation-check latency: the test corpus in a warm process, the first verdict after a
session's warm-up, one cold CLI check, and `show --answer` of a derivation.

Warm: after `warm_up()`, every corpus case (tests/checker/corpus.yaml over the
checker fixture bank) is checked once; prints the median and p95 (goal: p95 <= 150 ms),
for all cases and for the cases after each question's first (which pays the
per-question setup: deriving the reference, sampling points). First verdict: in a
fresh process, `prepare(question)` (what `study` runs while the question is on
screen), then the wall time of the first `check` (goal <= 100 ms). Cold: the wall
time of `quizcli check sigmoid-derivative "σ(x)(1−σ(x))"` in a fresh process (goal
<= 1.2 s), first run (empty bank cache) and the median of the rest. Show: the wall
time of `quizcli show sigmoid-derivative --answer` against `quizcli show
sigmoid-derivative` (no sympy or numpy in either).

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
SHOW = ["show", "sigmoid-derivative"]
FIRST = """
import sys, time
from pathlib import Path
from quizcli.bank import load_bank
from quizcli.checker import check, prepare
questions = {q.id: q for q in load_bank([Path(sys.argv[1])], use_cache=False).questions}
question = questions["sigmoid-derivative"]
prepare(question)
started = time.perf_counter()
verdict = check(question, "σ(x)(1−σ(x))")
print((time.perf_counter() - started) * 1000, verdict.verdict)
"""


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


def first_verdict(runs: int) -> list[float]:
    """Milliseconds of the first check in a fresh process after the session's warm-up."""
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", FIRST, str(FIXTURES)], capture_output=True, text=True
        )
        ms, verdict = done.stdout.split()
        if verdict != "correct":
            raise SystemExit(f"first verdict was {verdict}: {done.stderr!r}")
        times.append(float(ms))
    return times


def wall(args: list[str], runs: int) -> list[float]:
    """Wall seconds of `quizcli ARGS` in fresh interpreters (bank cache warm after the first)."""
    times = []
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QUIZCLI_HOME=home, QUIZCLI_LANG="en")
        for _ in range(runs + 1):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "quizcli", *args], env=env, capture_output=True)
            times.append(time.perf_counter() - started)
    return times[1:]


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
    first = first_verdict(args.runs)
    print(f"first verdict after the warm-up: median {statistics.median(first):.1f} ms,"
          f" max {max(first):.1f} ms over {len(first)} fresh processes")  # fmt: skip
    times = cold(args.runs)
    rest = times[1:] or times
    print(f"cold `quizcli {' '.join(COLD)}`: first {times[0]:.2f} s (empty cache),"
          f" median of the next {len(rest)} {statistics.median(rest):.2f} s")  # fmt: skip
    answer, plain = wall([*SHOW, "--answer"], args.runs), wall(SHOW, args.runs)
    print(f"`quizcli {' '.join(SHOW)} --answer`: median {statistics.median(answer):.2f} s;"
          f" without --answer {statistics.median(plain):.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
