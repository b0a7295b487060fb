"""What the store keeps per answer, and the conversions between Python values and columns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from quizcli.srs import CardState, Rating, is_lapse

Mode = Literal["review", "practice"]


@dataclass(frozen=True)
class ReviewRecord:
    """One answer as the review log holds it.

    Practice answers (drill, mock) have no rating effect: `after` is None and the
    schedule is left alone. `before` is the card as it was shown (None for a new
    question); `after` the outcome the user chose.
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


def state_json(card: CardState | None) -> str | None:
    return json.dumps(card.to_dict(), sort_keys=True) if card else None


def state_from_json(text: str | None) -> CardState | None:
    return CardState.from_dict(json.loads(text)) if text else None


REVIEW_COLUMNS = (
    "id, question_id, session_id, mode, rating, verdict, answer, duration_ms, reviewed_ms, "
    "state_before, state_after, id IN (SELECT review_id FROM undos)"
)


def review_row(record: ReviewRecord) -> tuple[Any, ...]:
    """Values for INSERT INTO reviews, in the order of INSERT_REVIEW."""
    return (
        record.question_id,
        record.session_id,
        record.mode,
        int(record.rating) if record.rating is not None else None,
        record.verdict,
        record.answer,
        record.duration_ms,
        to_ms(record.reviewed_at),
        record.phase,
        int(record.lapse),
        state_json(record.before),
        state_json(record.after),
    )


INSERT_REVIEW = (
    "INSERT INTO reviews (question_id, session_id, mode, rating, verdict, answer, duration_ms, "
    "reviewed_ms, phase, lapse, state_before, state_after) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)


def record_from_row(row: tuple[Any, ...]) -> ReviewRecord:
    """A ReviewRecord from a SELECT of REVIEW_COLUMNS."""
    rid, qid, session, mode, rating, verdict, answer, duration, ms, before, after, undone = row
    return ReviewRecord(
        question_id=qid,
        session_id=session,
        mode=mode,
        rating=Rating(rating) if rating is not None else None,
        verdict=verdict,
        answer=answer,
        duration_ms=duration,
        reviewed_at=from_ms(ms),
        before=state_from_json(before),
        after=state_from_json(after),
        id=rid,
        undone=bool(undone),
    )
