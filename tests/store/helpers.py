"""Answering questions through the public API, as a session would."""

from __future__ import annotations

from datetime import datetime

from quizcli.srs import Rating, outcomes
from quizcli.store import ReviewRecord, Store


def answer(
    store: Store, question_id: str, rating: Rating, now: datetime, session: str = "s1"
) -> int:
    """Record a review the way the session does: outcome computed first, fuzz off."""
    before = store.card(question_id)
    after = outcomes(before, question_id, now, fuzz=False)[rating].card
    record = ReviewRecord(
        question_id, session, "review", rating, "self", "my answer", 1500, now, before, after
    )
    return store.record(record)


def practise(store: Store, question_id: str, now: datetime, session: str = "d1") -> int:
    before = store.card(question_id)
    return store.record(
        ReviewRecord(question_id, session, "practice", Rating.GOOD, "right", "42", 900, now, before)
    )


def graduate(store: Store, question_id: str, start: datetime) -> None:
    """Answer Good from `start` at each due time until the question is a review card."""
    when = start
    while True:
        answer(store, question_id, Rating.GOOD, when)
        card = store.card(question_id)
        assert card is not None
        if card.phase == "review":
            return
        when = card.due
