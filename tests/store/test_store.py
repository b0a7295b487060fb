"""The Store API the session codes against: record, queue, undo, flags, leeches, settings."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from quizcli.errors import UsageError
from quizcli.srs import Rating, outcomes
from quizcli.store import ReviewRecord, Store, open_store
from tests.store.conftest import NOW
from tests.store.helpers import answer, graduate, practise

DAY = timedelta(days=1)
IDS = ["q-a", "q-b", "q-c", "q-d", "q-e"]


def test_record_keeps_the_answer_and_the_chosen_state(store: Store) -> None:
    review_id = answer(store, "q-a", Rating.EASY, NOW)
    expected = outcomes(None, "q-a", NOW, fuzz=False)[Rating.EASY].card
    assert store.card("q-a") == expected
    [kept] = store.reviews("q-a")
    assert kept.id == review_id
    assert (kept.rating, kept.answer, kept.duration_ms, kept.reviewed_at) == (
        Rating.EASY,
        "my answer",
        1500,
        NOW,
    )
    assert kept.before is None
    assert kept.after == expected


def test_record_is_visible_to_another_connection_at_once(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW)
    with open_store(now=NOW) as other:
        assert len(other.reviews("q-a")) == 1


def test_new_question_has_no_card(store: Store) -> None:
    assert store.card("q-a") is None
    assert store.reviews("q-a") == []


def test_practice_is_logged_but_leaves_the_schedule_alone(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW)
    scheduled = store.card("q-a")
    practise(store, "q-a", NOW + DAY)
    practise(store, "q-b", NOW + DAY)
    assert store.card("q-a") == scheduled
    assert store.card("q-b") is None
    assert [r.mode for r in store.reviews("q-a")] == ["review", "practice"]
    assert store.queue(NOW + DAY, ["q-b"], 10) == ["q-b"]


def test_inconsistent_records_are_refused(store: Store) -> None:
    card = outcomes(None, "q-a", NOW, fuzz=False)[Rating.GOOD].card
    with pytest.raises(ValueError, match="practice never changes"):
        store.record(ReviewRecord("q-a", "s", "practice", None, "", "", 0, NOW, None, card))
    with pytest.raises(ValueError, match="needs the rating"):
        store.record(ReviewRecord("q-a", "s", "review", None, "", "", 0, NOW, None, card))


def test_queue_new_questions_in_order_up_to_the_allowance(store: Store) -> None:
    assert store.queue(NOW, IDS, 3) == ["q-a", "q-b", "q-c"]
    assert store.queue(NOW, IDS, 0) == []


def test_queue_counts_new_questions_already_started_today(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW)
    answer(store, "q-b", Rating.EASY, NOW)
    assert store.queue(NOW + timedelta(hours=1), IDS, 3) == ["q-c"]
    tomorrow = NOW + DAY
    assert store.queue(tomorrow, IDS, 3) == ["q-c", "q-d", "q-e"]


def test_queue_puts_due_first_least_remembered_first(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW - 20 * DAY)
    answer(store, "q-a", Rating.GOOD, NOW - 20 * DAY + timedelta(minutes=10))
    answer(store, "q-b", Rating.EASY, NOW - 20 * DAY)
    answer(store, "q-c", Rating.EASY, NOW - 9 * DAY)
    queue = store.queue(NOW, IDS, 10)
    assert queue[:3] == ["q-a", "q-b", "q-c"]
    assert queue[3:] == ["q-d", "q-e"]


def test_queue_review_cards_due_later_today_count_as_due(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW - 8 * DAY + timedelta(hours=6))
    assert store.card("q-a").due > NOW  # type: ignore[union-attr]
    assert store.queue(NOW, ["q-a"], 0) == ["q-a"]


def test_queue_learning_steps_wait_for_their_minute(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW)
    assert store.queue(NOW + timedelta(minutes=5), ["q-a"], 10) == []
    assert store.queue(NOW + timedelta(minutes=10), ["q-a"], 10) == ["q-a"]


def test_queue_only_returns_the_ids_asked_for(store: Store) -> None:
    answer(store, "q-z", Rating.EASY, NOW - 30 * DAY)
    assert store.queue(NOW, ["q-a"], 10) == ["q-a"]


def test_undo_rebuilds_the_card_from_the_log(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW)
    first = store.card("q-a")
    answer(store, "q-a", Rating.AGAIN, NOW + timedelta(minutes=10))
    undone = store.undo_last("s1")
    assert undone is not None
    assert (undone.question_id, undone.rating) == ("q-a", Rating.AGAIN)
    assert store.card("q-a") == first
    assert [r.rating for r in store.reviews("q-a")] == [Rating.GOOD]
    history = store.reviews("q-a", include_undone=True)
    assert [(r.rating, r.undone) for r in history] == [(Rating.GOOD, False), (Rating.AGAIN, True)]


def test_undo_of_the_first_answer_makes_the_question_new_again(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW)
    store.undo_last("s1")
    assert store.card("q-a") is None
    assert store.queue(NOW, ["q-a"], 1) == ["q-a"]


def test_undo_is_per_session_and_stops_when_nothing_is_left(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW, session="mine")
    answer(store, "q-b", Rating.GOOD, NOW, session="other")
    assert store.undo_last("mine").question_id == "q-a"  # type: ignore[union-attr]
    assert store.undo_last("mine") is None
    assert store.card("q-b") is not None


def test_suspend_unsuspend(store: Store) -> None:
    store.suspend("q-a", NOW)
    assert store.status("q-a").suspended
    assert store.queue(NOW, ["q-a", "q-b"], 10) == ["q-b"]
    store.unsuspend("q-a", NOW)
    assert not store.status("q-a").suspended
    assert store.queue(NOW, ["q-a", "q-b"], 10) == ["q-a", "q-b"]


def test_bury_hides_until_the_next_study_day(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW - 10 * DAY)
    until = store.bury("q-a", NOW)
    assert until == NOW.replace(hour=4) + DAY
    assert store.queue(NOW, ["q-a"], 10) == []
    assert store.queue(until, ["q-a"], 10) == ["q-a"]


def lapse_once(store: Store, qid: str, now: datetime) -> None:
    """Graduate the card with Easy, then forget it."""
    answer(store, qid, Rating.EASY, now)
    answer(store, qid, Rating.AGAIN, store.card(qid).due)  # type: ignore[union-attr]


def test_eighth_lapse_flags_a_leech_and_suspends_it(store: Store) -> None:
    moment = NOW
    for _ in range(7):
        lapse_once(store, "q-a", moment)
        moment = store.card("q-a").due + DAY  # type: ignore[union-attr]
    assert store.status("q-a").lapses == 7
    assert not store.status("q-a").leech
    lapse_once(store, "q-a", moment)
    status = store.status("q-a")
    assert (status.lapses, status.leech, status.suspended) == (8, True, True)
    assert store.queue(moment + 30 * DAY, ["q-a"], 10) == []
    store.undo_last("s1")
    assert not store.status("q-a").leech
    assert not store.status("q-a").suspended


def test_unsuspended_leech_is_not_suspended_again_at_once(store: Store) -> None:
    moment = NOW
    for _ in range(9):
        if store.status("q-a").suspended:
            store.unsuspend("q-a", moment)
        lapse_once(store, "q-a", moment)
        moment = store.card("q-a").due + DAY  # type: ignore[union-attr]
    status = store.status("q-a")
    assert (status.lapses, status.leech, status.suspended) == (9, True, False)


def test_next_due(store: Store) -> None:
    answer(store, "q-a", Rating.EASY, NOW)
    answer(store, "q-b", Rating.GOOD, NOW)
    assert store.next_due(IDS, NOW) == NOW + timedelta(minutes=10)
    assert store.next_due(["q-a"], NOW) == store.card("q-a").due  # type: ignore[union-attr]
    assert store.next_due(["q-c"], NOW) is None


def test_next_due_of_a_buried_question_is_when_it_comes_back(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW)
    until = store.bury("q-a", NOW)
    assert store.card("q-a").due < until  # type: ignore[union-attr]
    assert store.next_due(["q-a"], NOW) == until


def test_settings_defaults_and_changes(store: Store) -> None:
    assert (store.settings().new_per_day, store.settings().desired_retention) == (10, 0.9)
    assert store.settings().fuzz is True
    store.set_setting("new_per_day", "25")
    store.set_setting("fuzz", "off")
    assert store.settings().new_per_day == 25
    assert store.settings().fuzz is False


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("new_per_day", "-1", "between 0 and 1000"),
        ("new_per_day", "ten", "not a valid value"),
        ("desired_retention", "0.5", "between 0.70 and 0.99"),
        ("colour", "red", "unknown setting 'colour'"),
    ],
)
def test_bad_settings_are_refused_with_the_fix(
    store: Store, key: str, value: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        store.set_setting(key, value)


def test_card_cache_is_rebuilt_from_the_log(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW)
    answer(store, "q-a", Rating.GOOD, NOW + timedelta(minutes=10))
    store.suspend("q-b", NOW)
    expected = (store.card("q-a"), store.status("q-a"), store.status("q-b"))
    assert store.rebuild_cards() == 0
    store.db.execute("DELETE FROM cards")
    store.db.execute("INSERT INTO cards (question_id, lapses) VALUES ('ghost', 3)")
    assert store.rebuild_cards() == 3
    assert (store.card("q-a"), store.status("q-a"), store.status("q-b")) == expected
    assert store.status("ghost").lapses == 0


def test_due_questions_come_least_recalled_first_as_srs_computes_recall(store: Store) -> None:
    """The queue's SQL recall (cache.DUE_ORDER) orders as srs's closed form does."""
    from quizcli.srs import retrievability

    ids = ["q-0", "q-1", "q-2"]
    for qid, days in zip(ids, (30, 90, 60), strict=True):
        graduate(store, qid, NOW - timedelta(days=days))
    recall = {qid: retrievability(store.card(qid), NOW) for qid in ids}  # type: ignore[arg-type]
    assert len({round(r, 2) for r in recall.values()}) == 3
    assert store.queue(NOW, ids, 0) == sorted(ids, key=recall.__getitem__) == ["q-1", "q-2", "q-0"]


def test_near_ties_between_due_cards_are_broken_by_the_seeded_rng(store: Store) -> None:
    ids = [f"q-{n:02d}" for n in range(12)]
    for qid in ids:
        graduate(store, qid, NOW - timedelta(days=20))
    graduate(store, "weakest", NOW - timedelta(days=60))
    first = store.queue(NOW, [*ids, "weakest"], 0, random.Random(1))
    assert first[0] == "weakest" and sorted(first[1:]) == ids
    assert first == store.queue(NOW, [*ids, "weakest"], 0, random.Random(1))
    orders = {tuple(store.queue(NOW, ids, 0, random.Random(seed))) for seed in range(5)}
    assert len(orders) > 1
    assert any(list(order) != ids for order in orders)


def test_recall_stays_above_a_level_for_a_fixed_multiple_of_stability() -> None:
    """stats' mastery in SQL (elapsed <= recall_within(0.9) x stability) is recall >= 0.9."""
    from quizcli.srs import CardState, retrievability
    from quizcli.store.cache import recall_within

    for level in (0.5, 0.9, 0.97):
        at = NOW + timedelta(days=recall_within(level) * 12.0)
        card = CardState("review", None, 12.0, 5.0, NOW, NOW)
        assert retrievability(card, at) == pytest.approx(level, rel=1e-9)
