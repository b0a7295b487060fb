"""Spaced-repetition scheduling: pure functions over FSRS, no I/O, the clock passed in."""

from quizcli.srs.card import CardState, Outcome, Rating, format_interval
from quizcli.srs.days import day_offset, day_start, study_day
from quizcli.srs.scheduler import (
    DEFAULT_RETENTION,
    LEECH_LAPSES,
    is_lapse,
    outcomes,
    retrievability,
)

__all__ = [
    "DEFAULT_RETENTION",
    "LEECH_LAPSES",
    "CardState",
    "Outcome",
    "Rating",
    "day_offset",
    "day_start",
    "format_interval",
    "is_lapse",
    "outcomes",
    "retrievability",
    "study_day",
]
