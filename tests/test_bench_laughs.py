"""bench/laughs.py still runs and finds the warning naming the hostile user bank (no timing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "laughs.py"


def test_bench_names_the_hostile_bank(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    warning, cold, *warm = done.stdout.splitlines()
    assert "skipped the bank" in warning and "laughs.yaml" in warning
    assert cold.startswith("cold: warning at") and cold.endswith("lines listed")
    assert int(cold.split(", ")[-1].split()[0]) > 500  # the bundled questions still list
    assert [line.split(":")[0] for line in warm] == ["warm, median of 1"] * 3
