"""Sync between machines: the cost of `quizcli sync` with a history of N answers.

Builds one machine's history as bench/review.py does (2,000 cards, 20,000
reviews by default), then times: its first sync (every answer written to its
file, every card replayed), a new machine's first sync (every answer merged and
replayed), a sync with nothing new (every file read), and the file's size.

    python bench/sync.py                          # 2,000 cards, 20,000 reviews
    python bench/sync.py --cards 5000 --reviews 100000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from review import NOW, build

from quizcli.store import open_store


def timed_sync(path: Path, folder: Path) -> tuple[float, int, int, int]:
    start = time.perf_counter()
    with open_store(path, now=NOW, backup_daily=False) as store:
        done = store.sync(folder)
    took = time.perf_counter() - start
    return took, done.answers_in, done.answers_out, done.replayed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=2_000)
    parser.add_argument("--reviews", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first, second, folder = root / "a" / "quizcli.db", root / "b" / "quizcli.db", root / "sync"
        for path in (first, second, folder / "x"):
            path.parent.mkdir(parents=True, exist_ok=True)
        rounds = max(1, args.reviews // args.cards)
        build(first, args.cards, rounds)
        total = rounds * args.cards
        print(f"history: {args.cards} cards, {total} answers")
        for label, path in (
            ("first sync of that machine (write + replay)", first),
            ("first sync of a new machine (merge + replay)", second),
            ("a sync with nothing new (read every file)", first),
        ):
            took, merged, sent, replayed = timed_sync(path, folder)
            print(
                f"{label:46} {took:7.2f} s  ({merged} merged, {sent} sent, "
                f"{replayed} cards replayed; {took / total * 1e3:.3f} ms per answer held)"
            )
        size = sum(p.stat().st_size for p in folder.glob("*.jsonl"))
        print(f"sync folder: {size / 1e6:.1f} MB, {size / total:.0f} bytes per answer")


if __name__ == "__main__":
    main()
