"""The log of internal errors: bounded in size, private, and free of what the user typed.

A traceback's frames say where quizcli failed; its message and the command line may quote
an answer, so neither is kept: the log names the command and its option names only.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Collection
from datetime import datetime, timezone
from pathlib import Path

from quizcli import __version__

ROTATE_AT = 448 * 1024  # errors.log and errors.log.1, each below 512 kB: at most 1 MB kept
MAX_ENTRY = 64 * 1024


def record(path: Path, exc: BaseException, commands: Collection[str], argv: list[str]) -> None:
    """Append one entry for `exc`, rotating first; raises OSError if the log cannot be written.

    Of `argv`, only option names and the words in `commands` are kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > ROTATE_AT:
        path.replace(path.with_name(path.name + ".1"))
    words = [a for a in argv[1:] if a in commands or (a.startswith("-") and "=" not in a)]
    entry = _entry(exc, words)
    with path.open("a", encoding="utf-8", errors="replace") as log:
        log.write(entry)


def _entry(exc: BaseException, words: list[str]) -> str:
    stamp = datetime.now(timezone.utc).isoformat()  # the wall clock: QUIZCLI_NOW may be bad
    frames = "".join(traceback.format_tb(exc.__traceback__))
    if len(frames) > MAX_ENTRY:  # a RecursionError: its first and last frames say enough
        half = MAX_ENTRY // 2
        frames = f"{frames[:half]}\n  ... frames left out ...\n{frames[-half:]}"
    return (
        f"--- {stamp} quizcli {__version__} on Python {sys.version.split()[0]}; "
        f"command: quizcli {' '.join(words)}\n"
        f"Traceback (most recent call last):\n{frames}"
        f"{type(exc).__module__}.{type(exc).__name__} (message not kept: it may quote input)\n"
    )
