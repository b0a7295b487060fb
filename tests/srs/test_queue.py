"""A session's order: learning steps come back in the session, learn-ahead, the outlook."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from quizcli.srs import CardState
from quizcli.srs.card import Memory
from quizcli.srs.queue import StudyQueue, outlook

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
MIN = timedelta(minutes=1)
DAY_END = datetime(2026, 3, 11, 4, 0, tzinfo=timezone.utc)


def learning(due: datetime, phase: str = "learning") -> CardState:
    return CardState(phase, 0, 0.2, 5.0, due, NOW)


def test_an_again_card_comes_back_when_its_step_falls_due_before_the_rest() -> None:
    queue = StudyQueue(["a", "b", "c"])
    assert queue.next(NOW) == "a"
    queue.answered("a", learning(NOW + MIN))
    assert queue.next(NOW) == "b"
    assert queue.next(NOW + 2 * MIN) == "a"  # its step is due: ahead of c
    assert queue.next(NOW + 2 * MIN) == "c"
    assert queue.next(NOW + 2 * MIN) is None


def test_learn_ahead_shows_steps_due_within_20_minutes_once_nothing_else_is_left() -> None:
    queue = StudyQueue(["a"], [(NOW + 30 * MIN, "later")])
    assert queue.next(NOW) == "a"
    queue.answered("a", learning(NOW + 10 * MIN))
    assert len(queue) == 2
    assert queue.next(NOW) == "a"  # 10 minutes ahead: learnt ahead, no waiting
    assert queue.next(NOW) is None  # 30 minutes away: the session ends
    assert queue.next(NOW + 11 * MIN) == "later"


def test_a_graduated_card_is_done_for_the_session() -> None:
    queue = StudyQueue(["a"])
    queue.next(NOW)
    queue.answered("a", CardState("review", None, 3.0, 5.0, NOW + 3 * timedelta(days=1), NOW))
    queue.answered("a", None)  # practice leaves no state
    assert queue.next(NOW) is None


def test_ask_first_drops_the_step_an_undone_answer_was_waiting_for() -> None:
    queue = StudyQueue(["b"])
    queue.answered("a", learning(NOW + MIN, "relearning"))
    queue.ask_first("a")
    assert [queue.next(NOW + 5 * MIN) for _ in range(3)] == ["a", "b", None]


def memory(qid: str, phase: str | None, due: datetime, suspended: bool = False) -> Memory:
    return Memory(qid, phase, 1.0, due, NOW, NOW, suspended)


def test_outlook_says_what_is_due_now_later_today_and_when() -> None:
    rows = [
        memory("overdue-review", "review", NOW - timedelta(days=2)),
        memory("review-this-evening", "review", NOW + timedelta(hours=6)),
        memory("step-due", "learning", NOW - MIN),
        memory("step-later", "relearning", NOW + 10 * MIN),
        memory("tomorrow", "review", DAY_END + timedelta(hours=5)),
        memory("next-week", "review", NOW + timedelta(days=7)),
        memory("suspended", "review", NOW - MIN, suspended=True),
        memory("flags-only", None, NOW),
    ]
    ahead = outlook(rows, NOW, DAY_END)
    assert (ahead.due_now, ahead.later_today) == (3, 1)
    assert ahead.next_at == NOW + 10 * MIN
    assert ahead.by_tomorrow_end == 5
