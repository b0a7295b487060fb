"""Turn typed text into tokens: plain ASCII, Unicode maths and a LaTeX subset, one vocabulary.

Everything people type for the same thing becomes the same token here (`·`, `×`,
`\\cdot` and `*`; `σ` and `\\sigma`; `²` and `^2`), so the parser knows a single
grammar. Nothing here evaluates anything; an unknown character is an error with
its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizcli.checker.errors import ParseError
from quizcli.messages import msg

MAX_DIGITS = 30
MAX_DECIMAL_EXPONENT = 300

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "µ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi",
    "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip
SUPERSCRIPT = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾ˣʸⁿⁱʲᵏᵗᵝᵅᵞ", "0123456789+-()xynijktβαγ", strict=True))
SUBSCRIPT = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₜₙₘₓₐₑₒᵣᵤᵥₕₗₚₛ", "0123456789ijktnmxaeoruvhlps", strict=True))
OPERATORS = {
    "**": "^", "^": "^", "+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "·": "*", "⋅": "*",
    "∙": "*", "×": "*", "/": "/", "÷": "/", "(": "(", ")": ")", "[": "[", "]": "]", "{": "{",
    "}": "}", ",": ",", "|": "|", "==": "==", "=": "=", "!=": "!=", "≠": "!=", "<=": "<=",
    ">=": ">=", "≤": "<=", "≥": ">=", "≦": "<=", "≧": ">=", "<": "<", ">": ">", "√": "√",
    "ᵀ": "ᵀ",
}  # fmt: skip
LATEX_OPERATORS = {
    "cdot": "*", "times": "*", "ast": "*", "div": "/", "le": "<=", "leq": "<=", "ge": ">=",
    "geq": ">=", "ne": "!=", "neq": "!=", "lt": "<", "gt": ">", "sqrt": "√", "frac": "frac",
    "dfrac": "frac", "tfrac": "frac",
}  # fmt: skip
LATEX_NAMES = {
    "exp": "exp", "log": "log", "ln": "ln", "tanh": "tanh", "sinh": "sinh", "cosh": "cosh",
    "sech": "sech", "max": "max", "min": "min", "sum": "sum", "top": "T", "intercal": "T",
    "varepsilon": "epsilon", "varphi": "phi", "vartheta": "theta", "varsigma": "sigma",
    "lambda": "lambda", "pi": "pi",
}  # fmt: skip
LATEX_WRAPPERS = ("operatorname", "mathrm", "text", "textrm", "mathit", "mathbf", "boldsymbol",
                  "bm", "mathsf")  # fmt: skip
LATEX_IGNORED = ("left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "quad", "qquad",
                 ",", ";", ":", "!", " ", "displaystyle")  # fmt: skip
BRACKETS = {"⌊": ("floor", "("), "⌋": ("", ")"), "⌈": ("ceil", "("), "⌉": ("", ")")}
LATEX_BRACKETS = {
    "lfloor": ("floor", "("), "rfloor": ("", ")"), "lceil": ("ceil", "("), "rceil": ("", ")"),
}  # fmt: skip
VULGAR = {
    "½": ("1", "2"), "⅓": ("1", "3"), "⅔": ("2", "3"), "¼": ("1", "4"), "¾": ("3", "4"),
    "⅕": ("1", "5"), "⅖": ("2", "5"), "⅗": ("3", "5"), "⅘": ("4", "5"), "⅙": ("1", "6"),
    "⅚": ("5", "6"), "⅛": ("1", "8"), "⅜": ("3", "8"), "⅝": ("5", "8"), "⅞": ("7", "8"),
}  # fmt: skip
SPACES = " \t\r\u00a0\u2009\u200a\u202f\u3000"
NUMBER = re.compile(r"([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")
SUB_BODY = re.compile(r"_(\{[A-Za-z0-9, ]+\}|[A-Za-z0-9]+)")


@dataclass(frozen=True)
class Token:
    """`kind` is num, name, op or end; `text` is canonical (`sigma` for σ, `*` for ·),
    `source` what was typed, for messages."""

    kind: str
    text: str
    pos: int
    source: str = ""


def tokenize(text: str) -> list[Token]:
    """The tokens of `text`, ending with an `end` token; ParseError at the first bad character."""
    tokens = _Lexer(_fold_fullwidth(text)).run()
    tokens.append(Token("end", "", len(text)))
    return tokens


def _fold_fullwidth(text: str) -> str:
    """Full-width ASCII (（）＋ from Chinese input methods) to ASCII, same length."""
    return "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in text)


class _Lexer:
    def __init__(self, text: str, offset: int = 0) -> None:
        self.text = text
        self.offset = offset
        self.at = 0
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        while self.at < len(self.text):
            self._step()
        return self.tokens

    def _emit(self, kind: str, text: str, start: int) -> None:
        source = self.text[start : max(self.at, start + 1)]
        self.tokens.append(Token(kind, text, self.offset + start, source))

    def _step(self) -> None:
        char = self.text[self.at]
        if char in SPACES:
            self.at += 1
        elif NUMBER.match(self.text, self.at):
            self._number()
        elif char.isascii() and char.isalpha():
            self._name(NAME.match(self.text, self.at).group(), self.at)  # type: ignore[union-attr]
        elif char in GREEK:
            self.at += 1
            self._name(GREEK[char], self.at - 1, consumed=True)
        elif char in BRACKETS:
            self._bracket(char)
        elif char in VULGAR:
            self._vulgar(char)
        elif char in SUPERSCRIPT:
            self._superscript()
        elif char == "\\":
            self._latex()
        else:
            self._operator(char)

    def _bracket(self, char: str) -> None:
        """`⌊x⌋` is floor(x), `⌈x⌉` is ceil(x)."""
        function, paren = BRACKETS[char]
        if function:
            self._emit("name", function, self.at)
        self._emit("op", paren, self.at)
        self.at += 1

    def _vulgar(self, char: str) -> None:
        """`½` is (1/2), one number."""
        numerator, denominator = VULGAR[char]
        for kind, text in (("op", "("), ("num", numerator), ("op", "/"), ("num", denominator)):
            self._emit(kind, text, self.at)
        self._emit("op", ")", self.at)
        self.at += 1

    def _cases(self, start: int) -> None:
        """`\\begin{cases} a & x > 0 \\\\ b & \\text{otherwise} \\end{cases}` is read as
        `(a if x > 0 else b)`; each piece is lexed in place, so positions stay true."""
        end = self.text.find(r"\end{cases}", self.at)
        if end < 0:
            raise ParseError(self.offset + start, msg("parse.cases_open"))
        rows = []
        at = self.at
        for row in re.split(r"\\\\", self.text[self.at : end]):
            value, _, condition = row.partition("&")
            rows.append((at, value, at + len(value) + 1, condition))
            at += len(row) + 2
        rows = [r for r in rows if r[1].strip() or r[3].strip()]
        opened = 0
        if not rows:
            raise ParseError(self.offset + start, msg("parse.cases_empty"))
        for index, (value_at, value, condition_at, condition) in enumerate(rows):
            self._emit("op", "(", value_at)
            self.tokens.extend(_trimmed(_Lexer(value, self.offset + value_at).run()))
            self._emit("op", ")", value_at)
            tokens = _trimmed(_Lexer(condition, self.offset + condition_at).run())
            tokens = [t for t in tokens if not (t.kind == "name" and t.text in ("if", "for"))]
            last = index == len(rows) - 1
            if last or not tokens or tokens[0].text in ("otherwise", "else"):
                break
            self._emit("name", "if", condition_at)
            self.tokens.extend(tokens)
            self._emit("name", "else", condition_at)
            self._emit("op", "(", condition_at)
            opened += 1
        for _ in range(opened):
            self._emit("op", ")", end)
        self.at = end + len(r"\end{cases}")

    def _number(self) -> None:
        match = NUMBER.match(self.text, self.at)
        assert match is not None
        digits = sum(c in "0123456789" for c in match.group(1))
        exponent = int(match.group(2)[1:]) if match.group(2) else 0
        if abs(exponent) > MAX_DECIMAL_EXPONENT:
            said = msg("parse.big_exponent", number=match.group(), limit=MAX_DECIMAL_EXPONENT)
            raise ParseError(self.offset + self.at, said)
        if digits > MAX_DIGITS:
            said = msg("parse.long_number", digits=digits, limit=MAX_DIGITS)
            raise ParseError(self.offset + self.at, said)
        self.at = match.end()
        self._emit("num", match.group(), match.start())

    def _name(self, word: str, start: int, consumed: bool = False) -> None:
        if not consumed:
            self.at += len(word)
        self._emit("name", word + self._subscript(), start)

    def _subscript(self) -> str:
        """`_i`, `_{ij}`, `_{i,j}` or Unicode subscripts after a name, as `_ij`."""
        match = SUB_BODY.match(self.text, self.at)
        if match:
            self.at = match.end()
            body = match.group(1).strip("{}")
            return "_" + body.replace(",", "").replace(" ", "")
        start = self.at
        while self.at < len(self.text) and self.text[self.at] in SUBSCRIPT:
            self.at += 1
        run = self.text[start : self.at]
        return "_" + "".join(SUBSCRIPT[c] for c in run) if run else ""

    def _superscript(self) -> None:
        """`x²`, `e⁻ˣ` become `x^(2)`, `e^(-x)`; a lone `ᵀ` is the transpose."""
        start = self.at
        while self.at < len(self.text) and self.text[self.at] in SUPERSCRIPT:
            self.at += 1
        plain = "".join(SUPERSCRIPT[c] for c in self.text[start : self.at])
        self._emit("op", "^", start)
        self._emit("op", "(", start)
        self.tokens.extend(_Lexer(plain, self.offset + start).run())
        self._emit("op", ")", self.at - 1)

    def _operator(self, char: str) -> None:
        pair = self.text[self.at : self.at + 2]
        if pair in OPERATORS:
            self._emit("op", OPERATORS[pair], self.at)
            self.at += 2
        elif char in OPERATORS:
            self._emit("op", OPERATORS[char], self.at)
            self.at += 1
        else:
            raise _bad_character(self.text, self.at, self.offset)

    def _latex(self) -> None:
        start = self.at
        match = re.compile(r"\\([A-Za-z]+|.?)").match(self.text, self.at)
        assert match is not None
        command = match.group(1)
        self.at = match.end()
        if command in LATEX_IGNORED:
            return
        if command == "begin" and self.text.startswith("{cases}", self.at):
            self.at += len("{cases}")
            self._cases(start)
            return
        if command in LATEX_BRACKETS:
            function, paren = LATEX_BRACKETS[command]
            if function:
                self._emit("name", function, start)
            self._emit("op", paren, start)
            return
        if command in LATEX_OPERATORS:
            self._emit("op", LATEX_OPERATORS[command], start)
        elif command in LATEX_WRAPPERS:
            self._wrapped(start, command)
        elif command in LATEX_NAMES or command in GREEK.values():
            self._name(LATEX_NAMES.get(command, command), start, consumed=True)
        else:
            raise _unknown_command(command, start + self.offset)

    def _wrapped(self, start: int, command: str) -> None:
        """`\\operatorname{sech}`, `\\mathrm{e}`, `\\mathbf{s}`: the braces hold a name."""
        match = re.compile(r"\s*\{\s*([A-Za-z]+)\s*\}").match(self.text, self.at)
        if not match:
            raise ParseError(self.offset + start, msg("parse.command_name", command=command))
        self.at = match.end()
        self._name(match.group(1), start, consumed=True)


def _trimmed(tokens: list[Token]) -> list[Token]:
    """A cases row without the commas people put after a value or a condition."""
    while tokens and tokens[-1].text in (",", "."):
        tokens = tokens[:-1]
    return tokens


def _bad_character(text: str, at: int, offset: int) -> ParseError:
    char = text[at]
    where = offset + at
    if char == "_":
        return ParseError(where, msg("parse.underscore"))
    if char == ".":
        return ParseError(where, msg("parse.dot"))
    if char in "'\"′`":
        return ParseError(where, msg("parse.quotes"))
    shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
    return ParseError(where, msg("parse.character", shown=shown))


def _unknown_command(command: str, where: int) -> ParseError:
    from difflib import get_close_matches

    known = [*LATEX_OPERATORS, *LATEX_NAMES, *LATEX_WRAPPERS, *GREEK.values()]
    close = get_close_matches(command, known, n=1)
    return ParseError(
        where, msg("parse.latex_command", command=command), f"\\{close[0]}" if close else ""
    )
