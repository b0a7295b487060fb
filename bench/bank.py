"""Bank size: single-question commands and a full listing at 10,000 questions.

Builds a bank of N questions (default 10,000) in a temporary directory by repeating the
bundled questions under new ids, five files of N/5, and times whole `quizcli` processes
given it with --bank: `show`, `check` and `history` of the last question of the last file
(they go through the id index and validate one question; goal <= 400 ms) and `list` (loads
and validates everything, from the parsed-bank cache). The same commands over the bundled
banks alone show what the size itself costs. Also the time to refuse a "billion laughs"
bank (goal < 1 s). Medians over --runs runs, after one run that builds caches and indexes.

    python bench/bank.py [--questions 10000] [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUIZCLI = [sys.executable, "-m", "quizcli"]
ITEM = re.compile(r"^  - id: ", re.MULTILINE)
DERIVATION = ("sigmoid-derivative", "σ(x)(1-σ(x))")
ANSWER = "--answer"


def build(directory: Path, count: int) -> tuple[str, str]:
    """Write `count` questions in five files; return the last id and a derivation's id."""
    items = []
    for bank in sorted((ROOT / "questions").glob("*.yaml")):
        items += ["  - id: " + part for part in ITEM.split(bank.read_text("utf-8"))[1:]]
    per_file, last, derivation = count // 5, "", ""
    for number in range(5):
        chunk = []
        for index in range(per_file):
            copy = number * per_file + index
            item = items[copy % len(items)]
            name = re.match(r"  - id: (\S+)", item).group(1)  # type: ignore[union-attr]
            new = f"{name}-copy-{copy}"
            chunk.append(item.replace(f"id: {name}\n", f"id: {new}\n", 1))
            last = new
            if name == DERIVATION[0]:
                derivation = new
        text = "format_version: 1\nquestions:\n" + "".join(chunk)
        (directory / f"bank{number}.yaml").write_text(text, "utf-8")
    return last, derivation


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child: on a shared machine, CPU is the
    steadier figure; wall is what the user waits."""
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([*QUIZCLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    after, wall = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter() - start
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_ms(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """Median wall and CPU ms, and the CPU ms of a first run (it builds the id index and the
    parsed-bank cache, and warms the OS file cache)."""
    first = timed(args, env)[1] * 1000
    results = [timed(args, env) for _ in range(runs)]
    walls, cpus = zip(*results, strict=True)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        banks, home = Path(tmp) / "banks", Path(tmp) / "home"
        banks.mkdir()
        last, derivation = build(banks, args.questions)
        size = sum(p.stat().st_size for p in banks.iterdir()) / 2**20
        print(f"{args.questions} questions in 5 files, {size:.1f} MB; medians of {args.runs}")
        env = {**os.environ, "QUIZCLI_HOME": str(home), "COLUMNS": "100"}
        big = ["--bank", str(banks)]
        cases = {
            "show": (["show", last], ["show", last.split("-copy-")[0]]),
            "show --answer": (["show", derivation, ANSWER], ["show", DERIVATION[0], ANSWER]),
            "check": (["check", derivation, DERIVATION[1]], ["check", *DERIVATION]),
            "history": (["history", last], ["history", last.split("-copy-")[0]]),
            "list --json": (["list", "--json"], ["list", "--json"]),
        }
        head = f"wall, cpu (first run) at {args.questions}"
        print(f"{'':14} {head:>34}  {'wall, cpu bundled':>20}")
        for name, (at_size, bundled) in cases.items():
            large = median_ms([*big, *at_size], env, args.runs)
            small = median_ms(bundled, env, args.runs)
            figures = f"{large[0]:11.0f} {large[1]:8.0f} ({large[2]:6.0f}) ms"
            print(f"{name:14} {figures}  {small[0]:11.0f} {small[1]:6.0f} ms")
        laughs = ["lint", str(ROOT / "tests" / "fixtures" / "hostile" / "billion_laughs.yaml")]
        wall, cpu, _ = median_ms(laughs, env, args.runs)
        print(f"lint of a billion-laughs bank: {wall:.0f} ms wall, {cpu:.0f} ms cpu")


if __name__ == "__main__":
    main()
