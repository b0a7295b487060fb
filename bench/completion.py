"""What a TAB costs: completing a question id, against `quizcli --version`.

"command name" completes `quizcli sh` (Typer's own work, no bank read); "warm" reads the
completion cache (what every TAB after the first pays); "cold" has it
removed before each run, so the banks are loaded (from the bank cache) and the completion
cache written again (the first TAB after a bank changed). Runs alternate, so machine noise
hits them alike. Prints medians.

    python bench/completion.py [--runs 21]
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

QUIZCLI = [sys.executable, "-m", "quizcli"]
TAB = {"_QUIZCLI_COMPLETE": "complete_bash", "COMP_WORDS": "quizcli show sigmoid-de"}


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    elapsed = time.perf_counter() - start
    if "sigmoid" in env.get("COMP_WORDS", "") and "sigmoid-derivative" not in done.stdout:
        raise SystemExit(f"completion offered no id: {done.stdout!r} {done.stderr!r}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        base = {**os.environ, "QUIZCLI_HOME": home}
        tab = {**base, **TAB, "COMP_CWORD": "2"}
        stored = Path(home) / "cache" / "complete.json"
        cases = {
            "quizcli --version": ([*QUIZCLI, "--version"], base, False),
            "TAB, command name": (
                QUIZCLI,
                {**tab, "COMP_WORDS": "quizcli sh", "COMP_CWORD": "1"},
                False,
            ),
            "TAB, warm": (QUIZCLI, tab, False),
            "TAB, cold": (QUIZCLI, tab, True),
        }
        wall(QUIZCLI, tab)  # fill the bank cache and .pyc files
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, (command, env, cold) in cases.items():
                if cold:
                    stored.unlink(missing_ok=True)
                times[name].append(wall(command, env))
    for name, values in times.items():
        print(f"{name:20} median {statistics.median(values) * 1000:6.0f} ms over {runs} runs")


if __name__ == "__main__":
    main()
