"""The bank schema: what a question file may contain.

Every model forbids unknown keys, so a misspelt field in a YAML file is an
error instead of being silently ignored. Field docs are the schema's
documentation; `questions/README.md` shows them in context.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
TOPICS = ("activations", "regularization", "normalization", "pooling", "optimization")
LANGS = ("en", "zh")
LEVELS = {1: ("easy", "基础"), 2: ("medium", "进阶"), 3: ("hard", "困难")}
SEED_SOURCE = re.compile(r"^seed:\d{3}_[0-9a-f]{16}\.txt$")
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


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
            raise ValueError("is empty; write the text in this language")
        return value.strip()

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class ConceptAnswer(Strict):
    """A reference answer the user compares their own against, point by point."""

    text: Text
    key_points: list[Text] = Field(min_length=1)


class ChoiceAnswer(Strict):
    """Options are lettered A, B, C... in order; `correct` lists the right letters."""

    options: list[Text] = Field(min_length=2, max_length=8)
    correct: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _letters_in_range(self) -> ChoiceAnswer:
        for letter in self.correct:
            if letter not in self.letters:
                raise ValueError(
                    f"correct letter {letter!r} is not one of {', '.join(self.letters)}"
                )
        if len(set(self.correct)) != len(self.correct):
            raise ValueError("correct lists a letter twice")
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
            raise ValueError("a vector answer needs 1 to 16 numbers")
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

    expr: str
    feedback: Text


class DerivationAnswer(Strict):
    """A formula the checker can verify.

    `reference` must equal d(definition)/d(wrt) when `wrt` is set, and equal
    `definition` itself otherwise (identities and update rules). Expressions use
    the checker's plain grammar: `**` for powers, explicit `*`, named functions.

    `setting: softmax` reads names on the probability simplex: s = softmax(z) and
    y a target distribution (Σy = 1), as vectors `s`, `z`, `y` or elements `s_i`,
    `z_j`, `y_k` indexed by i, j, k, with `delta_ij`, `diag(s)`, `sum(expr, k)`.
    Answers are compared entry by entry for n = 3 and 4 classes.
    """

    definition: str
    wrt: str | None = None
    reference: str
    symbols: list[str] = Field(min_length=1)
    domain: dict[str, tuple[float, float]] = Field(default_factory=dict)
    mistakes: list[Mistake] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    setting: Literal["softmax"] | None = None

    @field_validator("symbols")
    @classmethod
    def _identifiers(cls, symbols: list[str]) -> list[str]:
        for name in symbols:
            if not IDENTIFIER.match(name):
                raise ValueError(f"symbol {name!r} is not a plain identifier such as x or s_i")
        return symbols

    @model_validator(mode="after")
    def _domain_known(self) -> DerivationAnswer:
        for name, (low, high) in self.domain.items():
            if name not in self.symbols:
                raise ValueError(f"domain names {name!r}, which is not in symbols")
            if not low < high:
                raise ValueError(f"domain of {name!r} is empty: {low} >= {high}")
        if self.wrt is not None and self.wrt not in self.symbols:
            raise ValueError(f"wrt {self.wrt!r} is not in symbols")
        return self


class QuestionBase(Strict):
    """Fields every question has, whatever its kind; each kind's model narrows `type`
    and adds `answer` (see quizcli/kinds/)."""

    id: Slug
    type: str
    topic: Slug
    difficulty: int = Field(ge=1, le=3)
    tags: list[Slug] = Field(min_length=1)
    prompt: Text
    explanation: Text
    hints: list[Text] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _sources_readable(cls, sources: list[str]) -> list[str]:
        for source in sources:
            if source.startswith("seed:") and not SEED_SOURCE.match(source):
                raise ValueError(f"{source!r} is not of the form seed:NNN_<16 hex>.txt")
            if not source.strip():
                raise ValueError("a source is empty; cite a seed file or a public reference")
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


AnyQuestion = QuestionBase
"""Any question of any kind; `quizcli.kinds.of(question)` says what to do with it."""
