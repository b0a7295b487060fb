"""Parse tokens into a small expression tree, with implicit multiplication and positions.

Precedence, loosest first: `a if cond else b`; `+ -`; `* /` and juxtaposition
(`2x`, `σ(x)(1−σ(x))`, `x e^x`), left to right, so `1/2x` is x/2; unary minus;
`^`, right-associative and binding tighter than unary minus (`-x^2` is −(x²),
`e^-x/2` is e^(−x)/2). A name followed by `(` is a call only if the name is a
function in this question's scope; otherwise it is a product (`s_i(1-s_j)`).
The tree holds strings and child nodes only: sympy never sees the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizcli.checker.errors import ParseError
from quizcli.checker.lexer import Token, tokenize
from quizcli.checker.names import KEYWORDS, Scope
from quizcli.messages import msg

MAX_DEPTH = 40
COMPARISONS = ("<", ">", "<=", ">=", "==", "!=")
OPENERS = {"(": ")", "[": "]", "{": "}"}
ARITY = {"max": (2, 8), "min": (2, 8), "delta": (2, 2), "sum": (2, 2)}
FUNCTION_POWER_LIMIT = 9


@dataclass(frozen=True)
class Node:
    """One tree node. `kind` is num, symbol, const, index, element, vector, delta, call,
    add, sub, mul, div, pow, neg, T, sum, if, cmp, and, or, not; `value` holds the
    number text, name or operator, `extra` an index."""

    kind: str
    pos: int
    value: str = ""
    args: tuple[Node, ...] = ()
    extra: str = ""


def parse_tree(text: str, scope: Scope) -> Node:
    """The tree of one expression, or ParseError at the first thing that cannot be read."""
    return _Parser(tokenize(text), scope).parse()


class _Parser:
    def __init__(self, tokens: list[Token], scope: Scope) -> None:
        self.tokens = tokens
        self.at = 0
        self.scope = scope
        self.depth = 0
        self.abs_open = 0

    def parse(self) -> Node:
        if self._peek().kind == "end":
            raise ParseError(0, msg("parse.empty"))
        node = self._expression()
        token = self._peek()
        if token.kind != "end":
            raise self._unexpected(token)
        return node

    # -- token helpers ---------------------------------------------------------
    def _peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.at + ahead, len(self.tokens) - 1)]

    def _take(self) -> Token:
        token = self._peek()
        self.at += 1
        return token

    def _is(self, text: str, ahead: int = 0) -> bool:
        token = self._peek(ahead)
        return token.kind in ("op", "name") and token.text == text

    def _nest(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(pos, msg("parse.too_deep", n=MAX_DEPTH))

    # -- grammar ----------------------------------------------------------------
    def _expression(self) -> Node:
        self._nest(self._peek().pos)
        value = self._arith()
        if self._is("if"):
            pos = self._take().pos
            condition = self._condition()
            if not self._is("else"):
                raise ParseError(self._peek().pos, msg("parse.if_else"))
            self._take()
            value = Node("if", pos, args=(value, condition, self._expression()))
        self.depth -= 1
        return value

    def _condition(self) -> Node:
        node = self._conjunction()
        while self._is("or"):
            node = Node("or", self._take().pos, args=(node, self._conjunction()))
        return node

    def _conjunction(self) -> Node:
        node = self._negation()
        while self._is("and"):
            node = Node("and", self._take().pos, args=(node, self._negation()))
        return node

    def _negation(self) -> Node:
        if self._is("not"):
            pos = self._take().pos
            self._nest(pos)
            node = Node("not", pos, args=(self._negation(),))
            self.depth -= 1
            return node
        return self._comparison()

    def _comparison(self) -> Node:
        first = self._arith()
        operators: list[str] = []
        operands = [first]
        while self._peek().kind == "op" and self._peek().text in COMPARISONS:
            operators.append(self._take().text)
            operands.append(self._arith())
        if not operators:
            raise ParseError(self._peek().pos, msg("parse.condition"))
        return Node("cmp", first.pos, " ".join(operators), tuple(operands))

    def _arith(self) -> Node:
        node = self._term()
        while self._is("+") or self._is("-"):
            token = self._take()
            kind = "add" if token.text == "+" else "sub"
            node = Node(kind, token.pos, args=(node, self._term()))
        return node

    def _term(self) -> Node:
        node = self._factor()
        while True:
            token = self._peek()
            if token.kind == "op" and token.text in ("*", "/"):
                self._take()
                kind = "mul" if token.text == "*" else "div"
                node = Node(kind, token.pos, args=(node, self._factor()))
            elif self._starts_operand(token):
                if node.kind == "num" and token.kind == "num":
                    raise ParseError(token.pos, msg("parse.two_numbers"))
                node = Node("mul", token.pos, args=(node, self._power()))
            else:
                return node

    def _starts_operand(self, token: Token) -> bool:
        if token.kind == "num":
            return True
        if token.kind == "name":
            return token.text not in KEYWORDS
        if token.text == "|":
            return self.abs_open == 0
        return token.kind == "op" and token.text in ("(", "[", "{", "√", "frac")

    def _factor(self) -> Node:
        """A power with any signs in front; also an exponent, so `e^-x/2` is e^(−x)/2."""
        if self._is("-") or self._is("+"):
            token = self._take()
            self._nest(token.pos)
            operand = self._factor()
            self.depth -= 1
            return Node("neg", token.pos, args=(operand,)) if token.text == "-" else operand
        return self._power()

    def _power(self) -> Node:
        base = self._postfix()
        if not self._is("^"):
            return base
        caret = self._take()
        if self._transpose_follows():
            return Node("T", caret.pos, args=(base,))
        self._nest(caret.pos)
        exponent = self._factor()
        self.depth -= 1
        return Node("pow", caret.pos, args=(base, exponent))

    def _transpose_follows(self) -> bool:
        """`^T`, `^{T}`, `^(T)`, `^\\top` after a vector mean the transpose."""
        if self._names_transpose(self._peek()):
            self.at += 1
            return True
        opener = self._peek().text
        braced = opener in ("{", "(") and self._peek(2).text == OPENERS[opener]
        if braced and self._names_transpose(self._peek(1)):
            self.at += 3
            return True
        return False

    def _names_transpose(self, token: Token) -> bool:
        meaning = self.scope.resolve(token.text) if token.kind == "name" else None
        return meaning is not None and meaning.kind == "T"

    def _postfix(self) -> Node:
        node = self._primary()
        while self._is("ᵀ"):
            node = Node("T", self._take().pos, args=(node,))
        return node

    def _primary(self) -> Node:
        token = self._take()
        if token.kind == "num":
            return Node("num", token.pos, token.text)
        if token.kind == "name":
            return self._named(token)
        if token.text in OPENERS:
            return self._group(token)
        if token.text == "|":
            return self._absolute(token)
        if token.text == "√":
            return Node("call", token.pos, "sqrt", (self._power(),))
        if token.text == "frac":
            numerator = self._braced()
            return Node("div", token.pos, args=(numerator, self._braced()))
        self.at -= 1
        raise self._unexpected(token)

    def _group(self, opener: Token) -> Node:
        saved, self.abs_open = self.abs_open, 0
        inner = self._expression()
        self.abs_open = saved
        self._close(opener)
        return inner

    def _close(self, opener: Token) -> None:
        closer = OPENERS[opener.text]
        token = self._peek()
        if token.kind == "op" and token.text in COMPARISONS:
            raise _comparison_as_value(token)
        if token.text != closer or token.kind != "op":
            column = opener.pos + 1
            said = msg("parse.unclosed", opener=opener.text, column=column, closer=closer)
            raise ParseError(token.pos, said)
        self._take()

    def _absolute(self, bar: Token) -> Node:
        self.abs_open += 1
        inner = self._expression()
        self.abs_open -= 1
        if not self._is("|"):
            raise ParseError(self._peek().pos, msg("parse.unclosed_bar", column=bar.pos + 1))
        self._take()
        return Node("call", bar.pos, "abs", (inner,))

    def _braced(self) -> Node:
        token = self._take()
        if token.text not in ("{", "("):
            raise ParseError(token.pos, msg("parse.frac"))
        return self._group(token)

    def _named(self, token: Token) -> Node:
        if token.text in KEYWORDS:
            self.at -= 1
            raise self._unexpected(token)
        token = self._numbered(token)
        meaning = self.scope.lookup(token.text, token.pos)
        if meaning.kind == "func":
            return self._call(token, meaning.value)
        if meaning.kind == "sum":
            return Node("sum", token.pos, meaning.value, (self._term(),))
        if meaning.kind == "T":
            raise ParseError(token.pos, msg("parse.transpose_only"))
        kind = "symbol" if meaning.kind == "symbol" else meaning.kind
        return Node(kind, token.pos, meaning.value, extra=meaning.extra)

    def _numbered(self, token: Token) -> Token:
        """`θ0` is the question's θ₀ when it declares one (theta0), else θ times 0: a name
        typed as a Greek letter meets its digits here, where the scope is known."""
        after = self._peek()
        digits = after.text
        touching = after.pos == token.pos + len(token.source or token.text)
        if after.kind != "num" or not digits.isdigit() or not touching:
            return token
        joined = token.text + digits
        found = self.scope.resolve(joined)
        if found is None or found.kind != "symbol":
            return token
        self._take()
        return Token("name", joined, token.pos, token.source + digits)

    def _call(self, token: Token, function: str) -> Node:
        power = self._function_power(token) if self._is("^") else None
        if self._peek().text in ("(", "[") and self._peek().kind == "op":
            args = self._arguments(self._take())
        elif self._starts_operand(self._peek()) and self._peek().text != "|":
            args = (self._bare_argument(),)
        else:
            raise ParseError(token.pos, msg("parse.needs_argument", name=token.source))
        _check_arity(token, function, len(args))
        node = Node("call", token.pos, function, args)
        return Node("pow", token.pos, args=(node, power)) if power else node

    def _bare_argument(self) -> Node:
        """`tanh 2x`, `log s_k`, `σ2x`: juxtaposed numbers and names up to an operator, a
        bracket or another function, as in written maths (sin 2x is sin(2x))."""
        node = self._power()
        while self._continues_bare(self._peek()):
            node = Node("mul", self._peek().pos, args=(node, self._power()))
        return node

    def _continues_bare(self, token: Token) -> bool:
        if token.kind == "num":
            return True
        if token.kind != "name" or token.text in KEYWORDS:
            return False
        meaning = self.scope.resolve(token.text)
        return meaning is not None and meaning.kind not in ("func", "sum", "T")

    def _function_power(self, token: Token) -> Node:
        """`tanh^2(x)` and `tanh²(x)` mean tanh(x)^2; only small positive powers."""
        self._take()
        sign = self._peek()
        exponent = None if sign.text in ("-", "+") else self._primary()
        if exponent is None or exponent.kind != "num" or not exponent.value.isdigit():
            name = token.source
            raise ParseError(sign.pos, msg("parse.power_before", name=name))
        return exponent

    def _arguments(self, opener: Token) -> tuple[Node, ...]:
        saved, self.abs_open = self.abs_open, 0
        args = [self._expression()]
        while self._is(","):
            self._take()
            args.append(self._expression())
        self.abs_open = saved
        self._close(opener)
        return tuple(args)

    def _unexpected(self, token: Token) -> ParseError:
        if token.kind == "end":
            return ParseError(token.pos, msg("parse.ends_early"))
        if token.text in (")", "]", "}"):
            return ParseError(token.pos, msg("parse.no_opener", closer=token.text))
        if token.kind == "op" and token.text in COMPARISONS:
            return _comparison_as_value(token)
        if token.text == "=":
            return ParseError(token.pos, msg("parse.equals"))
        return ParseError(token.pos, msg("parse.unexpected", text=token.text))


def _comparison_as_value(token: Token) -> ParseError:
    """`1*(x > 0)`: a comparison is a condition, not a number; say so where it stands."""
    return ParseError(token.pos, msg("parse.comparison_value", text=token.text))


def _check_arity(token: Token, function: str, count: int) -> None:
    low, high = ARITY.get(function, (1, 1))
    if low <= count <= high:
        return
    wanted = str(low) if low == high else f"{low} to {high}"
    raise ParseError(token.pos, msg("parse.arity", name=token.source, wanted=wanted, count=count))
