"""The bank schema every kind shares: text in two languages and the fields every question has.

Each kind's own `answer` schema lives with the kind, in `quizcli/kinds/<kind>.py`.
Every model forbids unknown keys, so a misspelt field in a YAML file is an
error instead of being silently ignored. Field docs are the schema's
documentation; `questions/README.md` shows them in context.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

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


AnyQuestion = QuestionBase
"""Any question of any kind; `quizcli.kinds.of(question)` says what to do with it."""
