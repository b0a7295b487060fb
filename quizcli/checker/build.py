"""Turn a parsed tree into sympy objects, built from whitelisted classes only.

The tree holds strings and nodes; here each node becomes a sympy object made by
calling a known constructor with sympy arguments, never by handing text to
sympy. Number sizes and exponents are capped before sympy computes anything, so
`9^9^9` is refused instead of hanging.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import sympy
from sympy.matrices.expressions.diagonal import DiagMatrix

from quizcli.checker.errors import ParseError
from quizcli.checker.functions import sympy_function
from quizcli.checker.grammar import Node
from quizcli.checker.names import canonical
from quizcli.messages import msg

MAX_EXPONENT = 64
MAX_RESULT_DIGITS = 400


class Diag(DiagMatrix):  # type: ignore[misc]
    """diag(s): printed as typed, not as sympy's DiagMatrix(s)."""

    def _pretty(self, printer: Any) -> Any:
        return printer._helper_print_function(sympy.Function("diag"), self.args, func_name="diag")

    def _sympystr(self, printer: Any) -> str:
        return f"diag({printer._print(self.args[0])})"

    def doit(self, **hints: Any) -> Any:
        """Stay `Diag` inside sums and products: they call doit, and DiagMatrix's returns a
        plain DiagMatrix, which prints as DiagMatrix(s)."""
        return Diag(self.args[0].doit(**hints))


def symbol(name: str, positive: bool = False, declared: Any = "real") -> Any:
    """The sympy symbol for a declared name, printed as λ for `lam`: real, and exactly what
    the question declares beyond that (`assume`), so a proof can use nothing more."""
    if positive:
        return sympy.Symbol(canonical(name), positive=True)
    return sympy.Symbol(canonical(name), **assumptions(declared))


def assumptions(declared: Any) -> dict[str, bool]:
    """sympy assumptions for a declaration: a word from `kinds.derivation.SIGNS` or an interval
    [low, high]."""
    if isinstance(declared, tuple | list):
        low, high = declared
        if low > 0:
            return {"positive": True}
        if low == 0:
            return {"nonnegative": True}
        if high < 0:
            return {"negative": True}
        if high == 0:
            return {"nonpositive": True}
        return {"real": True}
    flags = {"real": True}
    for word in str(declared).split():
        if word != "real":
            flags[word] = True
    return flags


