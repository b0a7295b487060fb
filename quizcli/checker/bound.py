"""A hard bound on the CPU time of a decision, that leaves no runaway work behind.

The bound counts CPU time, not wall time: on a busy machine a check gets a smaller
share of the processor and takes longer, but it is allowed the same amount of
work, so it reaches the same verdict. Imports and the question's preparation
happen before the bound starts (see `quizcli.checker.check`).

Measured on 2 cores: an interval timer costs ~0 ms and stops even a big-integer
power at the deadline, but works only in the main thread; a thread with
`join(timeout)` keeps burning CPU after it "times out". So the main thread uses
the process CPU timer (`ITIMER_PROF`), and a check started from any other thread
runs in a forked child, whose main thread applies the same CPU bound; the parent
kills a child that is still alive after a generous wall-clock backstop.
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
    """True where the CPU timer can interrupt this thread's work."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def cpu_time() -> float:
    """Seconds of CPU this process has used (all threads), the clock the bound runs on."""
    return time.process_time()


def _alarm(signum: int, frame: Any) -> None:
    raise CheckTimeout


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise CheckTimeout in the body after it has used `seconds` of CPU time (main thread
    only; may nest).

    The timer refires every 50 ms of CPU until the body exits, so a bare `except:` deep
    in a library cannot keep the work alive. An enclosing limit is restored on exit.
    """
    if seconds <= 0:
        raise CheckTimeout
    started = cpu_time()
    previous_handler = signal.signal(signal.SIGPROF, _alarm)
    outer, outer_interval = signal.getitimer(signal.ITIMER_PROF)
    limit = min(seconds, outer) if outer > 0 else seconds
    signal.setitimer(signal.ITIMER_PROF, limit, REFIRE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous_handler)
        if outer > 0:
            left = outer - (cpu_time() - started)
            signal.setitimer(signal.ITIMER_PROF, max(left, 0.001), outer_interval)


def backstop(seconds: float) -> float:
    """Wall-clock seconds after which a child check is presumed stuck (not merely slowed by
    a busy machine): far beyond what its CPU bound allows."""
    return 30.0 + 20.0 * seconds


def in_child(function: Callable[..., T], args: tuple[Any, ...], seconds: float) -> T:
    """Run `function(*args)` in a child process, killed after the backstop of `seconds`.

    For callers outside the main thread, where the CPU timer cannot reach: `function`
    applies the CPU bound itself, as the child is its own main thread.
    """
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(backstop(seconds)):
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
