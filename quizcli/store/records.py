"""What the store keeps per answer, and the conversions between Python values and columns.

A review row holds the card's state *after* the answer in typed columns; the
state before it is the previous kept review of the same card, so it is stored
once, not twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from quizcli.srs import CardState, Rating, is_lapse

Mode = Literal["review", "practice"]
PHASES = ("new", "learning", "review", "relearning")


@dataclass(frozen=True)
class ReviewRecord:
    """One answer as the review log holds it.

    Practice answers (drill, mock) have no rating effect: `after` is None and the
    schedule is left alone. `before` is the card as it was shown (None for a new
    question); `after` the outcome the user chose. `uid` is the answer's global,
    immutable id ("<install>-<number>"), the key a sync between machines merges on.
    """

    question_id: str
    session_id: str
    mode: Mode
    rating: Rating | None
    verdict: str
    answer: str
    duration_ms: int
    reviewed_at: datetime
    before: CardState | None = None
    after: CardState | None = None
    id: int | None = None
    undone: bool = False
    uid: str | None = None

    @property
    def phase(self) -> str:
        """The card's phase when it was asked: new, learning, review or relearning."""
        return self.before.phase if self.before else "new"

    @property
    def lapse(self) -> bool:
        return self.mode == "review" and is_lapse(self.before, self.rating)


@dataclass(frozen=True)
class CardStatus:
    """The user's flags on a question and its lapse count, beside its scheduler state."""

    question_id: str
    lapses: int = 0
    suspended: bool = False
    leech: bool = False
    buried_until: datetime | None = None


def to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return round(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, timezone.utc)


# The state after a review, in the order of the review row's columns.
STATE_COLUMNS = "after_phase, step, stability, difficulty, due_ms, last_ms"


def state_values(card: CardState | None, reviewed_ms: int) -> tuple[Any, ...]:
    """Columns for a card state; `last_ms` is NULL when it is the review's own time."""
    if card is None:
        return (None,) * 6
    last = to_ms(card.last_review) if card.last_review else None
    return (
        PHASES.index(card.phase),
        card.step,
        card.stability,
        card.difficulty,
        to_ms(card.due),
        None if last == reviewed_ms else (last if last is not None else -1),
    )


def state_from_values(values: tuple[Any, ...], reviewed_ms: int) -> CardState | None:
    """The inverse of `state_values`."""
    phase, step, stability, difficulty, due_ms, last_ms = values
    if phase is None:
        return None
    last = reviewed_ms if last_ms is None else (None if last_ms == -1 else last_ms)
    return CardState(
        PHASES[phase],
        step,
        stability,
        difficulty,
        from_ms(due_ms),
        from_ms(last) if last is not None else None,
    )


REVIEW_COLUMNS = (
    "reviews.id, questions.question_id, sessions.session_id, practice, rating, verdict, answer, "
    f"duration_ms, reviewed_ms, {STATE_COLUMNS}, "
    "reviews.id IN (SELECT review_id FROM undos), "
    "(SELECT uid FROM installs WHERE installs.id = coalesce(reviews.origin, 0)), origin_id"
)
REVIEW_JOINS = (
    "JOIN questions ON questions.id = reviews.question "
    "JOIN sessions ON sessions.id = reviews.session"
)

INSERT_REVIEW = (
    "INSERT INTO reviews (question, session, practice, rating, verdict, answer, duration_ms, "
    f"reviewed_ms, phase, lapse, {STATE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def review_row(record: ReviewRecord, question: int, session: int) -> tuple[Any, ...]:
    """Values for INSERT_REVIEW; `question` and `session` are the rows' numbers."""
    reviewed_ms = to_ms(record.reviewed_at)
    return (
        question,
        session,
        int(record.mode == "practice"),
        int(record.rating) if record.rating is not None else None,
        record.verdict,
        record.answer,
        record.duration_ms,
        reviewed_ms,
        PHASES.index(record.phase),
        int(record.lapse),
        *state_values(record.after, reviewed_ms),
    )


def record_from_row(row: tuple[Any, ...], before: CardState | None) -> ReviewRecord:
    """A ReviewRecord from a SELECT of REVIEW_COLUMNS; `before` comes from the previous row."""
    rid, qid, session, practice, rating, verdict, answer, duration, ms = row[:9]
    undone, install, origin_id = row[15:18]
    return ReviewRecord(
        question_id=qid,
        session_id=session,
        mode="practice" if practice else "review",
        rating=Rating(rating) if rating is not None else None,
        verdict=verdict,
        answer=answer,
        duration_ms=duration,
        reviewed_at=from_ms(ms),
        before=before,
        after=state_from_values(row[9:15], ms),
        id=rid,
        undone=bool(undone),
        uid=f"{install}-{origin_id or rid}",
    )
