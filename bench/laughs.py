"""A "billion laughs" bank in $QUIZCLI_HOME/banks/: how soon `quizcli list` names it.

Starts `quizcli list` in a fresh data folder holding the hostile fixture as a user bank,
reads its stderr and notes when the one-line warning arrives, then when the command
ends (it still lists the bundled questions) and its CPU time. The first run builds the
parsed-bank cache ("cold"); the others find it ("warm"). Goal: the warning in < 1 s.

    python bench/laughs.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAUGHS = ROOT / "tests" / "fixtures" / "hostile" / "billion_laughs.yaml"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one(env: dict[str, str]) -> tuple[float, float, float, str, int]:
    """Seconds to the warning line, to the end, CPU seconds; the warning; lines listed."""
    cpu, start = children_cpu(), time.perf_counter()
    command = [sys.executable, "-m", "quizcli", "list"]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert child.stderr is not None
    warning = child.stderr.readline().decode()
    warned = time.perf_counter() - start
    out, _ = child.communicate()
    ended = time.perf_counter() - start
    if child.returncode != 0 or "skipped the bank" not in warning:
        raise SystemExit(f"unexpected: exit {child.returncode}, stderr {warning!r}")
    return warned, ended, children_cpu() - cpu, warning.strip(), out.count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp())
    try:
        (home / "banks").mkdir()
        shutil.copy(LAUGHS, home / "banks" / "laughs.yaml")
        env = dict(os.environ, QUIZCLI_HOME=str(home), COLUMNS="120")
        warned, ended, cpu, warning, lines = one(env)
        print(warning)
        print(f"cold: warning at {warned * 1000:.0f} ms, done at {ended * 1000:.0f} ms", end="")
        print(f" ({cpu * 1000:.0f} ms CPU), {lines} lines listed")
        warm = [one(env) for _ in range(args.runs)]
        for label, index in (("warning at", 0), ("done at", 1), ("CPU", 2)):
            median = statistics.median(run[index] for run in warm)
            print(f"warm, median of {args.runs}: {label} {median * 1000:.0f} ms")
    finally:
        shutil.rmtree(home)


if __name__ == "__main__":
    main()
