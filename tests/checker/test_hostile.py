"""Hostile input: each gets `invalid` or a verdict within the time bound, a clean exit, no
traceback, and touches no file. Nothing typed is ever run as Python."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli.checker import VERDICTS, check
from quizcli.cli import app
from tests.checker.conftest import QUESTIONS

TIMEOUT = 1.0
SLACK = 0.5
MARKER = "quizcli-hostile-marker"

CODE = [
    "__import__('os').system('touch {marker}')",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__",
    "sigmoid(x).func",
    "sigmoid.__globals__",
    "getattr(x, 'y')",
    "__builtins__",
    "globals()",
    'exec(\'open("{marker}", "w")\')',
    'eval(\'open("{marker}", "w")\')',
    "compile('1', '', 'eval')",
    "open('{marker}', 'w')",
    "lambda: open('{marker}', 'w')",
    "lambda x: x",
    "import os",
    "[x for x in ()]",
    "{{1: 2}}",
    "'string'",
    'f"{{x}}"',
    "x if True else y",
    "Symbol('x')",
    "sympify('x')",
    "parse_expr('x')",
    "S('x')",
    "Function('f')(x)",
]
COMPUTE = [
    "9**9**9",
    "10**10**10",
    "9^9^9^9",
    "factorial(10**10)",
    "2^(2^(2^(2^(2^5))))",
    "(x+1)^64^64",
    "((x+1)^64)^64",
    "x^(10^100)",
    "99999999999999999999^64 * 99999999999999999999^64",
    "exp(exp(exp(exp(exp(x)))))",
    "tanh(" * 30 + "x" + ")" * 30,
    "(x+1)^64*" * 200 + "1",
    "(x+y+z+1)^64",
    "x^64^-64",
    "1e999999",
    "1e-999999 x",
    "0.000000000000000000000000000000000001",
    "1/0",
    "0^0",
    "0/0",
    "(-1)^0.5",
    "x/0",
    "log(0)",
    "sqrt(-1)",
]
SIZE = [
    "x" * 10**6,
    "(" * 10_000,
    ")" * 10_000,
    "-" * 5000 + "x",
    "1" * 5000,
    "x+" * 1000 + "x",
    "x+" * 900 + "x",
    "(" * 39 + "x" + ")" * 39,
    "x\n" * 100,
    "=" * 100,
    "= = =",
]
CHARACTERS = [
    "x\x00",
    "\x00",
    "\ufeffx",
    "x\u200b",
    "\u202ex",
    "😀",
    "x\r\ny",
    "\t\t",
    "",
    "   ",
]
BRACKETS = ["((x)", "(x))", "[x)", "{x]", "|x", "x|", "||x||", "(", ")", "|"]
LATEX = [
    r"\frac{1}",
    r"\frac12",
    r"\sqrt",
    r"\left(",
    r"\begin{cases} 1 & x > 0 \end{cases}",
    "\\\\",
    "\\",
    "x^{",
    "e^{-x",
    r"\sigma(",
    r"\operatorname{",
    r"\mathrm{}",
    r"\unknowncommand",
    r"\frac{\frac{\frac{1}{x}}{x}}{",
]
HOSTILE = CODE + COMPUTE + SIZE + CHARACTERS + BRACKETS + LATEX


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_bounded_and_harmless(text: str, tmp_path: Path) -> None:
    marker = tmp_path / MARKER
    answer = text.replace("{marker}", str(marker)) if "{marker}" in text else text
    started = time.monotonic()
    verdict = check(QUESTIONS["sigmoid-derivative"], answer, timeout=TIMEOUT)
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert verdict.verdict in VERDICTS
    assert verdict.verdict != "correct"
    assert not marker.exists()
    assert not list(tmp_path.iterdir())


def test_code_is_never_read_as_a_formula() -> None:
    for text in CODE:
        assert check(QUESTIONS["sigmoid-derivative"], text).verdict == "invalid", text


@pytest.mark.usefixtures("checker_bank")
@pytest.mark.parametrize("text", [CODE[0], COMPUTE[0], SIZE[0][:5000], "x\x00"])
def test_cli_exits_cleanly_without_traceback(text: str, tmp_path: Path) -> None:
    answer = text.replace("{marker}", str(tmp_path / MARKER))
    result = CliRunner().invoke(app, ["check", "sigmoid-derivative", answer, "--json"])
    assert result.exit_code in (1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert not (tmp_path / MARKER).exists()
