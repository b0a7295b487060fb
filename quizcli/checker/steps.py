"""Split an answer into derivation steps: one per line, or chained with `=`.

`σ'(x) = σ(x)(1 − σ(x))` is one step: a leading left-hand side that names the
derivative (it has a prime, ∂, or reads d…/d…) is dropped, because it is a
label, not a formula. `==`, `<=`, `>=` and `!=` are comparisons, not steps.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from quizcli.checker.errors import ParseError
from quizcli.messages import msg

MAX_CHARS = 2000
MAX_STEPS = 12
EQUALS = re.compile(r"(?<![=<>!≤≥])=(?!=)")
LABEL = re.compile(r"['′∂]|^\s*\\?d\w*\s*/\s*d\w+\s*$|\\frac\s*\{\s*(d|\\partial)", re.UNICODE)


NAMED = re.compile(r"^\s*([A-Za-z\u0370-\u03ff][\w]*)\s*(\([^()=]*\))?\s*$")


def split_steps(
    text: str, symbols: Collection[str] = (), dropped: list[str] | None = None
) -> list[tuple[int, str]]:
    """(offset in `text`, step text) for each step, in order. A leading label (`y =`,
    `f(x) =`, `f'(x) =`, `∂L/∂z_i =`) is dropped and appended to `dropped`; a name the
    question declares in `symbols` or a known function is never a label."""
    if len(text) > MAX_CHARS:
        raise ParseError(0, msg("parse.too_long", n=len(text), limit=MAX_CHARS))
    steps: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        steps.extend(_line_steps(line, offset, symbols, dropped))
        offset += len(line) + 1
    if not steps:
        raise ParseError(0, msg("parse.empty"))
    if len(steps) > MAX_STEPS:
        raise ParseError(0, msg("parse.too_many_steps", limit=MAX_STEPS))
    return steps


def _is_label(piece: str, symbols: Collection[str]) -> bool:
    if LABEL.search(piece):
        return True
    named = NAMED.match(piece)
    if not named:
        return False
    from quizcli.checker.lexer import GREEK
    from quizcli.checker.names import same_name
    from quizcli.functions import SPELLINGS

    name = "".join(GREEK.get(c, c) for c in named.group(1))
    declared = {same_name(symbol) for symbol in symbols}
    return name not in SPELLINGS and same_name(name) not in declared and name not in ("e", "pi")


def _line_steps(
    line: str, offset: int, symbols: Collection[str], dropped: list[str] | None
) -> list[tuple[int, str]]:
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in EQUALS.finditer(line):
        pieces.append((start, line[start : match.start()]))
        start = match.end()
    pieces.append((start, line[start:]))
    if len(pieces) > 1 and (not pieces[0][1].strip() or _is_label(pieces[0][1], symbols)):
        if pieces[0][1].strip() and dropped is not None:
            dropped.append(pieces[0][1].strip())
        pieces = pieces[1:]
    steps = []
    for at, piece in pieces:
        if not piece.strip():
            if len(pieces) > 1:
                raise ParseError(offset + at, msg("parse.equals_sides"))
            continue
        steps.append((offset + at, piece))
    return steps
