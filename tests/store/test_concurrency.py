"""Two processes writing the same database at once lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from quizcli.store import open_store
from tests.store.conftest import NOW

WRITER = """
import sys, time
from datetime import datetime, timedelta, timezone
from quizcli.srs import Rating
from quizcli.store import open_store
from tests.store.helpers import answer

path, session, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
while time.time() < start:
    time.sleep(0.001)
now = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
with open_store(__import__("pathlib").Path(path), now=now) as store:
    for i in range(200):
        answer(store, f"q-{i % 25}", Rating(1 + i % 4), now + timedelta(seconds=i), session)
print("done")
"""


def test_two_writers_keep_all_400_reviews(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    start = time.time() + 1.5
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("left", "right")
    ]
    results = [w.communicate(timeout=120) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], results
    with open_store(path, now=NOW) as store:
        sessions = store.db.execute(
            "SELECT session_id, count(*) FROM reviews GROUP BY session_id ORDER BY session_id"
        ).fetchall()
        assert sessions == [("left", 200), ("right", 200)]
        assert store.rebuild_cards() == 0
