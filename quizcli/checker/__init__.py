"""The derivation checker: read a typed formula safely, decide it, explain the verdict.

Importing this package is cheap: sympy and numpy load inside the functions (or
in the background through `warm_up`). Nothing the user types or a bank contains
is evaluated as Python: a hand-written parser builds sympy objects from a
whitelist, and every check runs under a hard time bound.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from quizcli.checker.errors import ParseError
from quizcli.verdict import Verdict

if TYPE_CHECKING:
    from quizcli.kinds.derivation import DerivationQuestion

__all__ = ["ParseError", "Verdict", "check", "parse", "pretty", "warm_up"]

VERDICTS = ("correct", "incorrect", "undecided", "invalid")


def check(question: DerivationQuestion, answer: str, timeout: float = 2.0) -> Verdict:
    """Decide `answer` to `question` within `timeout` seconds, whatever the input.

    From the main thread the bound is an interval timer; from any other thread the
    check runs in a child process that is killed at the deadline.
    """
    from dataclasses import replace

    from quizcli.checker import bound

    started = time.perf_counter()
    if bound.can_alarm():
        verdict = _check_here(question, answer, timeout)
    else:
        try:
            verdict = bound.in_child(_check_here, (question, answer, timeout), timeout + 0.5)
        except bound.CheckTimeout:
            from quizcli.checker.verdicts import timed_out

            verdict = timed_out("")
    return replace(verdict, ms=(time.perf_counter() - started) * 1000)


def _check_here(question: DerivationQuestion, answer: str, timeout: float) -> Verdict:
    """Read first (pure Python, no sympy): unreadable input never pays for the import."""
    from quizcli.checker import bound
    from quizcli.checker.verdicts import Progress, invalid, read, timed_out

    deadline = time.monotonic() + timeout
    progress = Progress()
    try:
        with bound.time_limit(timeout):
            trees = read(question, answer)
            from quizcli.checker.judge import judge

            return judge(question, trees, answer, deadline, progress)
    except ParseError as exc:
        return invalid(exc, answer, "")
    except (bound.CheckTimeout, RecursionError):
        return timed_out(progress.read_as)


def parse(text: str, symbols: Iterable[str] | None = None, setting: str | None = None) -> Any:
    """The sympy expression of `text` in the plain grammar (or Unicode, or LaTeX).

    `symbols` are the names it may use (None: any name is a symbol); `setting`
    "softmax" reads s_i, δ_ij, diag(s) symbolically. Raises ParseError, which
    carries `position`, both languages and a `suggestion`.
    """
    from quizcli.checker.build import Builder, check_size
    from quizcli.checker.grammar import parse_tree
    from quizcli.checker.names import scope_for

    tree = parse_tree(text, scope_for(symbols, setting))
    expr = Builder().build(tree)
    check_size(expr, tree.pos)
    return expr


def pretty(
    expression: str, symbols: Iterable[str] | None = None, setting: str | None = None
) -> str:
    """The pretty form of a bank expression (Unicode, or ASCII in ASCII mode), or the text
    itself if it cannot be read."""
    try:
        expr = parse(expression, symbols, setting)
    except ParseError:
        return expression
    from quizcli.checker.verdicts import render

    return render(expr)


def shown_reference(question: DerivationQuestion) -> str:
    """The question's reference answer pretty-printed, read with its own names and setting
    (`H` is a height in the pooling formula, not the step function)."""
    answer = question.answer
    return pretty(answer.reference, answer.symbols, answer.setting)


def warm_up() -> None:
    """Import and exercise sympy and numpy, so the first check is fast (call it in a thread)."""
    import numpy as np
    import sympy

    from quizcli.checker import numeric, prove

    x = sympy.Symbol("x", real=True)
    prove.proved_equal(sympy.tanh(x), 1 - 2 / (1 + sympy.exp(2 * x)))
    numeric.evaluate([sympy.tanh(x)], [x], {x: np.linspace(-1.0, 1.0, 4)})
