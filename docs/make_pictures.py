"""Regenerate the user guide's pictures (docs/pictures/*.svg) from real runs of quizcli.

Every picture is the output of real commands, run in a pseudo-terminal so that
colours, prompts and typed answers appear as a user sees them, against a fresh
QUIZCLI_HOME with the clock pinned (QUIZCLI_NOW, TZ=UTC), English and a fixed
width. Answers are typed when the prompt asks for them. Rich turns the captured
output into SVG. Weeks of study behind the stats picture are simulated the same
way, with ratings fed on stdin.

    .venv/bin/python docs/make_pictures.py

Needs pexpect (in the `test` extra) and a POSIX pseudo-terminal.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pexpect
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

PICTURES = Path(__file__).resolve().parent / "pictures"
WIDTH = 88
FIRST_DAY = date(2025, 3, 3)
HISTORY_DAYS = 20
TOPICS = ("activations", "regularization", "normalization", "pooling", "optimization")
RATINGS = "3343132433"  # cycled over the simulated reviews: mostly Good, some Again/Hard/Easy
ANSWER = r"\)> "  # every answer prompt ends so: "answer (? hint, ...)> ", "formula (...)> "
RATING = r"rating> "
NOT_SGR = re.compile(r"\x1b\[[0-9;?]*[A-Za-ln-z]|\x1b\][^\x07]*\x07|\x1b[=>]")


@dataclass
class Run:
    """One command line, and the lines typed at each prompt it shows (pattern, line)."""

    args: list[str]
    replies: Sequence[tuple[str, str]] = field(default_factory=list)


def main() -> None:
    PICTURES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="quizcli-pictures-") as home:
        day = FIRST_DAY
        quiz(home, day, "config", "fuzz", "off")
        picture("study", home, day, [Run(*STUDY)])
        picture("drill", home, day, [Run(*DRILL)])
        picture("check", home, day, CHECKS)
        for offset in range(1, HISTORY_DAYS + 1):
            study_day(home, day + timedelta(days=offset), TOPICS[offset % len(TOPICS)])
        picture("stats", home, day + timedelta(days=HISTORY_DAYS), [Run(["stats"])])
        picture("plot", home, day, [Run(["plot", "sigmoid", "tanh", "gelu", "--derivative"])])
        picture("show-plot", home, day, [Run(["show", "selu-derivative", "--plot"])])
        picture("show-zh", home, day, [Run(["--lang", "zh", "show", "sigmoid-derivative-max"])])
    for path in sorted(PICTURES.glob("*.svg")):
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


STUDY = (
    ["study", "--tag", "sigmoid", "--new", "2"],
    [
        (ANSWER, "sigmoid(x)*(1 - sigmoid(x))"),
        (RATING, ""),
        (ANSWER, "0.25"),
        (RATING, ""),
    ],
)
DRILL = (
    ["drill", "--type", "derivation", "--tag", "silu", "--count", "1"],
    [
        (ANSWER, "sigmoid(beta*x) + x*sigmoid(beta*x)*(1 - sigmoid(beta*x))"),
        (ANSWER, "sigmoid(beta*x) + beta*x*sigmoid(beta*x)*(1 - sigmoid(beta*x))"),
        (RATING, ""),
    ],
)
CHECKS = [
    Run(["check", "tanh-derivative", "1 - tanh(x)"]),
    Run(["check", "tanh-derivative", "1 - tanh(x)^2"]),
]


def child_env(home: str, day: date) -> dict[str, str]:
    """A terminal of fixed width in a pinned place and time, in colour, in English."""
    return {
        **{k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "QUIZCLI_ASCII")},
        "QUIZCLI_HOME": home,
        "QUIZCLI_NOW": f"{day.isoformat()}T09:00:00+00:00",
        "QUIZCLI_LANG": "en",
        "TZ": "UTC",
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "COLUMNS": str(WIDTH),
        "LINES": "50",
    }


def quiz(home: str, day: date, *args: str, stdin: str = "") -> None:
    """Run quizcli without a terminal (setup and simulated study); stop on failure."""
    command = [sys.executable, "-m", "quizcli", *args]
    subprocess.run(command, input=stdin, text=True, capture_output=True, check=True,
                   env=child_env(home, day), timeout=120)  # fmt: skip


def study_day(home: str, day: date, topic: str) -> None:
    """A short study session: see each concept answer, then rate it from the cycle."""
    offset = (day - FIRST_DAY).days
    ratings = [RATINGS[(offset + i) % len(RATINGS)] for i in range(8)]
    stdin = "".join(f"\n{rating}\n" for rating in ratings)
    quiz(home, day, "study", "--topic", topic, "--type", "concept", "--new", "4", stdin=stdin)


def transcript(home: str, day: date, run: Run) -> str:
    """Everything the terminal showed while `run` ran, typed answers included."""
    screen = io.StringIO()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizcli", *run.args],
        env=child_env(home, day),
        encoding="utf-8",
        dimensions=(50, WIDTH),
        timeout=60,
    )
    child.logfile_read = screen
    for pattern, line in run.replies:
        child.expect(pattern)
        child.sendline(line)
    child.expect(pexpect.EOF)
    child.close()
    return NOT_SGR.sub("", screen.getvalue().replace("\r\n", "\n").replace("\r", ""))


def picture(name: str, home: str, day: date, runs: Sequence[Run]) -> None:
    """docs/pictures/NAME.svg: each command line after a shell prompt, then its output."""
    console = Console(
        record=True,
        width=WIDTH,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    for index, run in enumerate(runs):
        if index:
            console.print()
        console.print(Text.assemble(("$ ", "bold green"), shlex.join(["quizcli", *run.args])))
        for line in Text.from_ansi(transcript(home, day, run).rstrip("\n")).split("\n"):
            for row in wrapped(line):
                console.print(row, no_wrap=True, crop=False, soft_wrap=True)
    console.save_svg(str(PICTURES / f"{name}.svg"), title="quizcli")


def wrapped(line: Text) -> list[Text]:
    """A line cut into rows of WIDTH cells, as the terminal wraps a long typed answer."""
    cuts, cells = [], 0
    for offset, char in enumerate(line.plain):
        cells += cell_len(char)
        if cells > WIDTH:
            cuts.append(offset)
            cells = cell_len(char)
    return list(line.divide(cuts)) if cuts else [line]


if __name__ == "__main__":
    main()
