"""Study days across daylight-saving changes, mastery, readiness data, forget and undo."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from quizcli import env
from quizcli.srs import Rating, day_start, study_day
from quizcli.store import Store, open_store
from tests.store.conftest import NOW
from tests.store.helpers import answer

BERLIN = ZoneInfo("Europe/Berlin")
DAY = timedelta(days=1)


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def test_a_0330_answer_stays_on_its_day_across_the_spring_change(berlin: None) -> None:
    """Clocks go forward on 2026-03-29; the stats are read a week later, in summer time."""
    now = local(date(2026, 4, 2), 12).astimezone(timezone.utc)
    days = [date(2026, 3, 24) + n * DAY for n in range(10)]
    with open_store(now=now) as store:
        for day in days:
            answer(store, "q-a", Rating.GOOD, local(day, 3, 30).astimezone(timezone.utc))
        figures = store.stats(now, {"q-a": "pooling"})
    # 03:30 is before the 04:00 day change: each answer belongs to the day before.
    assert figures.answers_per_day == {day - DAY: 1 for day in days}
    assert figures.streak == 10
    assert study_day(local(date(2026, 3, 25), 3, 30)) == date(2026, 3, 24)
    assert study_day(local(date(2026, 3, 30), 3, 30)) == date(2026, 3, 29)


def test_a_0330_answer_stays_on_its_day_across_the_autumn_change(berlin: None) -> None:
    """Clocks go back on 2026-10-25, making that study day 25 hours long."""
    now = local(date(2026, 10, 22), 12).astimezone(timezone.utc)
    days = [date(2026, 10, 20) + n * DAY for n in range(10)]
    with open_store(now=now) as store:
        for day in days:
            moment = local(day, 3, 30).astimezone(timezone.utc)
            answer(store, "q-a", Rating.GOOD, moment)
            answer(store, "q-b", Rating.GOOD, moment + timedelta(hours=1))  # 04:30: that day
        later = local(date(2026, 10, 30), 12).astimezone(timezone.utc)
        figures = store.stats(later, {"q-a": "pooling", "q-b": "pooling"})
    expected = {day - DAY: 1 for day in days}
    for day in days:
        expected[day] = expected.get(day, 0) + 1
    assert figures.answers_per_day == expected
    assert figures.streak == 11


def test_a_study_day_starts_at_0400_local_whatever_the_offset(berlin: None) -> None:
    assert day_start(date(2026, 3, 28)) == datetime(2026, 3, 28, 3, 0, tzinfo=timezone.utc)
    assert day_start(date(2026, 3, 29)) == datetime(2026, 3, 29, 2, 0, tzinfo=timezone.utc)


def test_bury_on_the_eve_of_the_change_ends_at_0400_summer_time(berlin: None) -> None:
    now = local(date(2026, 3, 28), 12).astimezone(timezone.utc)
    with open_store(now=now) as store:
        until = store.bury("q-a", now)
    assert until.astimezone(BERLIN).hour == 4


def test_quizcli_now_without_an_offset_is_local_time(
    berlin: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZCLI_NOW", "2026-03-10T09:00")
    assert env.now() == datetime(2026, 3, 10, 8, 0, tzinfo=timezone.utc)
    monkeypatch.setenv("QUIZCLI_NOW", "2026-07-10T09:00")
    assert env.now() == datetime(2026, 7, 10, 7, 0, tzinfo=timezone.utc)


def test_mastery_counts_graduated_cards_only(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW - timedelta(minutes=5))  # learning, just seen
    answer(store, "q-b", Rating.EASY, NOW - 40 * DAY)
    answer(store, "q-b", Rating.AGAIN, NOW - timedelta(minutes=2))  # relearning
    answer(store, "q-c", Rating.EASY, NOW - DAY)  # graduated, remembered
    topics = {"q-a": "pooling", "q-b": "pooling", "q-c": "pooling"}
    mastery = store.stats(NOW, topics).topics["pooling"]
    assert (mastery.reviewed, mastery.mastered) == (3, 1)


def test_forget_makes_a_question_new_and_keeps_its_log(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW - DAY)
    answer(store, "q-a", Rating.GOOD, NOW)
    assert store.forget("q-a", NOW) == 2
    assert store.card("q-a") is None
    assert [r.undone for r in store.reviews("q-a", include_undone=True)] == [True, True]
    assert store.queue(NOW, ["q-a"], 1) == ["q-a"]  # new again


def test_undo_latest_takes_back_the_last_answer_of_any_session(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW - DAY, session="yesterday")
    answer(store, "q-b", Rating.AGAIN, NOW - timedelta(hours=1), session="today")
    taken = store.undo_latest(NOW)
    assert taken is not None and taken.question_id == "q-b"
    taken = store.undo_latest(NOW)
    assert taken is not None and taken.question_id == "q-a"
    assert store.undo_latest(NOW) is None


def test_misses_and_memories(store: Store) -> None:
    answer(store, "q-a", Rating.AGAIN, NOW - 10 * DAY)
    answer(store, "q-b", Rating.AGAIN, NOW - 2 * DAY)
    answer(store, "q-c", Rating.GOOD, NOW - DAY)
    assert store.misses(NOW - 7 * DAY) == {"q-b": NOW - 2 * DAY}
    memories = store.memories()
    assert set(memories) == {"q-a", "q-b", "q-c"}
    assert memories["q-c"].phase == "learning"
    assert memories["q-c"].last_review == NOW - DAY
