"""What a session runs per answer reads only that question's or that session's rows.

Reading every review (a scan, or a search on `mode` alone) costs nothing on a
test database and seconds on a million reviews, so the plan is checked rather
than the time.
"""

from __future__ import annotations

from datetime import timedelta

from quizcli.srs import Rating
from quizcli.store import Store
from tests.store.conftest import NOW
from tests.store.helpers import answer

NARROW = ("reviews_question", "reviews_missed", "INTEGER PRIMARY KEY")


def test_answering_never_scans_the_review_log(store: Store) -> None:
    answer(store, "q-a", Rating.GOOD, NOW - timedelta(days=3))
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    store.queue(NOW, ["q-a", "q-b"], 10)
    store.card("q-a")
    answer(store, "q-a", Rating.AGAIN, NOW)
    store.status("q-a")
    store.undo_last("s1")
    store.undo_last("nobody")
    store.reviews("q-a")
    store.next_due(["q-a"], NOW)
    store.suspend("q-b", NOW)
    assert store.misses(NOW - timedelta(days=1)) == {}  # the Again was taken back
    answer(store, "q-a", Rating.AGAIN, NOW)
    assert list(store.misses(NOW - timedelta(days=1))) == ["q-a"]
    assert store.forget("q-a", NOW) == 2
    store.db.set_trace_callback(None)
    queries = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "INSERT"))]
    assert len(queries) > 10
    for sql in queries:
        for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"):
            step = row[3]
            if step.startswith(("SCAN reviews", "SEARCH reviews")):
                assert any(name in step for name in NARROW), (sql, step)
