"""Review-data scale: a synthetic history of 10,000 cards and 1,000,000 reviews.

Prints medians for opening the database and building today's queue (goal <= 200 ms),
`stats` (goal <= 1 s) and one answer's commit, plus the one-off costs: the daily
backup and the integrity check with a full cache rebuild (`quizcli doctor`).
The history is written straight into SQLite (the review log's own columns, a
plausible FSRS state per row), then the card cache is rebuilt from it.

    python bench/review.py [--cards 10000] [--reviews 1000000] [--runs 11] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizcli.bank.model import TOPICS
from quizcli.srs import CardState, Rating, outcomes
from quizcli.store import ReviewRecord, Store, open_store
from quizcli.store.connection import immediate
from quizcli.store.doctor import diagnose
from quizcli.store.records import INSERT_REVIEW, state_json, to_ms

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
SPAN_DAYS = 730


def review_round(
    k: int, rounds: int, before: list[str | None], rng: random.Random
) -> list[tuple[object, ...]]:
    """Review number k of every card, in time order as a real log grows.

    Rounds are spread evenly over two years and each card falls due near its next
    round, so about a quarter of the cards are due today: more than on a real day,
    so a harder queue to build.
    """
    step = timedelta(days=SPAN_DAYS) / (rounds + 1)
    base = NOW - timedelta(days=SPAN_DAYS) + step * (k + 1)
    rows = []
    for card, previous in enumerate(before):
        when = base + timedelta(minutes=rng.randrange(600))
        rating = rng.choices((1, 2, 3, 4), weights=(10, 5, 80, 5))[0]
        interval = step * rng.uniform(0.8, 1.6)
        after = CardState("review", None, interval / timedelta(days=1), 5.0, when + interval, when)
        text = state_json(after)
        phase = "new" if previous is None else "review"
        rows.append(
            (
                f"q-{card:05d}",
                f"bench-{k}",
                "review",
                rating,
                "correct" if rating > 1 else "incorrect",
                "a typed answer of ordinary length, about a line or so",
                rng.randrange(3000, 60000),
                to_ms(when),
                phase,
                int(rating == 1 and phase == "review"),
                previous,
                text,
            )
        )
        before[card] = text
    return sorted(rows, key=lambda row: row[7])  # type: ignore[return-value]


def build(path: Path, cards: int, rounds: int) -> float:
    rng = random.Random(42)
    start = time.perf_counter()
    before: list[str | None] = [None] * cards
    with open_store(path, now=NOW, backup_daily=False) as store:
        for k in range(rounds):
            rows = review_round(k, rounds, before, rng)
            with immediate(store.db):
                store.db.executemany(INSERT_REVIEW, rows)
        store.rebuild_cards()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - start


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def open_and_queue(path: Path, ids: list[str]) -> list[str]:
    with open_store(path, now=NOW) as store:
        return store.queue(NOW, ids, 10)


def commit_one(store: Store, cards: int, counter: Iterator[int]) -> int:
    """Answer the next of the built cards, so each answer updates a card with history."""
    qid = f"q-{next(counter) % cards:05d}"
    before = store.card(qid)
    after = outcomes(before, qid, NOW, fuzz=False)[Rating.GOOD].card
    record = ReviewRecord(
        qid, "bench", "review", Rating.GOOD, "correct", "x", 5000, NOW, before, after
    )
    return store.record(record)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="Write the database here and keep it.")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = folder / "quizcli.db"
        for stale in folder.glob("quizcli.db*"):
            stale.unlink()
        rounds = max(1, args.reviews // args.cards)
        built = build(path, args.cards, rounds)
        size = path.stat().st_size / 1e6
        total = rounds * args.cards
        print(
            f"built {args.cards} cards, {total} reviews in {built:.1f} s ({size:.0f} MB)",
            flush=True,
        )
        ids = [f"q-{i:05d}" for i in range(args.cards)] + [f"new-{i}" for i in range(200)]
        topics = {qid: TOPICS[i % len(TOPICS)] for i, qid in enumerate(ids)}
        backup_ms = median_ms(lambda: open_store(path, now=NOW).close(), 1)
        print(f"daily backup (first open of a day)   {backup_ms:8.1f} ms")
        due = len(open_and_queue(path, ids))
        queue_ms = median_ms(lambda: open_and_queue(path, ids), args.runs)
        print(f"open + today's queue ({due} questions) {queue_ms:6.1f} ms  (goal <= 200 ms)")
        with open_store(path, now=NOW) as store:
            stats_ms = median_ms(lambda: store.stats(NOW, topics), args.runs)
            print(f"stats                                {stats_ms:8.1f} ms  (goal <= 1000 ms)")
            counter = iter(range(10**9))
            commit_ms = median_ms(
                lambda: commit_one(store, args.cards, counter), max(args.runs, 50)
            )
            print(f"one answer: outcomes + commit        {commit_ms:8.2f} ms")
        doctor_ms = median_ms(lambda: diagnose(path, NOW), 1)
        print(f"doctor (integrity check + rebuild)   {doctor_ms:8.1f} ms")


if __name__ == "__main__":
    main()
