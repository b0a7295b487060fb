"""How quizcli meets its process: signals, standard streams and the modes of files it makes.

SIGTERM and SIGHUP end a session as Ctrl-C does; a reader that goes away (`| head -1`) ends
the output quietly; a closed or non-UTF-8 stdin is input like any other; files quizcli
creates are the user's alone.
"""

from __future__ import annotations

import io
import os
import signal
import sys

from quizcli import env

EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 128 + 13  # what a program killed by SIGPIPE exits with


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program stands so it ends as Ctrl-C does: a
    session keeps every answer, prints its summary, and the readline history is saved."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_received: list[int] = []


def _terminate(signum: int, frame: object) -> None:
    _received.append(signum)
    raise Terminated(signum)


def signalled() -> bool:
    return bool(_received)


def interrupted_exit() -> int:
    """130 after Ctrl-C; 128 + the signal's number after SIGTERM (143) or SIGHUP (129)."""
    return 128 + _received[0] if _received else EXIT_INTERRUPTED


def prepare() -> None:
    """Private files, signal handlers and a forgiving stdin, before any command runs."""
    env.restrict_umask()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)
    if sys.stdin is None:  # started with stdin closed (`<&-`): read as an empty input
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (kept open until exit)
    # A line that is not UTF-8 is read with U+FFFD in place of the bad bytes: the checker
    # then says it cannot read it, instead of the session dying on a UnicodeDecodeError.
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")


def quiet_stdout() -> None:
    """The reader went away (`quizcli list | head -1`): stop writing, as `cat` would, without
    Python's "Exception ignored ... BrokenPipeError" when it flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def flush_stdout() -> None:
    """The last flush, where a closed pipe shows up for output that fitted in its buffer."""
    try:
        if sys.stdout is not None:  # None when started with stdout closed (`>&-`)
            sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