class Builder:
    """Builds the symbolic form: what "read as" shows, and what scalar questions compare.

    Softmax names stay symbolic here (s_i, δ_ij, the vector s); `ConcreteBuilder`
    replaces them with numbers of a given size for comparison.
    """

    def __init__(self, symbols: Mapping[str, Any] | None = None) -> None:
        self.symbols = dict(symbols or {})

    def build(self, node: Node) -> Any:
        method = getattr(self, f"_{node.kind}")
        try:
            return method(node)
        except ParseError:
            raise
        except (TypeError, ValueError, ArithmeticError, AttributeError, NotImplementedError) as exc:
            raise _unreadable(node, exc) from None

    def _args(self, node: Node) -> list[Any]:
        return [self.build(child) for child in node.args]

    def _num(self, node: Node) -> Any:
        text = node.value
        return sympy.Integer(text) if text.isdigit() else sympy.Float(text)

    def _symbol(self, node: Node) -> Any:
        if node.value not in self.symbols:
            self.symbols[node.value] = symbol(node.value)
        return self.symbols[node.value]

    def _const(self, node: Node) -> Any:
        return sympy.E if node.value == "E" else sympy.pi

    def _add(self, node: Node) -> Any:
        left, right = self._args(node)
        return left + right

    def _sub(self, node: Node) -> Any:
        left, right = self._args(node)
        return left - right

    def _mul(self, node: Node) -> Any:
        left, right = self._args(node)
        return left * right

    def _div(self, node: Node) -> Any:
        left, right = self._args(node)
        if _is_matrix(right):
            raise _not_for_matrix(node, "/")
        return left / right

    def _neg(self, node: Node) -> Any:
        return -self.build(node.args[0])

    def _pow(self, node: Node) -> Any:
        base, exponent = self._args(node)
        if _is_matrix(base) or _is_matrix(exponent):
            raise _not_for_matrix(node, "^")
        _check_power(node, base, exponent)
        return base**exponent

    def _call(self, node: Node) -> Any:
        if node.value == "diag":
            return self._diag(node)
        if node.value == "delta":
            return sympy.KroneckerDelta(*self._args(node))
        if node.value == "sum":
            return self._sum_call(node)
        args = self._args(node)
        if any(_is_matrix(arg) for arg in args):
            raise _not_for_matrix(node, node.value)
        return sympy_function(node.value)(*args)

    def _if(self, node: Node) -> Any:
        value, condition, other = self._args(node)
        return sympy.Piecewise((value, condition), (other, True))

    def _cmp(self, node: Node) -> Any:
        operands = self._args(node)
        relations = {
            "<": sympy.Lt, ">": sympy.Gt, "<=": sympy.Le, ">=": sympy.Ge,
            "==": sympy.Eq, "!=": sympy.Ne,
        }  # fmt: skip
        parts = [
            relations[op](left, right)
            for op, left, right in zip(node.value.split(), operands, operands[1:], strict=False)
        ]
        return sympy.And(*parts)

    def _and(self, node: Node) -> Any:
        return sympy.And(*self._args(node))

    def _or(self, node: Node) -> Any:
        return sympy.Or(*self._args(node))

    def _not(self, node: Node) -> Any:
        return sympy.Not(self.build(node.args[0]))

    # -- softmax names, symbolic --------------------------------------------------
    def _index(self, node: Node) -> Any:
        return sympy.Symbol(node.value, integer=True)

    def _element(self, node: Node) -> Any:
        return sympy.Symbol(f"{node.value}_{node.extra}", real=True)

    def _vector(self, node: Node) -> Any:
        return sympy.MatrixSymbol(node.value, sympy.Symbol("n", integer=True, positive=True), 1)

    def _delta(self, node: Node) -> Any:
        first, second = (sympy.Symbol(i, integer=True) for i in (node.value, node.extra))
        return sympy.KroneckerDelta(first, second)

    def _diag(self, node: Node) -> Any:
        (vector,) = self._args(node)
        if not _is_matrix(vector) or vector.shape[1] != 1:
            raise ParseError(node.pos, msg("parse.diag"))
        return self._diagonal(vector)

    def _diagonal(self, vector: Any) -> Any:
        """diag(s) kept symbolic for "read as"; `ConcreteBuilder` makes the n×n matrix."""
        return Diag(vector)

    def _T(self, node: Node) -> Any:
        value = self.build(node.args[0])
        if not _is_matrix(value):
            raise ParseError(node.pos, msg("parse.transpose"))
        return value.T

    def _sum(self, node: Node) -> Any:
        k = sympy.Symbol(node.value, integer=True)
        return sympy.Sum(self.build(node.args[0]), (k, 1, sympy.Symbol("n", integer=True)))

    def _sum_call(self, node: Node) -> Any:
        body, index = node.args
        if index.kind != "index":
            raise ParseError(index.pos, msg("parse.sum_index"))
        return self._sum(Node("sum", node.pos, index.value, (body,)))


def _is_matrix(value: Any) -> bool:
    return isinstance(value, sympy.MatrixBase | sympy.MatrixExpr)


def _check_power(node: Node, base: Any, exponent: Any) -> None:
    """Refuse powers whose exponent or exact value would be huge."""
    if not exponent.is_Number:
        return
    trivial = base.is_Number and abs(base) in (0, 1)
    if abs(exponent) > MAX_EXPONENT and not trivial:
        raise _too_big(node)
    exact = base.is_Integer and exponent.is_Integer and base != 0
    if exact and abs(int(exponent)) * math.log10(abs(int(base))) > MAX_RESULT_DIGITS:
        raise _too_big(node)


def check_size(expr: Any, pos: int = 0) -> None:
    """After building: no integer power or exact number in `expr` is past the caps."""
    if not isinstance(expr, sympy.Basic):
        return
    for power in expr.atoms(sympy.Pow):
        exponent = power.exp
        if exponent.is_Number and abs(exponent) > MAX_EXPONENT:
            raise _too_big(Node("pow", pos))
    for number in expr.atoms(sympy.Integer):
        if abs(number) > 10**MAX_RESULT_DIGITS:
            raise _too_big(Node("num", pos))


def _too_big(node: Node) -> ParseError:
    return ParseError(node.pos, msg("parse.too_large", limit=MAX_EXPONENT))


def _not_for_matrix(node: Node, what: str) -> ParseError:
    return ParseError(node.pos, msg("parse.elementwise", what=what))


def _unreadable(node: Node, exc: Exception) -> ParseError:
    from sympy.matrices.exceptions import ShapeError

    if isinstance(exc, ShapeError):
        outer = msg("parse.outer_product") if node.kind in ("sub", "add", "mul") else ""
        return ParseError(node.pos, msg("parse.shapes", detail=exc), outer)
    return ParseError(node.pos, msg("parse.cannot_compute", detail=exc))
