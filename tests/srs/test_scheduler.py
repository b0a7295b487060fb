"""Golden intervals of FSRS-6 with its default parameters, a fixed clock and fuzz off.

The numbers are those of py-fsrs 6.x; a change here means the schedule users
get has changed, which must be a deliberate decision.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from quizcli.srs import CardState, Rating, format_interval, is_lapse, outcomes, retrievability

START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
MIN = timedelta(minutes=1)
DAY = timedelta(days=1)


def labels(card: CardState | None, now: datetime) -> dict[str, str]:
    return {r.name: o.label for r, o in outcomes(card, "q", now, fuzz=False).items()}


def follow(ratings: list[Rating]) -> tuple[CardState, datetime]:
    """Answer each rating exactly when the card falls due."""
    card, now = None, START
    for rating in ratings:
        card = outcomes(card, "q", now, fuzz=False)[rating].card
        now = card.due
    assert card is not None
    return card, now


def test_new_card_golden_intervals() -> None:
    result = outcomes(None, "q", START, fuzz=False)
    assert {r: o.interval for r, o in result.items()} == {
        Rating.AGAIN: 1 * MIN,
        Rating.HARD: timedelta(minutes=5, seconds=30),
        Rating.GOOD: 10 * MIN,
        Rating.EASY: 8 * DAY,
    }
    assert result[Rating.EASY].card.phase == "review"
    assert result[Rating.GOOD].card.phase == "learning"


def test_intervals_along_a_history() -> None:
    card, now = follow([Rating.GOOD])
    assert labels(card, now) == {"AGAIN": "1m", "HARD": "10m", "GOOD": "2d", "EASY": "4d"}
    card, now = follow([Rating.GOOD, Rating.GOOD])
    assert labels(card, now) == {"AGAIN": "10m", "HARD": "8d", "GOOD": "11d", "EASY": "19d"}
    card, now = follow([Rating.GOOD, Rating.GOOD, Rating.GOOD])
    assert card.stability == pytest.approx(10.971048, abs=1e-6)
    assert labels(card, now) == {"AGAIN": "10m", "HARD": "1.1mo", "GOOD": "1.5mo", "EASY": "2.6mo"}


def test_lapse_goes_to_relearning_and_comes_back_shorter() -> None:
    card, now = follow([Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.AGAIN])
    assert card.phase == "relearning"
    assert labels(card, now) == {"AGAIN": "10m", "HARD": "15m", "GOOD": "2d", "EASY": "3d"}


def test_review_interval_equals_stability_at_retention_point_nine() -> None:
    """FSRS schedules at R = desired retention: with 0.9 the interval is the stability."""
    card, now = follow([Rating.GOOD, Rating.GOOD])
    good = outcomes(card, "q", now, fuzz=False)[Rating.GOOD]
    assert good.interval.days == round(good.card.stability or 0)


def test_lower_retention_gives_longer_intervals() -> None:
    card, now = follow([Rating.GOOD, Rating.GOOD])
    strict = outcomes(card, "q", now, retention=0.95, fuzz=False)[Rating.GOOD].interval
    normal = outcomes(card, "q", now, retention=0.9, fuzz=False)[Rating.GOOD].interval
    loose = outcomes(card, "q", now, retention=0.8, fuzz=False)[Rating.GOOD].interval
    assert strict < normal < loose


def test_fuzz_stays_near_the_unfuzzed_interval() -> None:
    card, now = follow([Rating.GOOD, Rating.GOOD, Rating.GOOD])
    exact = outcomes(card, "q", now, fuzz=False)[Rating.GOOD].interval.days
    fuzzed = {outcomes(card, "q", now, fuzz=True)[Rating.GOOD].interval.days for _ in range(60)}
    assert len(fuzzed) > 1
    assert all(abs(days - exact) <= 0.1 * exact + 2 for days in fuzzed)


def test_retrievability_falls_with_time() -> None:
    card, now = follow([Rating.GOOD, Rating.GOOD])
    assert retrievability(card, card.last_review or now) == pytest.approx(1.0)
    at_due = retrievability(card, now)
    later = retrievability(card, now + 30 * DAY)
    assert 0.85 < at_due < 0.91
    assert later < at_due


def test_other_zero_offset_timezones_are_accepted() -> None:
    plus_zero = timezone(timedelta(0))
    moment = START.replace(tzinfo=plus_zero)
    assert outcomes(None, "q", moment, fuzz=False)[Rating.GOOD].interval == 10 * MIN


def test_card_state_round_trips_through_json() -> None:
    card, _ = follow([Rating.GOOD, Rating.AGAIN])
    assert CardState.from_dict(card.to_dict()) == card


def test_lapse_is_again_on_a_graduated_card_only() -> None:
    learning, _ = follow([Rating.GOOD])
    review, _ = follow([Rating.EASY])
    assert not is_lapse(None, Rating.AGAIN)
    assert not is_lapse(learning, Rating.AGAIN)
    assert is_lapse(review, Rating.AGAIN)
    assert not is_lapse(review, Rating.HARD)


@pytest.mark.parametrize(
    ("text", "rating"),
    [("1", Rating.AGAIN), ("good", Rating.GOOD), (" Easy ", Rating.EASY), ("5", None), ("", None)],
)
def test_rating_parse(text: str, rating: Rating | None) -> None:
    assert Rating.parse(text) is rating


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (MIN * 0.2, "1m"),
        (90 * MIN, "2h"),
        (3 * DAY, "3d"),
        (45 * DAY, "1.5mo"),
        (400 * DAY, "1.1y"),
    ],
)
def test_format_interval(interval: timedelta, label: str) -> None:
    assert format_interval(interval) == label
