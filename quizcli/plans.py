"""Which questions a session asks: today's study plan (paced to the interview), drills, mocks.

Also the readiness report `stats` shows. Each function reads the store once and
returns a `session.Plan`; the clock comes from `env.now()`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from quizcli import env
from quizcli.bank.model import AnyQuestion
from quizcli.session import DRILL_TRIES, Plan
from quizcli.srs import day_start, study_day
from quizcli.srs.exam import Exam
from quizcli.srs.memory import recall
from quizcli.srs.order import interleave
from quizcli.srs.readiness import Readiness, readiness

if TYPE_CHECKING:
    from quizcli.store import Settings, Store

# A new question is asked at least twice on its first day: first sight and its 10-minute step.
NEW_CARD_ANSWERS = 2


@dataclass(frozen=True)
class Today:
    """The day's plan as `study` announces it: the date, the new allowance and its reason."""

    interview: date | None
    days_left: int | None
    new: int
    unseen: int
    new_days_left: int | None
    due: int
    answers: int
    max_answers: int


def exam_of(settings: Settings, today: date) -> Exam | None:
    """The interview the settings name, planned from the day the date was set."""
    return settings.exam(today)


def study_plan(
    store: Store,
    questions: list[AnyQuestion],
    new: int | None,
    limit: int | None,
    rng: random.Random | None = None,
) -> Plan:
    """Due reviews (least likely remembered first), then new questions up to the allowance,
    interleaved across topics; with an interview date the allowance is paced to it.

    `new` (--new) is the day's total of new questions, overriding the paced one.
    """
    now, settings = env.now(), store.settings()
    today = study_day(now)
    day_end = day_start(today + timedelta(days=1))
    memories = store.memories()
    by_id = {q.id: q for q in questions}
    started = sum(
        1 for m in memories.values() if m.first_review and study_day(m.first_review) == today
    )
    unseen = sum(1 for qid in by_id if qid not in memories)
    exam = exam_of(settings, today)
    active = exam if exam and exam.active(today) else None
    if new is not None:
        allowance = new
    elif active:
        allowance = active.new_today(unseen + started, today, settings.new_per_day)
    else:
        allowance = settings.new_per_day
    ordered = [q.id for q in interleave(questions)]
    queue = store.queue(now, ordered, allowance, rng)
    waiting = [
        (shown, by_id[qid])
        for qid, m in memories.items()
        if qid in by_id and m.phase not in (None, "review")
        for shown in [m.shown_at]
        if shown is not None and now < shown < day_end
    ]
    fresh = sum(1 for qid in queue if qid not in memories)
    due = len(queue) - fresh
    note = Today(
        interview=exam.day if exam else None,
        days_left=exam.days_left(today) if exam else None,
        new=fresh,
        unseen=unseen,
        new_days_left=active.new_days_left(today) if active else None,
        due=due,
        answers=due + len(waiting) + NEW_CARD_ANSWERS * fresh,
        max_answers=settings.max_answers_per_day,
    )
    return Plan(
        [by_id[qid] for qid in queue],
        limit=limit,
        waiting=sorted(waiting, key=lambda pair: pair[0]),
        scope=list(by_id),
        retention=active.retention(today, settings.desired_retention) if active else None,
        interview=day_start(active.day) if active else None,
        safe_recall=settings.exam_retention,
        today=note,
    )


@dataclass(frozen=True)
class ReadinessReport:
    """Readiness on the interview morning (or now, without a date or after it)."""

    interview: date | None
    days_left: int | None
    readiness: Readiness

    @property
    def new_left(self) -> int:
        return self.readiness.total - self.readiness.seen

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.interview.isoformat() if self.interview else None,
            "days_left": self.days_left,
            "at": self.readiness.at.isoformat(),
            "new_left": self.new_left,
            "expected_known": round(self.readiness.expected_known, 2),
            "predicted_recall": round(self.readiness.predicted_recall, 4),
        }


def readiness_report(store: Store, topics: dict[str, str], now: datetime) -> ReadinessReport:
    """How many of the banks' questions the user is expected to know on the interview morning."""
    today = study_day(now)
    exam = exam_of(store.settings(), today)
    active = exam if exam and exam.active(today) else None
    at = day_start(active.day) if active else now
    known = readiness(store.recalled_at(at), topics, at)
    days_left = exam.days_left(today) if exam else None
    return ReadinessReport(exam.day if exam else None, days_left, known)


def drill_plan(questions: list[AnyQuestion], count: int, rng: random.Random | None) -> Plan:
    """Practice: shuffled (kept in order without `rng`), a few tries each, the schedule alone."""
    chosen = rng.sample(questions, min(count, len(questions))) if rng else questions[:count]
    return Plan(chosen, mode="practice", tries=DRILL_TRIES)


def targeted_plan(
    store: Store, questions: list[AnyQuestion], choose: str, count: int, days: int
) -> Plan:
    """Practice on what needs it: `missed` (wrong or Again in the last `days`, latest first)
    or `weak` (lowest recall now, then most lapses, then the latest miss)."""
    now = env.now()
    misses = store.misses(now - timedelta(days=days))
    memories = store.memories()
    if choose == "missed":
        ranked = sorted((q for q in questions if q.id in misses), key=lambda q: misses[q.id])
        chosen = list(reversed(ranked))
    else:
        seen = [q for q in questions if q.id in memories and memories[q.id].seen]

        def weakness(question: AnyQuestion) -> tuple[float, int, float]:
            memory, missed_at = memories[question.id], misses.get(question.id)
            latest_miss_first = -missed_at.timestamp() if missed_at else 0.0
            return (
                recall(memory.stability, memory.last_review, now),
                -memory.lapses,
                latest_miss_first,
            )

        chosen = sorted(seen, key=weakness)
    return Plan(chosen[:count], mode="practice", tries=DRILL_TRIES)


def mock_plan(questions: list[AnyQuestion], count: int, minutes: float, rng: random.Random) -> Plan:
    """A mixed interview: topics taken in turn, each shuffled, one try, against the clock."""
    topics: dict[str, list[AnyQuestion]] = {}
    for question in rng.sample(questions, len(questions)):
        topics.setdefault(question.topic, []).append(question)
    mixed = [q for row in _rounds(list(topics.values())) for q in row]
    return Plan(mixed[:count], mode="practice", minutes=minutes)


def _rounds(groups: list[list[AnyQuestion]]) -> Iterable[list[AnyQuestion]]:
    for index in range(max((len(g) for g in groups), default=0)):
        yield [group[index] for group in groups if index < len(group)]
