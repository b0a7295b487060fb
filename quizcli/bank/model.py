"""The bank schema: what a question file may contain.

Every model forbids unknown keys, so a misspelt field in a YAML file is an
error instead of being silently ignored. Field docs are the schema's
documentation; `questions/README.md` shows them in context.
"""

from __future__ import annotations

import itertools
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from quizcli.messages import msg

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
TOPICS = ("activations", "regularization", "normalization", "pooling", "optimization")
TYPES = ("concept", "choice", "numeric", "derivation")
LANGS = ("en", "zh")
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# Far above any real formula (the longest is 165 characters), far below what would make
# the reader or sympy recurse past Python's stack: a 10,000-term bank formula is an error.
MAX_FORMULA = 300
Formula = Annotated[str, Field(max_length=MAX_FORMULA)]


class Strict(BaseModel):
    """Base for every bank model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A piece of text in both languages; both must be non-empty."""

    en: str
    zh: str

    @field_validator("en", "zh")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(msg("lint.empty_text"))
        return value.strip()

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class ConceptAnswer(Strict):
    """A reference answer the user compares their own against, point by point."""

    text: Text
    key_points: list[Text] = Field(min_length=1)


class Option(Text):
    """A choice option; `why` says in one line why it is right or wrong, shown after grading.

    Optional for user banks; the bundled bank gives every option one (a content test).
    """

    why: Text | None = None


class ChoiceAnswer(Strict):
    """Options are lettered A, B, C... in order; `correct` lists the right letters."""

    options: list[Option] = Field(min_length=2, max_length=8)
    correct: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _letters_in_range(self) -> ChoiceAnswer:
        for letter in self.correct:
            if letter not in self.letters:
                letters = ", ".join(self.letters)
                raise ValueError(msg("lint.bad_letter", letter=letter, letters=letters))
        if len(set(self.correct)) != len(self.correct):
            raise ValueError(msg("lint.letter_twice"))
        return self

    @property
    def letters(self) -> list[str]:
        return [chr(ord("A") + i) for i in range(len(self.options))]


class NumericAnswer(Strict):
    """A number (or a short vector) with an absolute tolerance and, if it has one, a unit."""

    value: float | list[float]
    tolerance: float = Field(gt=0)
    unit: Text | None = None

    @field_validator("value")
    @classmethod
    def _short_vector(cls, value: float | list[float]) -> float | list[float]:
        if isinstance(value, list) and not 1 <= len(value) <= 16:
            raise ValueError(msg("lint.vector_size"))
        return value

    @property
    def values(self) -> list[float]:
        return self.value if isinstance(self.value, list) else [self.value]

    @property
    def shown(self) -> str:
        """The value as the answer page and exports print it: `4`, or `[0.5, 0.5]` for a vector."""
        values = ", ".join(f"{v:g}" for v in self.values)
        return f"[{values}]" if isinstance(self.value, list) else values

    def unit_in(self, lang: str) -> str:
        """The unit in one language, or '' for a plain number."""
        return self.unit.get(lang) if self.unit else ""


class Mistake(Strict):
    """A wrong answer people often give, and what to tell them."""

    expr: Formula
    feedback: Text


SIGNS = (
    "real",
    "positive",
    "nonnegative",
    "negative",
    "nonpositive",
    "integer",
    "positive integer",
    "nonnegative integer",
)
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

    definition: Formula
    wrt: str | None = None
    reference: Formula
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


class Axis(Strict):
    """A figure axis: its label (the unit goes in the label, as on paper)."""

    label: Text


class Series(Strict):
    """One line of a figure: measured `points` [[x, y], ...] with a `name`, or a `curve`
    `quizcli plot` knows (`relu`, or `relu'` for its derivative) drawn over `range`."""

    name: Text | None = None
    points: list[tuple[float, float]] | None = Field(default=None, min_length=2)
    curve: str | None = None
    range: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _points_or_curve(self) -> Series:
        if (self.points is None) == (self.curve is None):
            raise ValueError(msg("lint.series_kind"))
        if self.points is not None:
            if self.name is None or self.range is not None:
                raise ValueError(msg("lint.points_shape"))
            xs = [x for x, _ in self.points]
            if any(b <= a for a, b in itertools.pairwise(xs)):
                raise ValueError(msg("lint.points_order"))
        if self.curve is not None:
            self.curve_name()
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError(msg("lint.empty_range", range=list(self.range)))
        return self

    def curve_name(self) -> tuple[str, bool]:
        """The curve's table name and whether the series is its derivative (`relu'`)."""
        from quizcli import curves
        from quizcli.errors import QuizcliError

        assert self.curve is not None
        derivative = self.curve.endswith(("'", "′"))
        try:
            return curves.resolve(self.curve.rstrip("'′")), derivative
        except QuizcliError as exc:
            raise ValueError(exc.said or exc.message) from None


class Figure(Strict):
    """A chart shown with the question: drawn in the terminal, exported as SVG."""

    title: Text
    x: Axis
    y: Axis
    series: list[Series] = Field(min_length=1, max_length=8)


class QuestionBase(Strict):
    """Fields every question has, whatever its type."""

    id: Slug
    topic: Slug
    difficulty: int = Field(ge=1, le=3)
    tags: list[Slug] = Field(min_length=1)
    prompt: Text
    explanation: Text
    hints: list[Text] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    figure: Figure | None = None

    @field_validator("sources")
    @classmethod
    def _sources_readable(cls, sources: list[str]) -> list[str]:
        for source in sources:
            if source.startswith("seed:"):
                raise ValueError(msg("lint.private_source", source=source))
            if not source.strip():
                raise ValueError(msg("lint.empty_source"))
        return sources


class ConceptQuestion(QuestionBase):
    type: Literal["concept"]
    answer: ConceptAnswer


class ChoiceQuestion(QuestionBase):
    type: Literal["choice"]
    answer: ChoiceAnswer


class NumericQuestion(QuestionBase):
    type: Literal["numeric"]
    answer: NumericAnswer


class DerivationQuestion(QuestionBase):
    type: Literal["derivation"]
    answer: DerivationAnswer


Question = Annotated[
    ConceptQuestion | ChoiceQuestion | NumericQuestion | DerivationQuestion,
    Field(discriminator="type"),
]
AnyQuestion = ConceptQuestion | ChoiceQuestion | NumericQuestion | DerivationQuestion
