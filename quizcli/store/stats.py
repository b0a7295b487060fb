"""Figures for `quizcli stats`, read from running totals so the log's size does not matter.

`totals` holds, per minute and per mode, the kept answers, the reviews of
graduated cards and how many of those passed; triggers keep it in step with
the log. Answers per day and the streak count reviews and practice alike (both
are study); retention and the totals count reviews only.
"""

from __future__ import annotations

import bisect
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from quizcli.srs import day_start, study_day
from quizcli.store.cache import recall_within
from quizcli.store.records import from_ms, to_ms

HEATMAP_DAYS = 26 * 7
FORECAST_DAYS = 30
RETENTION_DAYS = 30
MASTERED = 0.9
DAY_MS = 86_400_000
MINUTE_MS = 60_000
EPOCH = date(1970, 1, 1)


@dataclass
class TopicMastery:
    """How many of a topic's questions exist, have been reviewed, and are remembered today."""

    questions: int = 0
    reviewed: int = 0
    mastered: int = 0

    @property
    def share(self) -> float:
        return self.mastered / self.questions if self.questions else 0.0


@dataclass
class Stats:
    today: date
    reviews_total: int
    practice_total: int
    reviews_today: int
    due_today: int
    retention_30d: float | None
    retention_reviews_30d: int
    streak: int
    answers_per_day: dict[date, int]
    forecast: list[int]
    topics: dict[str, TopicMastery] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "reviews_total": self.reviews_total,
            "practice_total": self.practice_total,
            "reviews_today": self.reviews_today,
            "due_today": self.due_today,
            "retention_30d": self.retention_30d,
            "retention_reviews_30d": self.retention_reviews_30d,
            "streak": self.streak,
            "answers_per_day": {d.isoformat(): n for d, n in sorted(self.answers_per_day.items())},
            "forecast": self.forecast,
            "topics": {
                name: {
                    "questions": t.questions,
                    "reviewed": t.reviewed,
                    "mastered": t.mastered,
                    "mastery": round(t.share, 4),
                }
                for name, t in sorted(self.topics.items())
            },
        }


def collect(db: sqlite3.Connection, now: datetime, topics: dict[str, str]) -> Stats:
    """All the figures at `now`; `topics` maps each question id of the banks to its topic."""
    today = study_day(now)
    today_ms = to_ms(day_start(today))
    per_day = _per_day(db, today - timedelta(days=HEATMAP_DAYS - 1), today)
    streak = _streak(per_day, today)
    if streak >= HEATMAP_DAYS - 1:
        (oldest,) = db.execute("SELECT min(minute) FROM totals WHERE answers > 0").fetchone()
        streak = _streak(_per_day(db, study_day(from_ms(oldest * MINUTE_MS)), today), today)
    retention, sample = _retention(db, to_ms(now - timedelta(days=RETENTION_DAYS)))
    forecast, mastery = _cards(db, now, topics)
    return Stats(
        today=today,
        reviews_total=_count(db, "practice = 0"),
        practice_total=_count(db, "practice = 1"),
        reviews_today=_count(db, f"practice = 0 AND minute >= {today_ms // MINUTE_MS}"),
        due_today=forecast[0],
        retention_30d=retention,
        retention_reviews_30d=sample,
        streak=streak,
        answers_per_day=per_day,
        forecast=forecast,
        topics=mastery,
    )


def _count(db: sqlite3.Connection, where: str) -> int:
    return int(
        db.execute(f"SELECT coalesce(sum(answers), 0) FROM totals WHERE {where}").fetchone()[0]
    )


