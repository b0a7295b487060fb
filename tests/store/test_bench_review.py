"""bench/review.py still runs; at a tiny size, so no timing is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "review.py"


def test_bench_runs_at_a_tiny_size(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--cards", "20", "--reviews", "400", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("built 20 cards, 400 reviews")
    for figure in (
        "bytes per review",
        "daily backup",
        "open + today's queue",
        "stats",
        "one answer",
        "doctor",
    ):
        assert any(line.startswith(figure) for line in lines), figure
