"""FSRS-6 through the `fsrs` package: every outcome computed up front, the clock passed in.

Fuzz is random, so the session asks for all four outcomes before the user
rates and stores the one chosen; replaying ratings would not reproduce it.
A sync between machines replays a merged log instead, with fuzz drawn from a
seed (the review's global id), so every machine computes the same states.
`fsrs` is imported inside the functions so `quizcli --help` does not pay for it.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

from quizcli.srs.card import PHASES, CardState, Outcome, Rating
from quizcli.srs.exam import FINAL_RETENTION, capped_interval
from quizcli.srs.memory import recall

if TYPE_CHECKING:
    import fsrs

DEFAULT_RETENTION = 0.9
LEECH_LAPSES = 8


def outcomes(
    card: CardState | None,
    question_id: str,
    now: datetime,
    *,
    retention: float = DEFAULT_RETENTION,
    fuzz: bool = True,
    interview: datetime | None = None,
    safe_recall: float = FINAL_RETENTION,
    seed: str | None = None,
) -> dict[Rating, Outcome]:
    """The next state for each of the four ratings of `card` (None: never answered) at `now`.

    With an `interview` ahead, an interval past it is capped unless the card's
    predicted recall on the day stays at `safe_recall` (see `exam.capped_interval`).
    The intervals never decrease from Again to Easy, fuzz or cap notwithstanding:
    the keys would contradict the ratings. With a `seed`, the fuzz is the same on
    every run (a replayed review).
    """
    scheduler = _scheduler(retention, fuzz)
    when = _utc(now)
    start = _to_fsrs(card, question_id, when)
    result: dict[Rating, Outcome] = {}
    floor = when - when  # the longest interval so far: none may be shorter
    with _seeded(seed):
        reviewed = [scheduler.review_card(start, _fsrs_rating(r), when)[0] for r in Rating]
    for rating, after in zip(Rating, reviewed, strict=True):
        state = _from_fsrs(after)
        interval = state.due - when
        if interview is not None:
            interview_at = _utc(interview)
            interval = capped_interval(interval, state.stability, when, interview_at, safe_recall)
        floor = max(floor, interval)
        result[rating] = Outcome(rating, replace(state, due=when + floor), floor)
    return result


def retrievability(card: CardState, now: datetime) -> float:
    """The predicted chance of recalling `card` at `now` (fractional days), 0 when unreviewed."""
    return recall(card.stability, card.last_review, _utc(now))


def is_lapse(before: CardState | None, rating: Rating | None) -> bool:
    """Forgetting a question that had graduated to review; leeches are counted in lapses."""
    return before is not None and before.phase == "review" and rating == Rating.AGAIN


def _utc(moment: datetime) -> datetime:
    """fsrs accepts only `timezone.utc`, not any other zero-offset tzinfo."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


@contextmanager
def _seeded(seed: str | None) -> Iterator[None]:
    """fsrs draws its fuzz from the `random` module's shared generator: seed it for one
    review and give the caller's sequence back afterwards."""
    if seed is None:
        yield
        return
    saved = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(saved)


@lru_cache(maxsize=8)
def _scheduler(retention: float, fuzz: bool) -> fsrs.Scheduler:
    import fsrs

    return fsrs.Scheduler(desired_retention=retention, enable_fuzzing=fuzz)


def _card_id(question_id: str) -> int:
    """A stable id: fsrs sleeps a millisecond to invent one when none is given."""
    return zlib.crc32(question_id.encode("utf-8"))


def _fsrs_rating(rating: Rating) -> fsrs.Rating:
    import fsrs

    return fsrs.Rating(int(rating))


def _to_fsrs(card: CardState | None, question_id: str, now: datetime) -> fsrs.Card:
    import fsrs

    if card is None:
        return fsrs.Card(card_id=_card_id(question_id), due=now)
    return fsrs.Card(
        card_id=_card_id(question_id),
        state=fsrs.State(PHASES.index(card.phase) + 1),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_utc(card.due),
        last_review=_utc(card.last_review) if card.last_review else None,
    )


def _from_fsrs(card: fsrs.Card) -> CardState:
    return CardState(
        phase=PHASES[int(card.state) - 1],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )
