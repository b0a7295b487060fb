"""A hard time bound on a check that leaves no runaway work behind.

Measured on 2 cores: `signal.setitimer` costs ~0 ms and stops even a big-integer
power at the deadline, but works only in the main thread; a thread with
`join(timeout)` keeps burning CPU after it "times out". So the main thread uses
the interval timer, and a check started from any other thread runs in a child
process that is killed at the deadline (~11 ms extra with fork).
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
REFIRE = 0.05


class CheckTimeout(BaseException):
    """The time bound ran out. A BaseException, so sympy's `except Exception` cannot swallow it."""


def can_alarm() -> bool:
    """True where the interval timer can interrupt this thread's work."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _alarm(signum: int, frame: Any) -> None:
    raise CheckTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise CheckTimeout in the body after `seconds` (main thread only; may nest).

    The timer refires every 50 ms until the body exits, so a bare `except:` deep in
    a library cannot keep the work alive. An enclosing limit is restored on exit.
    """
    if seconds <= 0:
        raise CheckTimeout
    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, _alarm)
    outer, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    limit = min(seconds, outer) if outer > 0 else seconds
    signal.setitimer(signal.ITIMER_REAL, limit, REFIRE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer > 0:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)


def in_child(function: Callable[..., T], args: tuple[Any, ...], seconds: float) -> T:
    """Run `function(*args)` in a child process, killed after `seconds`.

    For callers outside the main thread, where the interval timer cannot reach.
    """
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise CheckTimeout
        outcome, value = receiver.recv()
    except EOFError:
        raise CheckTimeout from None
    finally:
        child.kill()
        child.join()
        receiver.close()
    if outcome == "error":
        raise value
    result: T = value
    return result


def _child(sender: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        sender.send(("ok", function(*args)))
    except Exception as exc:
        sender.send(("error", exc))
    finally:
        sender.close()
