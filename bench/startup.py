"""Startup cost: `quizcli --help` against the --help of a bare two-command Typer app.

All run in this interpreter's environment, in turn, so machine noise hits them
alike. Prints medians and the ratio to the bare app (goal: <= 1.3). quizcli
turns Rich help off (Rich markup eats bracketed text), which also spares it
importing Rich; the second bare app does the same, for a like-for-like figure.

    python bench/startup.py [--runs 31]
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

BARE_APP = '''
import typer

app = typer.Typer(MARKUP)


@app.command()
def one(name: str = "x") -> None:
    """First command."""


@app.command()
def two(count: int = 1) -> None:
    """Second command."""


app()
'''


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=31)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        commands = {"quizcli --help": [sys.executable, "-m", "quizcli", "--help"]}
        for name, markup in (
            ("bare Typer app", ""),
            ("bare, no Rich help", "rich_markup_mode=None"),
        ):
            script = Path(tmp) / f"bare{len(commands)}.py"
            script.write_text(BARE_APP.replace("MARKUP", markup))
            commands[name] = [sys.executable, str(script), "--help"]
        env = {**os.environ, "QUIZCLI_HOME": tmp}
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            wall(command, env)  # warm the OS file cache and .pyc files
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(wall(command, env))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    for name, ms in medians.items():
        print(f"{name:20} median {ms:6.1f} ms over {runs} runs")
    ours = medians["quizcli --help"]
    print(f"ratio to bare Typer app      {ours / medians['bare Typer app']:.2f}  (goal <= 1.3)")
    print(f"ratio to bare, no Rich help  {ours / medians['bare, no Rich help']:.2f}")


if __name__ == "__main__":
    main()
