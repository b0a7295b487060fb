"""Rendering for `quizcli lint`."""

from __future__ import annotations

from quizcli.ui import err


def summary(questions: int, files: int, problems: int) -> None:
    if problems:
        err().print(f"{problems} problem(s) in {files} file(s)", style="bold red")
    else:
        err().print(f"ok: {questions} questions in {files} file(s)", style="green")
