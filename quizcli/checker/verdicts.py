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
from quizcli.messages import msg

if TYPE_CHECKING:
    from quizcli.bank.model import DerivationQuestion
    from quizcli.checker import Verdict


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


def verdict(outcome: str, shown: str, en: str, zh: str, method: str, step: int | None) -> Verdict:
    """A Verdict with bilingual feedback; `ms` is filled in by `check`."""
    from quizcli.bank.model import Text
    from quizcli.checker import Verdict

    return Verdict(outcome, shown, Text(en=en, zh=zh), method, 0.0, step)


def invalid(exc: ParseError, text: str, shown: str) -> Verdict:
    """Where the answer stops making sense; the line too when it has several."""
    line = text.count("\n", 0, exc.position) + 1
    column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    if "\n" in text.strip():
        where = msg("parse.cannot_read_line", line=line, column=column)
    else:
        where = msg("parse.cannot_read", column=column)
    said = exc.explained(where)
    return verdict("invalid", shown, said.text("en"), said.text("zh"), "parse", None)


def undecided(shown: str, index: int, count: int) -> Verdict:
    which = f"step {index + 1}" if count > 1 else "your answer"
    which_zh = f"第 {index + 1} 步" if count > 1 else "你的答案"
    return verdict(
        "undecided",
        shown,
        f"Undecided: {which} could not be evaluated at enough test points (is it defined"
        " everywhere in the question's domain?), and no proof was found in time.",
        f"无法判定：{which_zh}在足够多的测试点上无法求值（它在题目的定义域内处处有定义吗？），"
        "而且在时限内没有找到证明。",
        "numeric",
        index + 1 if count > 1 else None,
    )


def correct(shown: str, proved: bool, count: int, points: int) -> Verdict:
    steps_en = f"all {count} steps follow and the last one is right: " if count > 1 else ""
    steps_zh = f"{count} 步推导都成立，最后一步正确：" if count > 1 else ""
    if proved:
        en = f"Correct: {steps_en}proved equal to the reference answer."
        zh = f"正确：{steps_zh}已严格证明与参考答案相等。"
        return verdict("correct", shown, en, zh, "proved", None)
    en = (
        f"Correct: {steps_en}equal to the reference at {points} test points"
        " (numerically verified; no symbolic proof within the time bound)."
    )
    zh = f"正确：{steps_zh}在 {points} 个测试点上与参考答案相等（数值验证；时限内未完成符号证明）。"
    return verdict("correct", shown, en, zh, "numeric", None)


STAGES_ZH = {
    "reading your answer": "读取你的答案",
    "showing how it was read": "显示读法",
    "evaluating it at the test points": "在测试点上求值",
    "explaining the mistake": "分析错误",
    "deciding it exactly": "做精确判定",
    "checking the value at the kinks": "检查折点处的取值",
    "looking for a proof": "寻找证明",
    "preparing the question": "准备题目",
    "checking": "检查",
}


def timed_out(shown: str, stage: str, seconds: float) -> Verdict:
    """Out of CPU time: says where, and claims nothing about the answer."""
    return verdict(
        "undecided",
        shown,
        f"Undecided: the checker used its {seconds:g} s of CPU time while {stage}."
        " This says nothing about your answer; run `quizcli check` with a larger --timeout.",
        f"无法判定：检查器在{STAGES_ZH.get(stage, stage)}时用完了 {seconds:g} 秒 CPU 时间。"
        "这并不说明你的答案有错；可以用 `quizcli check --timeout` 给更多时间。",
        "timeout",
        None,
    )
