"""The bank schema every kind shares: text in two languages and the fields every question has.

Each kind's own `answer` schema lives with the kind, in `quizcli/kinds/<kind>.py`.
Every model forbids unknown keys, so a misspelt field in a YAML file is an
error instead of being silently ignored. Field docs are the schema's
documentation; `questions/README.md` shows them in context.
"""

from __future__ import annotations

import itertools
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from quizcli.messages import msg

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]
TOPICS = ("activations", "regularization", "normalization", "pooling", "optimization")
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


AnyQuestion = QuestionBase
"""Any question of any kind; `quizcli.kinds.of(question)` says what to do with it."""
