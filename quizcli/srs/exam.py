"""Studying toward an interview date: how many new questions today, which retention, which cap.

Pure: the study day and the moment are passed in. Without a date (or once it
has passed) every function here gives the plain FSRS behaviour back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from quizcli.srs.memory import recall

REVIEW_ONLY_SHARE = 0.2
REVIEW_ONLY_MIN_DAYS = 2
FINAL_RETENTION = 0.95
# How much front-loading: 1 spreads the unseen questions evenly over the days left
# for them; 1.5 takes more on early days, when the review load is still light, which
# flattens the busiest day (bench/readiness.py: 275 -> 200 answers at 14 days).
FRONT_LOAD = 1.5


@dataclass(frozen=True)
class Exam:
    """An interview on study day `day`, planned from study day `start`.

    The last fifth of the plan (at least two days) is for review only; the
    reserve is counted from `start`, not from today, so it does not shrink as
    the day comes closer and push new questions into it. `final_retention` is
    both the desired retention of those days and the predicted recall on the
    day a card must keep to be allowed an interval past it.
    """

    day: date
    start: date
    final_retention: float = FINAL_RETENTION

    def days_left(self, today: date) -> int:
        return (self.day - today).days

    def active(self, today: date) -> bool:
        """Before the interview day; on it and after, FSRS runs as without a date."""
        return self.days_left(today) > 0

    @property
    def review_only_days(self) -> int:
        span = max(0, (self.day - self.start).days)
        return max(REVIEW_ONLY_MIN_DAYS, math.ceil(REVIEW_ONLY_SHARE * span))

    def new_days_left(self, today: date) -> int:
        """Study days, today included, on which new questions may still come."""
        return max(0, self.days_left(today) - self.review_only_days)

    def new_today(self, unseen: int, today: date, floor: int) -> int:
        """Today's total of new questions: the unseen ones over the days left for them,
        a little more on earlier days (FRONT_LOAD); the last such day takes all the rest.

        `unseen` counts those still unseen when the day began; `floor` (the
        user's new_per_day) is a minimum on days that take new questions.
        """
        if not self.active(today):
            return floor
        days = self.new_days_left(today)
        if days == 0:
            return 0
        return max(floor, math.ceil(unseen * FRONT_LOAD / (days + FRONT_LOAD - 1)))

    def retention(self, today: date, base: float) -> float:
        """The desired retention: raised on the review-only days, the user's own before.

        Raising it for a whole week (the first design) cost a third more answers on
        the busiest day for the same readiness; the cap does that work instead.
        """
        if 0 < self.days_left(today) <= self.review_only_days:
            return max(base, self.final_retention)
        return base


def capped_interval(
    interval: timedelta,
    stability: float | None,
    now: datetime,
    interview: datetime,
    safe: float = FINAL_RETENTION,
) -> timedelta:
    """An interval that would first fall due after the interview, unless the card is safe.

    A card whose predicted recall at the interview is still `safe` or more keeps
    its interval. Otherwise the review comes after half the time left (at least
    a day): a card due on the day itself is reviewed too late, and every card
    due on the eve is a pile-up. With a desired retention of 0.9 FSRS never
    schedules past the day a card below 0.9 then, so `safe` must be above it to
    do anything.
    """
    if now + interval <= interview or recall(stability, now, interview) >= safe:
        return interval
    left_days = (interview - now).total_seconds() / 86_400
    return min(interval, timedelta(days=max(1, math.floor(left_days / 2))))
