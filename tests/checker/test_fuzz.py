"""Property-based fuzzing of the reader: no input crashes it, and what it reads is right."""

from __future__ import annotations

import contextlib
import math
from typing import Any

import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizcli.checker import VERDICTS, ParseError, check, parse
from tests.checker.conftest import QUESTIONS

ALPHABET = "0123456789.xyeasijk_+-*/^()[]{}|,=<>! \\σδαβλφΦπ²³⁻ˣᵀ√·×−eiflsn"
FRAGMENTS = [
    "sigmoid", "tanh", "exp", "log", "sqrt", "max", "min", "if", "else", "and", "or", "not",
    "\\frac", "\\sigma", "\\left(", "\\right)", "\\cdot", "\\delta_{ij}", "s_i", "delta_ij",
    "**", "==", "<=", "diag", "sum", "^T", "lambda", "__", "e^", "Phi", "phi", "H(",
]  # fmt: skip
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
X = sympy.Symbol("x", real=True)
SCOPES = [(("x", "alpha"), None), (("s_i", "s_j", "z_j"), "softmax"), (None, None)]


def typed_text() -> st.SearchStrategy[str]:
    pieces = st.one_of(st.text(ALPHABET, max_size=4), st.sampled_from(FRAGMENTS))
    return st.lists(pieces, max_size=12).map("".join)


@SETTINGS
@given(typed_text())
def test_reader_never_crashes(text: str) -> None:
    for symbols, setting in SCOPES:
        try:
            parse(text, symbols, setting)
        except ParseError as exc:
            assert 0 <= exc.position <= len(text)
            assert exc.en and exc.zh


@SETTINGS
@given(st.text(max_size=30))
def test_reader_never_crashes_on_any_unicode(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse(text, ("x",))


def expressions(depth: int = 3) -> st.SearchStrategy[tuple[str, Any]]:
    """(plain-grammar text, the sympy expression it must read as)."""
    leaves = st.one_of(
        st.integers(1, 9).map(lambda n: (str(n), sympy.Integer(n))),
        st.just(("x", X)),
        st.just(("e", sympy.E)),
    )

    def grow(inner: st.SearchStrategy[tuple[str, Any]]) -> st.SearchStrategy[tuple[str, Any]]:
        unary = st.sampled_from(
            [("tanh", sympy.tanh), ("sigmoid", lambda a: 1 / (1 + sympy.exp(-a))),
             ("exp", sympy.exp), ("cosh", sympy.cosh)]
        )  # fmt: skip
        binary = st.sampled_from(["+", "-", "*", "/", "^"])
        return st.one_of(
            st.tuples(unary, inner).map(lambda p: (f"{p[0][0]}({p[1][0]})", p[0][1](p[1][1]))),
            st.tuples(inner, binary, inner).map(_combine),
            inner.map(lambda p: (f"-({p[0]})", -p[1])),
        )

    return st.recursive(leaves, grow, max_leaves=6)


def _combine(parts: tuple[tuple[str, Any], str, tuple[str, Any]]) -> tuple[str, Any]:
    (left, a), op, (right, b) = parts
    if op == "^":
        b = sympy.Integer(2)
        right = "2"
    ops = {"+": a + b, "-": a - b, "*": a * b, "/": a / b, "^": a**b}
    return f"({left}){op}({right})", ops[op]


@SETTINGS
@given(expressions(), st.floats(0.1, 2) | st.floats(-2, -0.1))
def test_reading_matches_the_expression_it_was_printed_from(
    case: tuple[str, Any], at: float
) -> None:
    """At a generic x: next to 0, x/tanh(x) written with exp cancels to noise in any
    precision sympy evaluates at, which says nothing about the reading."""
    text, expected = case
    read = parse(text, ("x",))
    got = complex(read.rewrite(sympy.exp).evalf(15, subs={X: at}))
    want = complex(expected.evalf(15, subs={X: at}))
    if math.isfinite(abs(want)) and math.isfinite(abs(got)):
        assert abs(got - want) <= 1e-9 * max(1.0, abs(want))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed_text(), st.sampled_from(["sigmoid-derivative", "elu-derivative", "softmax-jacobian"]))
def test_whole_check_never_crashes(text: str, question_id: str) -> None:
    verdict = check(QUESTIONS[question_id], text, timeout=1.0)
    assert verdict.verdict in VERDICTS