def _per_day(db: sqlite3.Connection, first: date, last: date) -> dict[date, int]:
    """Answers per study day from `first` to `last`, days without answers left out.

    Each day runs from its own 04:00 local to the next, so a daylight-saving
    change moves no answer to another day: 24-hour days under one UTC offset are
    counted with one GROUP BY over the per-minute totals per run; a 23- or 25-hour
    day is counted alone.
    """
    counts: dict[date, int] = {}
    for start, end, shift in _runs(first, last):
        since, until = to_ms(day_start(start)) // MINUTE_MS, to_ms(day_start(end)) // MINUTE_MS
        if shift is None:
            counts[start] = _count(db, f"minute >= {since} AND minute < {until}")
            continue
        rows = db.execute(
            f"SELECT (minute * {MINUTE_MS} + ?) / {DAY_MS} AS day, sum(answers) FROM totals "
            "WHERE minute >= ? AND minute < ? GROUP BY day",
            (shift, since, until),
        )
        counts.update((EPOCH + timedelta(days=n), count) for n, count in rows)
    return {d: n for d, n in counts.items() if n}


def _runs(first: date, last: date) -> list[tuple[date, date, int | None]]:
    """(first day, day after the last, shift in ms) for runs of 24-hour days under one
    offset, whose answers map to their date by that shift; (day, next day, None) for a
    day of another length."""
    runs: list[tuple[date, date, int | None]] = []
    day = first
    while day <= last:
        following = day + timedelta(days=1)
        start, end = day_start(day), day_start(following)
        midnight = datetime.combine(day, time(), timezone.utc)
        shift = to_ms(midnight) - to_ms(start) if end - start == timedelta(days=1) else None
        if runs and shift is not None and runs[-1][2] == shift:
            runs[-1] = (runs[-1][0], following, shift)
        else:
            runs.append((day, following, shift))
        day = following
    return runs


def _streak(per_day: dict[date, int], today: date) -> int:
    """Consecutive study days ending today, or yesterday while today is still open."""
    day = today if per_day.get(today) else today - timedelta(days=1)
    streak = 0
    while per_day.get(day):
        streak += 1
        day -= timedelta(days=1)
    return streak


def _retention(db: sqlite3.Connection, since_ms: int) -> tuple[float | None, int]:
    """Share of reviews of graduated cards answered without Again: FSRS's true retention.

    The window starts at the minute `since_ms` falls in.
    """
    total, passed = db.execute(
        "SELECT coalesce(sum(graduated), 0), coalesce(sum(passed), 0) FROM totals "
        "WHERE practice = 0 AND minute >= ?",
        (since_ms // MINUTE_MS,),
    ).fetchone()
    return (passed / total if total else None), int(total)


def _cards(
    db: sqlite3.Connection, now: datetime, topics: dict[str, str]
) -> tuple[list[int], dict[str, TopicMastery]]:
    """Due forecast (overdue counted today) and per-topic mastery, over the banks' questions."""
    today = study_day(now)
    # When each coming study day begins (local 04:00, whatever the offset then).
    starts = [to_ms(day_start(today + timedelta(days=n))) for n in range(1, FORECAST_DAYS + 1)]
    forecast = [0] * FORECAST_DAYS
    mastery: dict[str, TopicMastery] = {}
    for name in topics.values():
        mastery.setdefault(name, TopicMastery()).questions += 1
    # Mastered: graduated and recall >= MASTERED now, which on FSRS's curve is elapsed
    # time <= a fixed multiple of stability; SQL decides it without a Python call per card.
    rows = db.execute(
        "SELECT question_id, phase = 'review' AND stability > 0 AND last_ms >= 0 "
        "AND ? - last_ms <= stability * ?, suspended, max(due_ms, coalesce(buried_until_ms, 0)) "
        "FROM cards WHERE phase IS NOT NULL",
        (to_ms(now), recall_within(MASTERED) * DAY_MS),
    )
    for qid, known, suspended, shown_ms in rows:
        topic = topics.get(qid)
        if topic is None:
            continue
        mastery[topic].reviewed += 1
        mastery[topic].mastered += known
        if suspended:
            continue
        index = bisect.bisect_right(starts, shown_ms)
        if index < FORECAST_DAYS:
            forecast[index] += 1
    return forecast, mastery
