"""Two processes writing the same database at once lose nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from quizcli.srs import Rating
from quizcli.store import ReviewRecord, connection, open_store
from tests.store.conftest import NOW
from tests.store.helpers import answer

WRITER = """
import sys
from datetime import datetime, timedelta, timezone
from quizcli.srs import Rating
from quizcli.store import open_store
from tests.store.helpers import answer

path, session = sys.argv[1], sys.argv[2]
print("ready", flush=True)
sys.stdin.readline()
now = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
with open_store(__import__("pathlib").Path(path), now=now) as store:
    for i in range(200):
        answer(store, f"q-{i % 25}", Rating(1 + i % 4), now + timedelta(seconds=i), session)
print("done")
"""


def test_two_writers_keep_all_400_reviews(tmp_path: Path) -> None:
    """Both open the new file and start answering together, released once both have imported."""
    path = tmp_path / "shared.db"
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    for writer in writers:
        assert writer.stdout and writer.stdout.readline() == "ready\n", writer.communicate()
    for writer in writers:
        assert writer.stdin
        writer.stdin.write("go\n")
        writer.stdin.flush()
    results = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], results
    with open_store(path, now=NOW) as store:
        sessions = store.db.execute(
            "SELECT session_id, count(*) FROM reviews JOIN sessions ON sessions.id = session "
            "GROUP BY session_id ORDER BY session_id"
        ).fetchall()
        assert sessions == [("left", 200), ("right", 200)]
        assert store.rebuild_cards() == 0


def test_opening_a_new_file_waits_for_another_opener(tmp_path: Path) -> None:
    """Switching to WAL does not go through the busy handler; open_store must wait anyway."""
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE held (x)")
    holder.execute("BEGIN IMMEDIATE")  # a writer on the new file, as another opener is
    release = threading.Timer(0.5, holder.execute, ["COMMIT"])
    release.start()
    try:
        with open_store(path, now=NOW) as store:
            assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        release.join()
        holder.close()


def test_an_answer_outwaits_a_lock_held_past_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer is kept and retried, never dropped; the holder lets go when told of the wait."""
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 20)
    path = tmp_path / "q.db"
    with open_store(path, now=NOW) as store:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        waited: list[str] = []

        def let_go(review: ReviewRecord) -> None:
            waited.append(review.question_id)
            holder.execute("ROLLBACK")

        store.on_wait = let_go  # type: ignore[method-assign]
        answer(store, "q-a", Rating.GOOD, NOW)
        holder.close()
        assert waited == ["q-a"]
        assert len(store.reviews("q-a")) == 1
