"""The values the scheduler works on: ratings, a card's state, and the outcome of a rating.

They are plain frozen values so the store can snapshot them into the review log
as JSON and the session can show them without touching the scheduler.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum
from typing import Any

from quizcli.messages import say

PHASES = ("learning", "review", "relearning")


class Rating(IntEnum):
    """How well the user recalled a question; the numbers are the keys they press."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @classmethod
    def parse(cls, text: str) -> Rating | None:
        """`1`-`4` or the word (any case); None when the text is neither."""
        word = text.strip().upper()
        if word in ("1", "2", "3", "4"):
            return cls(int(word))
        return cls.__members__.get(word)


@dataclass(frozen=True)
class CardState:
    """What FSRS knows about one question: its memory model and when it is due.

    `phase` is learning, review or relearning; a question never answered has no
    CardState at all.
    """

    phase: str
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat(),
            "last_review": self.last_review.isoformat() if self.last_review else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardState:
        last = data.get("last_review")
        return cls(
            phase=str(data["phase"]),
            step=data.get("step"),
            stability=data.get("stability"),
            difficulty=data.get("difficulty"),
            due=datetime.fromisoformat(data["due"]),
            last_review=datetime.fromisoformat(last) if last else None,
        )


@dataclass(frozen=True)
class Outcome:
    """What one rating would do: the card's next state and how long until it is due."""

    rating: Rating
    card: CardState
    interval: timedelta

    @property
    def label(self) -> str:
        """The interval as the rating keys show it: 10m, 5h, 3d, 2.5mo, 1.2y."""
        return format_interval(self.interval)


def format_interval(interval: timedelta, lang: str = "en") -> str:
    """An interval as a rating key shows it: `10m`, `9d`, `2.5mo` (Chinese: 10分钟, 9天)."""
    seconds = max(0.0, interval.total_seconds())
    minutes = seconds / 60
    days = seconds / 86400
    if minutes < 60:
        return say("unit.minutes", lang, n=max(1, round(minutes)))
    if days < 1:
        return say("unit.hours", lang, n=round(minutes / 60))
    if days < 30:
        return say("unit.days", lang, n=round(days))
    if days < 365:
        return say("unit.months", lang, n=f"{days / 30:.1f}")
    return say("unit.years", lang, n=f"{days / 365:.1f}")


@dataclass(frozen=True)
class Memory:
    """One question's row as readiness, pacing and a session's outlook read it.

    `phase` is None for a question with flags but no review yet.
    """

    question_id: str
    phase: str | None
    stability: float | None
    due: datetime | None
    last_review: datetime | None
    first_review: datetime | None
    suspended: bool = False
    buried_until: datetime | None = None
    lapses: int = 0

    @property
    def seen(self) -> bool:
        return self.phase is not None

    @property
    def shown_at(self) -> datetime | None:
        """When study next shows it: its due time, or when a bury ends; None if it never will."""
        if self.phase is None or self.due is None or self.suspended:
            return None
        if self.buried_until is not None and self.buried_until > self.due:
            return self.buried_until
        return self.due
