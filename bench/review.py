"""Review-data scale: a synthetic history of 10,000 cards and 1,000,000 reviews.

Prints the bytes each review takes on disk, the first command of a day's wait
(it starts the backup in the background; goal <= 100 ms), the backup itself
(in the background) and its size against the database's (goal <= 25 %),
opening the database and building today's queue (goal <= 100 ms), `stats`
(goal <= 500 ms; also with the interview readiness the command adds), one
answer's commit, and `doctor` (integrity check and a full cache rebuild;
goal <= 10 s). The history is written straight into SQLite
(the review log's own columns, a plausible FSRS state per row), then the card
cache and the running totals are rebuilt from it.

    python bench/review.py                      # 10k cards, 1M reviews (about a minute)
    python bench/review.py --cards 50000 --reviews 5000000   # the large case (minutes)
    python bench/review.py --keep DIR           # keep the database; reuse it with --reuse
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizcli.bank.model import TOPICS
from quizcli.plans import readiness_report
from quizcli.srs import CardState, Rating, outcomes
from quizcli.store import ReviewRecord, Store, open_store
from quizcli.store.backup import backups, backups_dir, failure_path, has_label, make
from quizcli.store.connection import immediate
from quizcli.store.doctor import diagnose
from quizcli.store.records import INSERT_REVIEW, state_values, to_ms

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
SPAN_DAYS = 730


def review_round(
    k: int, rounds: int, before: list[bool], rng: random.Random
) -> list[tuple[object, ...]]:
    """Review number k of every card, in time order as a real log grows.

    Rounds are spread evenly over two years and each card falls due near its next
    round, so about a quarter of the cards are due today: more than on a real day,
    so a harder queue to build. Cards are numbered from 1 (questions.id) and
    the round is the session.
    """
    step = timedelta(days=SPAN_DAYS) / (rounds + 1)
    base = NOW - timedelta(days=SPAN_DAYS) + step * (k + 1)
    rows = []
    for card, seen in enumerate(before):
        when = base + timedelta(minutes=rng.randrange(600))
        rating = rng.choices((1, 2, 3, 4), weights=(10, 5, 80, 5))[0]
        interval = step * rng.uniform(0.8, 1.6)
        stability = interval / timedelta(days=1)
        after = CardState("review", None, stability, rng.uniform(1, 10), when + interval, when)
        ms = to_ms(when)
        phase = 2 if seen else 0
        rows.append(
            (
                *(card + 1, k + 1, 0, rating, "correct" if rating > 1 else "incorrect"),
                "a typed answer of ordinary length, about a line or so",
                *(rng.randrange(3000, 60000), ms, phase, int(rating == 1 and seen)),
                *state_values(after, ms),
            )
        )
        before[card] = True
    return sorted(rows, key=lambda row: row[7])  # type: ignore[return-value]


def build(path: Path, cards: int, rounds: int) -> float:
    rng = random.Random(42)
    start = time.perf_counter()
    seen = [False] * cards
    with open_store(path, now=NOW, backup_daily=False) as store:
        with immediate(store.db):
            store.db.executemany(
                "INSERT INTO questions (question_id) VALUES (?)",
                [(f"q-{i:05d}",) for i in range(cards)],
            )
            store.db.executemany(
                "INSERT INTO sessions (session_id) VALUES (?)",
                [(f"bench-{k}",) for k in range(rounds)],
            )
        for k in range(rounds):
            rows = review_round(k, rounds, seen, rng)
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


def first_of_day(path: Path) -> float:
    """The wait of the day's first command: open, start the backup worker, close."""
    os.environ.pop("QUIZCLI_BACKUP", None)
    for old in backups(path):
        old.path.unlink()
    start = time.perf_counter()
    open_store(path, now=NOW).close()
    waited = (time.perf_counter() - start) * 1000
    while not has_label(path, NOW.date().isoformat()):  # let the worker finish
        if failure_path(path).exists():
            raise SystemExit(failure_path(path).read_text())
        time.sleep(0.1)
    import fcntl

    with (backups_dir(path) / ".lock").open("a") as lock:  # and its pruning
        fcntl.flock(lock, fcntl.LOCK_EX)
    return waited


def background_backup(path: Path) -> tuple[float, float]:
    """Seconds the backup itself takes (in its worker) and its size against the database."""
    for old in backups(path):
        old.path.unlink()
    start = time.perf_counter()
    made = make(path, NOW.date().isoformat())  # today's: later opens start no other worker
    assert made is not None, "the backup failed: see quizcli.db.backup-failed"
    took = time.perf_counter() - start
    return took, made.path.stat().st_size / path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="Write the database here and keep it.")
    parser.add_argument("--reuse", action="store_true", help="Use the database left in --keep.")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "quizcli.db"
        rounds = max(1, args.reviews // args.cards)
        total = rounds * args.cards
        if not (args.reuse and path.exists()):
            for stale in folder.glob("quizcli.db*"):
                stale.unlink()
            built = build(path, args.cards, rounds)
        else:
            built = 0.0
        size = path.stat().st_size
        print(
            f"built {args.cards} cards, {total} reviews in {built:.1f} s ({size / 1e6:.0f} MB)",
            flush=True,
        )
        print(f"bytes per review on disk             {size / total:8.1f}     (goal <= 150)")
        wait_ms = first_of_day(path)
        print(f"daily backup: first command's wait   {wait_ms:8.1f} ms  (goal <= 100 ms)")
        took, share = background_backup(path)
        print(
            f"daily backup: worker (background)    {took * 1000:8.1f} ms  "
            f"({share:.0%} of the database; goal <= 25 %)"
        )
        ids = [f"q-{i:05d}" for i in range(args.cards)] + [f"new-{i}" for i in range(200)]
        topics = {qid: TOPICS[i % len(TOPICS)] for i, qid in enumerate(ids)}
        due = len(open_and_queue(path, ids))
        queue_ms = median_ms(lambda: open_and_queue(path, ids), args.runs)
        print(f"open + today's queue ({due} questions) {queue_ms:6.1f} ms  (goal <= 100 ms)")
        with open_store(path, now=NOW, backup_daily=False) as store:
            stats_ms = median_ms(lambda: store.stats(NOW, topics), args.runs)
            print(f"stats                                {stats_ms:8.1f} ms  (goal <= 500 ms)")
            both_ms = median_ms(
                lambda: (store.stats(NOW, topics), readiness_report(store, topics, NOW)),
                args.runs,
            )
            print(f"stats + readiness (`quizcli stats`)  {both_ms:8.1f} ms")
            counter = iter(range(10**9))
            commit_ms = median_ms(
                lambda: commit_one(store, args.cards, counter), max(args.runs, 50)
            )
            print(f"one answer: outcomes + commit        {commit_ms:8.2f} ms")
        doctor_ms = median_ms(lambda: diagnose(path, NOW), 1)
        print(f"doctor (quick_check + rebuild)       {doctor_ms:8.1f} ms  (goal <= 10 s)")
        for leftover in backups(path):
            leftover.path.unlink()


if __name__ == "__main__":
    main()
