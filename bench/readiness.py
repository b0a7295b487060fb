"""Readiness on the interview day: a simulated student studies the bundled bank toward a date.

The student's memory follows FSRS-6 with its default parameters: a question seen
before is recalled with its predicted recall at that moment (fractional days), a
first sight with probability P0. Recalled means Good, not recalled Again. One
session a day at 09:00 (UTC), 20 seconds per answer, fuzz off, several seeds.

(a) old: 10 new a day in bank order, desired retention 0.9, each card asked
    once per session (the behaviour before issue 9), simulated here directly
    with quizcli.srs.outcomes;
(b) new: the real `study` code path: `plans.study_plan` and `Session` against a
    store in a temporary directory, with `interview_date` set, driven through
    the session's Io.

Score: expected questions known on the interview morning (sum of predicted
recall over all questions, unseen ones 0). Prints answers per day for each plan.

    python bench/readiness.py [--days 14 28] [--seeds 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from quizcli import env
from quizcli.bank import default_sources, load_bank
from quizcli.bank.model import AnyQuestion, Text
from quizcli.srs import CardState, Outcome, Rating, outcomes
from quizcli.srs.memory import recall
from quizcli.store import Store

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
P0 = 0.5
SECONDS_PER_ANSWER = 20
OLD_NEW_PER_DAY = 10


@dataclass
class Result:
    per_day: list[int] = field(default_factory=list)
    known: float = 0.0

    @property
    def answers(self) -> int:
        return sum(self.per_day)


class Student:
    """Answers with the predicted recall of the card as it stands."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def recalls(self, card: CardState | None, now: datetime) -> bool:
        chance = P0 if card is None else recall(card.stability, card.last_review, now)
        return self.rng.random() < chance


def old_policy(questions: list[AnyQuestion], days: int, rng: random.Random) -> Result:
    """Before issue 9: 10 new a day in bank order, each card asked once a session."""
    student, cards = Student(rng), dict[str, CardState]()
    result = Result()
    for day in range(days):
        now = START + timedelta(days=day)
        day_end = now + timedelta(hours=19)
        due = [
            (recall(c.stability, c.last_review, now), qid)
            for qid, c in cards.items()
            if c.due <= (day_end if c.phase == "review" else now)
        ]
        fresh = [q.id for q in questions if q.id not in cards][:OLD_NEW_PER_DAY]
        asked = [qid for _r, qid in sorted(due)] + fresh
        for qid in asked:
            card = cards.get(qid)
            rating = Rating.GOOD if student.recalls(card, now) else Rating.AGAIN
            cards[qid] = outcomes(card, qid, now, fuzz=False)[rating].card
            now += timedelta(seconds=SECONDS_PER_ANSWER)
        result.per_day.append(len(asked))
    morning = START + timedelta(days=days) - timedelta(hours=5)
    result.known = sum(recall(c.stability, c.last_review, morning) for c in cards.values())
    return result


class SimulatedIo:
    """The session's Io for the student: shows the answer, then rates by recall."""

    def __init__(self, student: Student, clock: list[datetime], store: Store) -> None:
        self.student, self.clock, self.store = student, clock, store
        self.rating = "3"
        self.asked = 0

    def question(self, question: AnyQuestion, number: int, total: int) -> None:
        card = self.store.card(question.id)
        self.rating = "3" if self.student.recalls(card, self.clock[0]) else "1"

    def read(self, prompt: str) -> str:
        if prompt == "rating":
            self.asked += 1
            self.clock[0] += timedelta(seconds=SECONDS_PER_ANSWER)
            return self.rating
        return "!"

    def hint(self, text: Text, number: int, total: int) -> None: ...
    def graded(self, grade: object) -> None: ...
    def reveal(self, question: AnyQuestion, answer: str, covered: list[bool] | None) -> None: ...
    def explain(self, question: AnyQuestion) -> None: ...
    def edit(self, path: Path) -> None: ...
    def ratings(self, options: dict[Rating, Outcome] | None, proposed: Rating | None) -> None: ...
    def notice(self, key: str, **values: object) -> None: ...


@contextmanager
def pinned_clock(clock: list[datetime]) -> Iterator[None]:
    real = env.now
    env.now = lambda: clock[0]
    try:
        yield
    finally:
        env.now = real


def new_policy(questions: list[AnyQuestion], days: int, rng: random.Random) -> Result:
    """The shipped code: study_plan + Session over a real store, the date `days` ahead."""
    from quizcli.plans import readiness_report, study_plan
    from quizcli.session import Session
    from quizcli.store import open_store

    student, clock = Student(rng), [START]
    result = Result()
    with tempfile.TemporaryDirectory() as home, pinned_clock(clock):
        os.environ["QUIZCLI_HOME"] = home
        with open_store(Path(home) / "quizcli.db", now=START) as store:
            interview = (START + timedelta(days=days)).date()
            store.set_setting("interview_date", interview.isoformat())
            store.set_setting("interview_planned_on", START.date().isoformat())
            store.set_setting("fuzz", "off")
            for day in range(days):
                clock[0] = START + timedelta(days=day)
                plan = study_plan(store, questions, None, None, rng)
                io = SimulatedIo(student, clock, store)
                Session(plan, store, io).run()
                result.per_day.append(io.asked)
            clock[0] = START + timedelta(days=days) - timedelta(hours=5)
            topics = {q.id: q.topic for q in questions}
            result.known = readiness_report(store, topics, clock[0]).readiness.expected_known
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, nargs="+", default=[14, 28])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--bank", type=Path, help="a bank directory (default: the bundled banks)")
    args = parser.parse_args()
    os.environ["TZ"] = "UTC"
    time.tzset()
    bank = args.bank or default_sources()[0]
    questions = load_bank([bank], use_cache=False).questions
    print(f"{len(questions)} questions in {bank}; P0 {P0}; {args.seeds} seeds; fuzz off")
    for days in args.days:
        for name, policy in (("a) old", old_policy), ("b) new", new_policy)):
            started = time.perf_counter()
            runs = [policy(questions, days, random.Random(seed)) for seed in range(args.seeds)]
            days_of_runs = zip(*(r.per_day for r in runs), strict=True)
            per_day = [round(statistics.mean(day)) for day in days_of_runs]
            known = statistics.mean(r.known for r in runs)
            answers = statistics.mean(r.answers for r in runs)
            busiest = max(max(r.per_day) for r in runs)
            spent = time.perf_counter() - started
            print(
                f"{days:>2} days {name}: expected known {known:.0f}/{len(questions)}, "
                f"answers {answers:.0f}, busiest day {busiest} ({spent:.0f} s)"
            )
            print(f"    answers per day: {' '.join(map(str, per_day))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
