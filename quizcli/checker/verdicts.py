"""Verdicts and the cheap first stage of a check: splitting and parsing, without sympy.

Input that cannot be read is answered here, before sympy and numpy are even
imported, so hostile or mistyped input costs milliseconds.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quizcli.checker.errors import ParseError
from quizcli.checker.grammar import Node, parse_tree
from quizcli.checker.names import scope_for
from quizcli.checker.steps import split_steps
from quizcli.messages import Message, Pair, msg

if TYPE_CHECKING:
    from quizcli.kinds.derivation import DerivationQuestion
    from quizcli.verdict import Verdict


@dataclass
class Progress:
    """What is known so far, so a timeout can still report how the input was read."""

    read_as: str = ""
    stage: str = "reading your answer"
    dropped: list[str] = field(default_factory=list)
    ascii: bool = False


def read(question: DerivationQuestion, text: str, progress: Progress | None = None) -> list[Node]:
    """The parsed steps of `text` in the question's scope; ParseError positions are in `text`.
    Labels dropped from the front (`y =`) are noted in `progress`."""
    scope = scope_for(question.answer.symbols, question.answer.setting)
    trees = []
    offset = 0
    dropped = progress.dropped if progress is not None else None
    for offset, step in split_steps(text, question.answer.symbols, dropped):
        try:
            trees.append(parse_tree(step, scope))
        except ParseError as exc:
            exc.position += offset
            raise
    call = forbidden_call(trees[-1], question.answer.forbid) if trees else None
    if call is not None:
        raise ParseError(offset + call.pos, msg("parse.forbidden", name=call.value))
    return trees


def forbidden_call(tree: Node, forbidden: Collection[str]) -> Node | None:
    """The first call to a function the question asks to rewrite away (the final step may
    not use one, and neither may the reference)."""
    if tree.kind == "call" and tree.value in forbidden:
        return tree
    for child in tree.args:
        found = forbidden_call(child, forbidden)
        if found is not None:
            return found
    return None


def render(expr: Any, ascii: bool = False) -> str:
    """sympy's pretty form: Unicode, or plain ASCII when the caller asks for it."""
    from sympy import pretty

    return str(pretty(expr, use_unicode=not ascii))


def verdict(
    outcome: str, shown: str, said: Message | Pair, method: str, step: int | None
) -> Verdict:
    """A Verdict with its feedback in both languages; `ms` is filled in by `check`."""
    from quizcli.bank.model import Text
    from quizcli.verdict import Outcome, Verdict

    feedback = Text(en=said.text("en"), zh=said.text("zh"))
    return Verdict(Outcome(outcome), shown, feedback, method, 0.0, step)


def invalid(exc: ParseError, text: str, shown: str) -> Verdict:
    """Where the answer stops making sense; the line too when it has several."""
    line = text.count("\n", 0, exc.position) + 1
    column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    if "\n" in text.strip():
        where = msg("parse.cannot_read_line", line=line, column=column)
    else:
        where = msg("parse.cannot_read", column=column)
    return verdict("invalid", shown, exc.explained(where), "parse", None)


def undecided(shown: str, index: int, count: int) -> Verdict:
    which = msg("why.step", n=index + 1) if count > 1 else msg("why.your_answer")
    said = msg("why.undecided", which=which)
    return verdict("undecided", shown, said, "numeric", index + 1 if count > 1 else None)


def correct(shown: str, proved: bool, count: int, points: int) -> Verdict:
    steps = msg("why.all_steps", n=count) if count > 1 else ""
    if proved:
        return verdict("correct", shown, msg("why.proved", steps=steps), "proved", None)
    said = msg("why.numerically", steps=steps, points=points)
    return verdict("correct", shown, said, "numeric", None)


# The stages a check goes through, as a timeout names them (progress.stage holds the key).
STAGES = {
    "reading your answer": "stage.reading",
    "showing how it was read": "stage.showing",
    "evaluating it at the test points": "stage.evaluating",
    "explaining the mistake": "stage.explaining",
    "deciding it exactly": "stage.exact",
    "checking the value at the kinks": "stage.kinks",
    "looking for a proof": "stage.proof",
    "preparing the question": "stage.preparing",
    "checking": "stage.checking",
}


def timed_out(shown: str, stage: str, seconds: float) -> Verdict:
    """Out of CPU time: says where, and claims nothing about the answer."""
    during = msg(STAGES[stage]) if stage in STAGES else stage
    said = msg("why.timed_out", seconds=f"{seconds:g}", stage=during)
    return verdict("undecided", shown, said, "timeout", None)
