"""What a name means in one question: a symbol, a function, a constant, or a softmax index.

Names are looked up per question, so `σ` is the sigmoid unless the question
declares a symbol `sigma`, and `x(x+1)` is a product because x is a symbol,
not a function. Anything else is an unknown name, reported with the names the
question allows and, for run-together names such as `xe`, a split (`x*e`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from quizcli.checker.errors import ParseError
from quizcli.functions import SPELLINGS
from quizcli.messages import msg

# The spelling people type -> the function it names: the one table in quizcli.functions.
FUNCTIONS = SPELLINGS
VECTOR_FUNCTIONS = {"diag": "diag", "delta": "delta", "sum": "sum"}
CONSTANTS = {"e": "E", "pi": "pi"}
# Names that mean the same symbol: the first is how sympy prints it (λ, ε).
ALIASES = {"lam": "lambda", "lmbda": "lambda", "eps": "epsilon"}
KEYWORDS = ("if", "else", "and", "or", "not")
INDEX_LETTERS = "ijk"
MAX_SPLIT = 24
TYPO = {"In": "ln", "Ln": "ln", "Exp": "exp", "Tanh": "tanh", "Log": "log", "sigmod": "sigmoid"}


@dataclass(frozen=True)
class Meaning:
    """What a name resolved to. `kind` is one of: symbol, const, func, index, element,
    vector, delta, sum, T; `value` is the canonical name, `extra` the index (or second index)."""

    kind: str
    value: str
    extra: str = ""


def canonical(name: str) -> str:
    """The alias-free spelling: `lam` and `λ` are both `lambda`, `eps_t` is `epsilon_t`,
    `lam1` is `lambda1`."""
    base, sep, sub = name.partition("_")
    numbered = re.fullmatch(r"([A-Za-z]+?)([0-9]+)", base)
    if numbered and numbered.group(1) in ALIASES:
        return ALIASES[numbered.group(1)] + numbered.group(2) + sep + sub
    return ALIASES.get(base, base) + sep + sub


def same_name(name: str) -> str:
    """The key under which the spellings a prompt prints meet: `z_1`, `z₁` and `z1`;
    `θ₀`, `theta_0` and `theta0`; `lambda_1` and `lam1`."""
    return re.sub(r"_([0-9]+)$", r"\1", canonical(name))


@dataclass(frozen=True)
class Scope:
    """The names one expression may use.

    `symbols` None means permissive: any other name is a symbol (for pretty-printing
    and plotting formulas outside a question). `softmax` adds vectors s, z, y
    indexed by i, j, k, the Kronecker delta, diag and sum.
    """

    symbols: tuple[str, ...] | None = ("x",)
    softmax: bool = False

    @property
    def _declared(self) -> dict[str, str]:
        return {same_name(name): name for name in self.symbols or ()}

    def vectors(self) -> set[str]:
        """Vector names of the softmax setting: the bases of declared elements such as s_i."""
        return {name.partition("_")[0] for name in self.symbols or () if "_" in name}

    def lookup(self, name: str, pos: int) -> Meaning:
        """The meaning of `name` here, or ParseError naming what is allowed."""
        found = self.resolve(name)
        if found is None:
            raise self._unknown(name, pos)
        return found

    def resolve(self, name: str) -> Meaning | None:
        """The meaning of `name`, or None when it is unknown here."""
        found = self._softmax_name(name) if self.softmax else None
        declared = self._declared.get(same_name(name))
        if not found and declared:
            found = Meaning("symbol", declared)
        found = found or self._builtin(name)
        if not found and self.symbols is None:
            found = Meaning("symbol", name)
        return found

    def _builtin(self, name: str) -> Meaning | None:
        if name in FUNCTIONS:
            return Meaning("func", FUNCTIONS[name])
        if name in CONSTANTS:
            return Meaning("const", CONSTANTS[name])
        if name == "T":
            return Meaning("T", "T")
        delta = re.fullmatch(r"delta_([a-z])([a-z])", name)
        if delta and (self.softmax or self.symbols is None):
            return Meaning("delta", delta.group(1), delta.group(2))
        if self.softmax or self.symbols is None:
            if name in VECTOR_FUNCTIONS:
                return Meaning("func", VECTOR_FUNCTIONS[name])
            prefix = re.fullmatch(r"(sum|Sigma)_([a-z])", name)
            if prefix:
                return Meaning("sum", prefix.group(2))
        return None

    def _softmax_name(self, name: str) -> Meaning | None:
        vectors = self.vectors()
        if name in INDEX_LETTERS:
            return Meaning("index", name)
        if name in vectors:
            return Meaning("vector", name)
        element = re.fullmatch(r"([A-Za-z]+)_([a-z])", name)
        if element and element.group(1) in vectors and element.group(2) in INDEX_LETTERS:
            return Meaning("element", element.group(1), element.group(2))
        return None

    def allowed(self) -> list[str]:
        """The names a user may type, for error messages."""
        names = list(self.symbols or ())
        if self.softmax:
            names += [*sorted(self.vectors()), "delta_ij", "diag", "sum"]
        return names

    def _unknown(self, name: str, pos: int) -> ParseError:
        names = self.allowed()
        allowed = ", ".join(names) if names else msg("parse.numbers_only")
        return ParseError(
            pos, msg("parse.unknown_name", name=name, allowed=allowed), self._suggest(name)
        )

    def _suggest(self, name: str) -> str:
        if name in TYPO:
            return TYPO[name]
        parts = self._split(name)
        return "*".join(parts) if parts and len(parts) > 1 else ""

    def _split(self, word: str) -> list[str] | None:
        """`xe` -> [x, e], `xexp` -> [x, exp]: the shortest split into known names."""
        if len(word) > MAX_SPLIT:
            return None
        best: dict[int, list[str] | None] = {len(word): []}
        for start in range(len(word) - 1, -1, -1):
            options = [
                [word[start:end], *tail]
                for end in range(start + 1, len(word) + 1)
                if (tail := best[end]) is not None and self.resolve(word[start:end])
            ]
            best[start] = min(options, key=len) if options else None
        return best[0]


def scope_for(symbols: Iterable[str] | None, setting: str | None = None) -> Scope:
    """The scope of a question's answer (its `symbols` and `setting`)."""
    return Scope(None if symbols is None else tuple(symbols), softmax=setting == "softmax")
