"""Studying toward a date: pacing, interleaving, the interview cap, retention, interval order."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from quizcli.srs import CardState, Rating, outcomes
from quizcli.srs.exam import Exam, capped_interval
from quizcli.srs.memory import recall
from quizcli.srs.order import interleave

TODAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
TOPICS = ("activations", "normalization", "optimization", "pooling", "regularization")


@dataclass(frozen=True)
class Q:
    id: str
    topic: str
    type: str
    difficulty: int


def blocked_bank(per_topic: int = 66) -> list[Q]:
    """A bank in file order, one topic after another, as the bundled banks load."""
    kinds = ("concept", "choice", "numeric", "derivation")
    return [
        Q(f"{topic}-{n}", topic, kinds[n % 4], 1 + n * 3 // per_topic)
        for topic in TOPICS
        for n in range(per_topic)
    ]


def daily_plan(bank: list[Q], exam: Exam, floor: int = 10) -> list[list[Q]]:
    """New questions taken each study day, in the interleaved order."""
    order, days = interleave(bank), []
    for day in range(exam.days_left(exam.start)):
        today = exam.start + timedelta(days=day)
        take = exam.new_today(len(order), today, floor)
        days.append(order[:take])
        order = order[take:]
    return days


def test_every_topic_is_introduced_in_the_first_fifth_of_a_14_day_plan() -> None:
    exam = Exam(TODAY + timedelta(days=14), TODAY)
    days = daily_plan(blocked_bank(), exam)
    first_fifth = [q for day in days[: int(0.2 * 14)] for q in day]
    assert {q.topic for q in first_fifth} == set(TOPICS)
    assert {q.topic for q in days[0]} == set(TOPICS)


def test_a_14_day_plan_introduces_everything_by_day_11_then_reviews_only() -> None:
    exam = Exam(TODAY + timedelta(days=14), TODAY)
    days = daily_plan(blocked_bank(), exam)
    assert sum(len(day) for day in days[:11]) == 330
    assert [len(day) for day in days[11:]] == [0, 0, 0]
    assert exam.review_only_days == 3
    sizes = [len(day) for day in days[:11]]
    assert sizes == sorted(sizes, reverse=True)  # front-loaded: never more later


def test_new_per_day_is_a_floor_and_the_reserve_does_not_shrink() -> None:
    exam = Exam(TODAY + timedelta(days=14), TODAY)
    assert exam.new_today(5, TODAY, floor=20) == 20
    late = TODAY + timedelta(days=10)  # 4 days left: the last day for new questions
    assert exam.new_days_left(late) == 1
    assert exam.new_today(57, late, floor=10) == 57
    assert exam.new_today(57, late + timedelta(days=1), floor=10) == 0
    assert Exam(TODAY + timedelta(days=3), TODAY).review_only_days == 2


def test_after_the_interview_the_plain_settings_return() -> None:
    exam = Exam(TODAY, TODAY - timedelta(days=14))
    assert not exam.active(TODAY)
    assert exam.new_today(300, TODAY, floor=10) == 10
    assert exam.retention(TODAY, 0.9) == 0.9
    assert exam.retention(TODAY - timedelta(days=2), 0.9) == 0.95
    assert exam.retention(TODAY - timedelta(days=10), 0.9) == 0.9


def test_interleave_mixes_topics_then_difficulty_then_types() -> None:
    bank = [
        Q("a-hard", "a", "numeric", 3),
        Q("a-easy-1", "a", "choice", 1),
        Q("a-easy-2", "a", "choice", 1),
        Q("a-easy-3", "a", "concept", 1),
        Q("b-easy", "b", "concept", 1),
        Q("user-1", "mine", "choice", 2),
    ]
    assert [q.id for q in interleave(bank)] == [
        "a-easy-1",
        "b-easy",
        "user-1",
        "a-easy-3",
        "a-easy-2",
        "a-hard",
    ]


def graduated(days_ago: float, stability: float) -> CardState:
    last = NOW - timedelta(days=days_ago)
    return CardState("review", None, stability, 5.0, NOW, last)


def test_an_interval_past_the_interview_is_capped_unless_the_card_stays_safe() -> None:
    interview = NOW + timedelta(days=6)
    weak = capped_interval(timedelta(days=9), 4.0, NOW, interview)
    assert weak == timedelta(days=3)  # half the days left
    assert recall(4.0, NOW, interview) < 0.95
    strong = capped_interval(timedelta(days=40), 60.0, NOW, interview)
    assert strong == timedelta(days=40)
    assert recall(60.0, NOW, interview) >= 0.95
    assert capped_interval(timedelta(days=2), 1.0, NOW, interview) == timedelta(days=2)


def test_outcomes_before_an_interview_never_land_after_it_below_the_safe_recall() -> None:
    interview = NOW + timedelta(days=5)
    card = graduated(3, 3.0)
    plain = outcomes(card, "q", NOW, fuzz=False)
    capped = outcomes(card, "q", NOW, fuzz=False, interview=interview)
    assert plain[Rating.EASY].card.due > interview
    for rating, outcome in capped.items():
        after = outcome.card
        if after.due > interview:
            assert recall(after.stability, NOW, interview) >= 0.95, rating
        assert outcome.interval == after.due - NOW


@pytest.mark.parametrize("interview", [None, NOW + timedelta(days=4)])
def test_interval_order_holds_with_fuzz(interview: datetime | None) -> None:
    """Again <= Hard <= Good <= Easy for many cards and fuzz draws, as the keys show them."""
    rng = random.Random(7)
    states: list[CardState | None] = [None]
    for _ in range(60):
        stability, elapsed = rng.uniform(0.5, 80), rng.uniform(0.2, 60)
        phase = rng.choice(["review", "relearning", "learning"])
        states.append(
            CardState(
                phase,
                None if phase == "review" else rng.choice([0, 1]) % (1 + (phase == "learning")),
                stability,
                rng.uniform(1, 10),
                NOW,
                NOW - timedelta(days=elapsed),
            )
        )
    random.seed(3)  # py-fsrs draws its fuzz from the module's generator
    for card in states:
        for _ in range(5):
            result = outcomes(card, "q", NOW, fuzz=True, interview=interview)
            intervals = [result[r].interval for r in Rating]
            assert intervals == sorted(intervals), (card, intervals)
            assert all(result[r].card.due == NOW + result[r].interval for r in Rating)


def test_recall_is_fsrs_6_on_fractional_days() -> None:
    import fsrs

    card = outcomes(None, "q", NOW, fuzz=False)[Rating.AGAIN].card
    assert card.stability is not None
    assert recall(card.stability, card.last_review, NOW) == 1.0
    an_hour = recall(card.stability, card.last_review, NOW + timedelta(hours=1))
    assert 0.9 < an_hour < 1.0
    scheduler = fsrs.Scheduler()
    reference = fsrs.Card(
        card_id=1,
        state=fsrs.State.Review,
        stability=7.0,
        difficulty=5.0,
        due=NOW,
        last_review=NOW,
    )
    later = NOW + timedelta(days=5)
    assert recall(7.0, NOW, later) == pytest.approx(
        scheduler.get_card_retrievability(reference, later), abs=1e-9
    )
