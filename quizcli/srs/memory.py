"""FSRS-6's forgetting curve in closed form: the one place recall is computed on fractional days.

py-fsrs reads elapsed time in whole days, so a card answered an hour ago
reads as certain whatever its rating; readiness, mastery and the queue need
"how well is this known at that moment", hence the curve itself, with the
decay parameter of the scheduler quizcli uses.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

DAY_SECONDS = 86_400.0


@lru_cache(maxsize=1)
def curve() -> tuple[float, float]:
    """(-w20, f) of the default scheduler: R(t) = (1 + f t / S) ** -w20 (the store's SQL
    reads it to order the due cards by recall)."""
    import fsrs

    w20 = float(fsrs.Scheduler().parameters[20])
    return -w20, 0.9 ** (-1 / w20) - 1


def recall(stability: float | None, last_review: datetime | None, at: datetime) -> float:
    """The predicted chance of recall at `at` of a card last reviewed at `last_review`.

    0 for a card with no memory yet; 1 before its last review.
    """
    if stability is None or last_review is None or stability <= 0:
        return 0.0
    days = max(0.0, (at - last_review).total_seconds() / DAY_SECONDS)
    decay, factor = curve()
    return float((1 + factor * days / stability) ** decay)
