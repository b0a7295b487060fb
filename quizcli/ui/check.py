"""Rendering for a verdict of any kind: how the input was read, the verdict, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text as RichText

from quizcli import env
from quizcli.ui import out, plain
from quizcli.ui.browse import Prose

if TYPE_CHECKING:
    from quizcli.verdict import Verdict

VERDICTS = {
    "correct": ("✓", "+", "green", "correct", "正确"),
    "incorrect": ("✗", "x", "red", "incorrect", "错误"),
    "undecided": ("?", "?", "yellow", "undecided", "无法判定"),
    "invalid": ("!", "!", "magenta", "invalid input", "无法读懂"),
}
METHODS = {
    "proved": ("proved", "已证明"),
    "numeric": ("numerically verified", "数值验证"),
    "known-mistake": ("known mistake", "常见错误"),
    "diagnosis": ("diagnosis", "诊断"),
    "parse": ("reading the input", "读取输入"),
    "timeout": ("time bound reached", "超时"),
    "forbidden": ("uses what the question forbids", "用了题目禁止的函数"),
    "kink": ("value at a kink", "折点处取值"),
    "exact": ("decided exactly", "精确判定"),
    "tests": ("ran the tests", "运行测试"),
}
READ_AS = ("read as:", "读作：")


def headline(kind: str, lang: str) -> RichText:
    """The verdict's mark and name in its colour, e.g. '✓ correct' (ASCII: '+ correct')."""
    mark, ascii_mark, style, en, cn = VERDICTS[kind]
    mark = ascii_mark if env.ascii_mode() else mark
    return RichText(plain(f"{mark} {cn if lang == 'zh' else en}"), style=f"bold {style}")


def verdict(result: Verdict, lang: str) -> None:
    """'read as' and the pretty form (when there is one), the verdict line, the feedback.

    Letters and numbers (methods `letters`, `numbers`) fit on one line with how they were read; test
    reports (method `tests`) are printed as they are, without LaTeX or rewrapping.
    """
    zh = lang == "zh"
    console = out()
    if result.method in ("letters", "numbers"):
        line = headline(result.verdict, lang)
        if result.read_as:
            line.append(f"   {READ_AS[zh]} ", style="dim")
            line.append(result.read_as)
        console.print(line)
        if result.feedback is not None:
            console.print(Prose(result.feedback.get(lang)))
        return
    if result.read_as:
        console.print(RichText(plain(READ_AS[zh]), style="dim"))
        indented = "\n".join(f"  {line}".rstrip() for line in result.read_as.splitlines())
        console.print(RichText(indented), soft_wrap=True)
    method = METHODS.get(result.method, (result.method, result.method))[zh]
    line = headline(result.verdict, lang)
    line.append(plain(f"  ({method}, {result.ms:.0f} ms)"), style="dim")
    console.print(line)
    if result.feedback is None:
        return
    if result.method == "tests":
        console.print(RichText(plain(result.feedback.get(lang))), soft_wrap=True)
    else:
        console.print(Prose(result.feedback.get(lang)))
