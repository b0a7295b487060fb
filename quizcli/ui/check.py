"""Rendering for a verdict of any kind: how the input was read, the verdict, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text as RichText

from quizcli import env
from quizcli.messages import say, term
from quizcli.ui import out, plain
from quizcli.ui.browse import Prose

if TYPE_CHECKING:
    from quizcli.verdict import Verdict

# Each verdict's mark (and its ASCII stand-in) and colour; its name is in the catalogue.
VERDICTS = {
    "correct": ("✓", "+", "green"),
    "incorrect": ("✗", "x", "red"),
    "undecided": ("?", "?", "yellow"),
    "invalid": ("!", "!", "magenta"),
}


def headline(kind: str, lang: str) -> RichText:
    """The verdict's mark and name in its colour, e.g. '✓ correct' (ASCII: '+ correct')."""
    mark, ascii_mark, style = VERDICTS[kind]
    mark = ascii_mark if env.ascii_mode() else mark
    return RichText(plain(f"{mark} {say(f'verdict.{kind}', lang)}"), style=f"bold {style}")


def verdict(result: Verdict, lang: str) -> None:
    """'read as' and the pretty form (when there is one), the verdict line, the feedback.

    Letters and numbers (methods `letters`, `numbers`) fit on one line with how they were read; test
    reports (method `tests`) are printed as they are, without LaTeX or rewrapping.
    """
    console = out()
    if result.method in ("letters", "numbers"):
        line = headline(result.verdict, lang)
        if result.read_as:
            line.append(f"   {say('check.read_as', lang)} ", style="dim")
            line.append(result.read_as)
        console.print(line)
        if result.feedback is not None:
            console.print(Prose(result.feedback.get(lang)))
        return
    if result.read_as:
        console.print(RichText(plain(say("check.read_as", lang)), style="dim"))
        indented = "\n".join(f"  {line}".rstrip() for line in result.read_as.splitlines())
        console.print(RichText(indented), soft_wrap=True)
    method = term("method", result.method, lang)
    line = headline(result.verdict, lang)
    took = say("check.took", lang, method=method, ms=f"{result.ms:.0f}")
    line.append(plain(took), style="dim")
    console.print(line)
    if result.feedback is None:
        return
    if result.method == "tests":
        console.print(RichText(plain(result.feedback.get(lang))), soft_wrap=True)
    else:
        console.print(Prose(result.feedback.get(lang)))
