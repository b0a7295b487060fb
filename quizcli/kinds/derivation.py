"""Derivation questions: a formula the checker proves equal to the reference."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, cast, get_args

from pydantic import Field, field_validator, model_validator

from quizcli.bank.model import IDENTIFIER, QuestionBase, Strict, Text
from quizcli.bank.model import Formula as Expression
from quizcli.kinds.base import Display, Formula, Kind, Part
from quizcli.messages import msg, say

if TYPE_CHECKING:
    from quizcli.bank.loader import Origin, Problem
    from quizcli.verdict import Verdict


class Mistake(Strict):
    """A wrong answer people often give, and what to tell them."""

    expr: Expression
    feedback: Text


Sign = Literal[
    "real",
    "positive",
    "nonnegative",
    "negative",
    "nonpositive",
    "integer",
    "positive integer",
    "nonnegative integer",
]
SIGNS: tuple[str, ...] = get_args(Sign)
"""The words `assume` takes for a symbol's sign, in the order the docs list them."""


class KinkValue(Strict):
    """The value the prompt asks for at a kink (PyTorch's convention at ReLU's 0), checked
    exactly at that point: `at` gives the point, `value` the expected value there."""

    at: dict[str, float] = Field(min_length=1)
    value: str


class DerivationAnswer(Strict):
    """A formula the checker can verify.

    `reference` must equal d(definition)/d(wrt) when `wrt` is set, and equal
    `definition` itself otherwise (identities and update rules). Expressions use
    the checker's plain grammar: `**` for powers, explicit `*`, named functions.

    `setting: softmax` reads names on the probability simplex: s = softmax(z) and
    y a target distribution (Σy = 1), as vectors `s`, `z`, `y` or elements `s_i`,
    `z_j`, `y_k` indexed by i, j, k, with `delta_ij`, `diag(s)`, `sum(expr, k)`.
    Answers are compared entry by entry for n = 3 and 4 classes.

    `assume` declares what each symbol is (real unless said otherwise: positive,
    nonnegative, integer, or an interval [low, high]); proofs use only that, and
    `domain` (where the numeric screen samples) must lie inside it and cover every
    sign it allows. `kinks` lists values the prompt asks for at kinks.
    """

    definition: Expression
    wrt: str | None = None
    reference: Expression
    symbols: list[str] = Field(min_length=1)
    domain: dict[str, tuple[float, float]] = Field(default_factory=dict)
    assume: dict[str, Sign | tuple[float, float]] = Field(default_factory=dict)
    kinks: list[KinkValue] = Field(default_factory=list)
    mistakes: list[Mistake] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    setting: Literal["softmax"] | None = None

    @field_validator("symbols")
    @classmethod
    def _identifiers(cls, symbols: list[str]) -> list[str]:
        for name in symbols:
            if not IDENTIFIER.match(name):
                raise ValueError(msg("lint.symbol_name", name=name))
        return symbols

    @model_validator(mode="after")
    def _domain_known(self) -> DerivationAnswer:
        for name, (low, high) in self.domain.items():
            if name not in self.symbols:
                raise ValueError(msg("lint.not_a_symbol", what="domain", name=name))
            if not low < high:
                raise ValueError(msg("lint.empty_domain", name=name, low=low, high=high))
        for name, declared in self.assume.items():
            if name not in self.symbols:
                raise ValueError(msg("lint.not_a_symbol", what="assume", name=name))
            if isinstance(declared, tuple) and not declared[0] < declared[1]:
                raise ValueError(msg("lint.empty_assume", name=name, interval=list(declared)))
        for kink in self.kinks:
            for name in kink.at:
                if name not in self.symbols:
                    raise ValueError(msg("lint.not_a_symbol", what="kinks", name=name))
        if self.wrt is not None and self.wrt not in self.symbols:
            raise ValueError(msg("lint.wrt", name=self.wrt))
        return self


class DerivationQuestion(QuestionBase):
    type: Literal["derivation"]
    answer: DerivationAnswer


class Derivation(Kind):
    name = "derivation"
    model = DerivationQuestion
    steps = True
    prepares = True

    def grade(self, question: QuestionBase, answer: str, display: Display) -> Verdict:
        from quizcli.checker import check

        return check(cast(DerivationQuestion, question), answer, ascii=display.ascii)

    def prepare(self, question: QuestionBase) -> None:
        """sympy, numpy and the pretty printer loaded, the question's setup cached."""
        from quizcli.checker import prepare

        prepare(cast(DerivationQuestion, question))

    def lint(self, question: QuestionBase, origin: Origin) -> list[Problem]:
        """Every formula must read in the question's own scope, as typed answers are."""
        from quizcli.checker.lint import expression_problems

        return expression_problems(cast(DerivationQuestion, question), origin)

    def prompt_parts(self, question: QuestionBase, lang: str, show_answer: bool) -> list[Part]:
        symbols = ", ".join(cast(DerivationQuestion, question).answer.symbols)
        line = say("browse.symbols", lang) + say("colon", lang) + symbols
        return [Part("", "prose", (line,))]

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        answer = cast(DerivationQuestion, question).answer
        shown = formula(answer.reference, answer.symbols, answer.setting) if formula else None
        return [Part(say("browse.answer", lang), "value", (shown or answer.reference,))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        answer = cast(DerivationQuestion, question).answer
        if formula is None:
            return [f"`{answer.reference}`"]
        return [f"${formula(answer.reference, answer.symbols, answer.setting)}$"]


KIND = Derivation()
