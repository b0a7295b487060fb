"""The derivation checker: read a typed formula safely, decide it, explain the verdict.

Importing this package is cheap: sympy and numpy load inside the functions (or
in the background through `warm_up`). Nothing the user types or a bank contains
is evaluated as Python: a hand-written parser builds sympy objects from a
whitelist, and every decision runs under a hard bound on its CPU time (imports and
the question's preparation come first, so a busy machine never changes a verdict).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from quizcli.checker.errors import ParseError
from quizcli.verdict import Verdict

if TYPE_CHECKING:
    from quizcli.kinds.derivation import DerivationQuestion

__all__ = ["ParseError", "Verdict", "check", "parse", "prepare", "pretty", "warm_up"]

VERDICTS = ("correct", "incorrect", "undecided", "invalid")


PREPARE_LIMIT = 20.0


def check(
    question: DerivationQuestion, answer: str, timeout: float = 2.0, ascii: bool = False
) -> Verdict:
    """Decide `answer` to `question` with `timeout` seconds of CPU time, whatever the input.

    The bound covers the decision only: sympy and numpy are imported and the question
    is prepared first, so a cold process or a busy machine changes how long a check
    takes, never its verdict. From the main thread the bound is the process CPU timer;
    from any other thread the decision runs in a child process that bounds itself.
    `ascii` asks for "read as" in plain ASCII (the caller's display setting).
    """
    from dataclasses import replace

    from quizcli.checker import bound

    started = time.perf_counter()
    if bound.can_alarm():
        verdict = _decide(question, answer, timeout, ascii)
    else:
        prepare(question)
        try:
            verdict = bound.in_child(_decide, (question, answer, timeout, ascii), timeout)
        except bound.CheckTimeout:
            from quizcli.checker.verdicts import timed_out

            verdict = timed_out("", "checking", timeout)
    return replace(verdict, ms=(time.perf_counter() - started) * 1000)


def prepare(question: DerivationQuestion | None = None) -> None:
    """Everything a decision needs before its clock starts: sympy, numpy and the pretty
    printer imported and exercised once, and `question` (when given) prepared and cached.
    Cheap when already done; `study` calls it in the background while the user reads."""
    from quizcli.checker import judge

    judge.warm()
    if question is not None:
        judge.setup_for(question)


def _decide(question: DerivationQuestion, answer: str, timeout: float, ascii: bool) -> Verdict:
    """Read (pure Python: unreadable input never pays for sympy), prepare (bounded
    generously, outside the decision's bound), then judge with what is left of the bound."""
    from quizcli.checker import bound
    from quizcli.checker.verdicts import Progress, invalid, read, timed_out

    progress = Progress(ascii=ascii)
    started = bound.cpu_time()
    try:
        with _bounded(timeout):
            trees = read(question, answer, progress)
    except ParseError as exc:
        return invalid(exc, answer, "")
    except (bound.CheckTimeout, RecursionError):
        return timed_out("", progress.stage, timeout)
    left = timeout - (bound.cpu_time() - started)
    try:
        with _bounded(PREPARE_LIMIT):
            prepare(question)
    except bound.CheckTimeout:
        return timed_out("", "preparing the question", PREPARE_LIMIT)
    from quizcli.checker.judge import judge

    progress.stage = "showing how it was read"
    deadline = bound.cpu_time() + left
    try:
        with _bounded(left):
            return _noted(judge(question, trees, answer, deadline, progress), progress.dropped)
    except ParseError as exc:
        return invalid(exc, answer, progress.read_as)
    except (bound.CheckTimeout, RecursionError):
        return timed_out(progress.read_as, progress.stage, timeout)


def _noted(verdict: Verdict, dropped: list[str]) -> Verdict:
    """The feedback, after a note naming the labels (`y =`) left out of the reading."""
    if not dropped or verdict.feedback is None:
        return verdict
    from dataclasses import replace

    from quizcli.bank.model import Text
    from quizcli.messages import msg

    note = msg("why.labels_dropped", labels=", ".join(f"'{label} ='" for label in dropped))
    feedback = verdict.feedback
    noted = Text(en=f"{note.text('en')} {feedback.en}", zh=f"{note.text('zh')}{feedback.zh}")
    return replace(verdict, feedback=noted)


def _bounded(seconds: float) -> Any:
    """The CPU bound where this thread can have one (elsewhere, the caller's backstop)."""
    from contextlib import nullcontext

    from quizcli.checker import bound

    return bound.time_limit(seconds) if bound.can_alarm() else nullcontext()


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
    expression: str,
    symbols: Iterable[str] | None = None,
    setting: str | None = None,
    ascii: bool = False,
) -> str:
    """A bank expression in its stated order, pretty-printed on one line (Unicode, or the
    plain grammar when `ascii`), or the text itself if it cannot be read. No sympy."""
    from quizcli.checker.grammar import parse_tree
    from quizcli.checker.names import scope_for
    from quizcli.checker.show import show

    try:
        return show(parse_tree(expression, scope_for(symbols, setting)), ascii)
    except ParseError:
        return expression


def shown_reference(question: DerivationQuestion, ascii: bool = False) -> str:
    """The question's reference answer as the bank states it, read with its own names and
    setting (`H` is a height in the pooling formula, not the step function)."""
    answer = question.answer
    return pretty(answer.reference, answer.symbols, answer.setting, ascii)


def warm_up() -> None:
    """Import and exercise sympy, numpy and the pretty printer, so the first check is fast
    (call it in a thread)."""
    prepare()
