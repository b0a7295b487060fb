"""The one verdict on an answer, whatever its kind: an outcome, how it was read, and why.

Pure and light: the grader of every kind (choice letters, numbers, the derivation
checker, the code runner) returns a `Verdict`, and the session, `check`, `code` and
the review log read only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizcli.bank.model import Text


class Outcome(str, Enum):
    """What the answer is. `invalid` answers are asked again without penalty."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    UNDECIDED = "undecided"
    INVALID = "invalid"


@dataclass(frozen=True)
class Verdict:
    """One graded answer.

    `read_as` is how the answer was read ("" when it could not be); `feedback` the
    reason in both languages; `method` how it was decided (proved, numeric, letters,
    tests, parse, timeout, ...); `ms` the time taken; `step` the first wrong step of a
    multi-step derivation, else None.
    """

    outcome: Outcome
    read_as: str
    feedback: Text | None = None
    method: str = ""
    ms: float = 0.0
    step: int | None = None

    @property
    def verdict(self) -> str:
        """The outcome as the review log and `--json` spell it."""
        return self.outcome.value

    def as_json(self, question_id: str, lang: str) -> dict[str, Any]:
        """The stable JSON shape of `quizcli check --json`."""
        return {
            "id": question_id,
            "verdict": self.outcome.value,
            "read_as": self.read_as,
            "feedback": self.feedback.get(lang) if self.feedback else "",
            "method": self.method,
            "ms": round(self.ms, 1),
            "step": self.step,
        }
