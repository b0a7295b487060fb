"""The Store: the only door to review data. Every method is one short transaction."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from quizcli import env
from quizcli.srs import LEECH_LAPSES, CardState, day_start, study_day
from quizcli.srs.card import Memory
from quizcli.srs.order import by_recall
from quizcli.store import backup, cache, settings
from quizcli.store.connection import connect, immediate, translated
from quizcli.store.migrations import migrate
from quizcli.store.records import (
    INSERT_REVIEW,
    REVIEW_COLUMNS,
    CardStatus,
    ReviewRecord,
    from_ms,
    record_from_row,
    review_row,
    state_from_json,
    to_ms,
)
from quizcli.store.settings import Settings
from quizcli.store.stats import Stats, collect


def default_path() -> Path:
    return env.data_dir() / "quizcli.db"


def open_store(
    path: Path | None = None, *, now: datetime | None = None, backup_daily: bool = True
) -> Store:
    """Open (creating and migrating if needed) the review database, backing it up once a day."""
    path = path or default_path()
    moment = now or env.now()
    existed = path.exists()
    with translated(path):
        db = connect(path)
        try:
            migrate(db, moment.isoformat())
            if backup_daily and existed:
                backup.daily(db, path, study_day(moment))
        except BaseException:
            db.close()
            raise
    return Store(db, path)


class Store:
    """Review log, card cache, user flags and settings of one database file."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def queue(
        self,
        now: datetime,
        question_ids: Iterable[str],
        new_limit: int,
        rng: random.Random | None = None,
    ) -> list[str]:
        """Today's questions among `question_ids`: due ones, least likely remembered first
        (near ties in random order), then never-answered ones in the given order, up to
        `new_limit` new per study day (counting those already started today)."""
        wanted = list(dict.fromkeys(question_ids))
        today = day_start(study_day(now))
        with translated(self.path):
            known, due = self._due(now, today + timedelta(days=1), set(wanted))
            started = self.db.execute(
                "SELECT count(*) FROM cards WHERE first_ms >= ?", (to_ms(today),)
            ).fetchone()[0]
        fresh = [qid for qid in wanted if qid not in known]
        return by_recall(due, rng or random.Random()) + fresh[: max(0, new_limit - started)]

    def _due(
        self, now: datetime, day_end: datetime, wanted: set[str]
    ) -> tuple[set[str], list[tuple[float, str]]]:
        """Ids with any history (never new again) and (retrievability, id) of those due.

        Learning steps are due to the minute; review cards are due for the whole day.
        """
        known: set[str] = set()
        due: list[tuple[float, str]] = []
        rows = self.db.execute(
            "SELECT question_id, phase, stability, due_ms, last_ms, suspended, buried_until_ms "
            "FROM cards"
        )
        now_ms, end_ms = to_ms(now), to_ms(day_end)
        for qid, phase, stability, due_ms, last_ms, suspended, buried in rows:
            if qid not in wanted:
                continue
            hidden = suspended or (buried or 0) > now_ms
            if phase is not None or hidden:
                known.add(qid)
            if phase is None or hidden:
                continue
            if due_ms <= (end_ms if phase == "review" else now_ms):
                due.append((cache.recall(phase, stability, due_ms, last_ms, now), qid))
        return known, due

    def card(self, question_id: str) -> CardState | None:
        """The scheduler state after the last kept review, None for a new question."""
        with translated(self.path):
            row = self.db.execute(
                "SELECT state FROM cards WHERE question_id = ?", (question_id,)
            ).fetchone()
        return state_from_json(row[0]) if row else None

    def status(self, question_id: str) -> CardStatus:
        with translated(self.path):
            row = self.db.execute(
                "SELECT lapses, suspended, leech, buried_until_ms FROM cards WHERE question_id = ?",
                (question_id,),
            ).fetchone()
        if row is None:
            return CardStatus(question_id)
        lapses, suspended, leech, buried = row
        until = from_ms(buried) if buried is not None else None
        return CardStatus(question_id, lapses, bool(suspended), bool(leech), until)

    def record(self, review: ReviewRecord) -> int:
        """Append one answer and update its card; committed before this returns.

        The 8th lapse of a question flags it as a leech and suspends it; check
        `status(id).leech` after an Again to tell the user.
        """
        _check(review)
        with translated(self.path), immediate(self.db):
            cursor = self.db.execute(INSERT_REVIEW, review_row(review))
            review_id = int(cursor.lastrowid or 0)
            if review.lapse:
                self._flag_leech(review.question_id, review_id, to_ms(review.reviewed_at))
            cache.refresh(self.db, review.question_id)
        return review_id

    def _flag_leech(self, question_id: str, review_id: int, at_ms: int) -> None:
        lapses = self.db.execute(
            f"SELECT count(*) FROM {cache.BY_QUESTION} WHERE question_id = ? AND lapse = 1 "
            f"AND {cache.KEPT}",
            (question_id,),
        ).fetchone()[0]
        flagged = self.db.execute(
            "SELECT count(*) FROM actions WHERE question_id = ? AND action = 'leech' "
            f"AND {cache.KEPT_ACTION}",
            (question_id,),
        ).fetchone()[0]
        if lapses >= LEECH_LAPSES and not flagged:
            self.db.execute(
                "INSERT INTO actions (question_id, action, at_ms, review_id) "
                "VALUES (?, 'leech', ?, ?)",
                (question_id, at_ms, review_id),
            )

    def undo_last(self, session_id: str, now: datetime | None = None) -> ReviewRecord | None:
        """Mark the session's last kept answer as undone and rebuild its card; None if none."""
        moment = now or env.now()
        with translated(self.path), immediate(self.db):
            row = self.db.execute(
                f"SELECT {REVIEW_COLUMNS} FROM {cache.BY_SESSION} WHERE session_id = ? "
                f"AND {cache.KEPT} "
                "ORDER BY id DESC LIMIT 1",
                (session_id,),
            ).fetchone()
            if row is None:
                return None
            record = record_from_row(row)
            self.db.execute(
                "INSERT INTO undos VALUES (?, ?, ?)", (record.id, session_id, to_ms(moment))
            )
            cache.refresh(self.db, record.question_id)
        return record

    def undo_latest(self, now: datetime) -> ReviewRecord | None:
        """Take back the last kept answer of any session (`quizcli undo`); None if none."""
        with translated(self.path):
            row = self.db.execute(
                f"SELECT session_id FROM reviews WHERE {cache.KEPT} ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return self.undo_last(row[0], now) if row else None

    def forget(self, question_id: str, now: datetime) -> int:
        """Make a question new again: its answers stay in the log, marked as taken back
        (session 'forget'), so the card rebuilt from the log is new. Returns how many."""
        with translated(self.path), immediate(self.db):
            cursor = self.db.execute(
                "INSERT INTO undos SELECT id, 'forget', ? FROM reviews "
                f"WHERE question_id = ? AND {cache.KEPT}",
                (to_ms(now), question_id),
            )
            cache.refresh(self.db, question_id)
        return cursor.rowcount

    def memories(self) -> dict[str, Memory]:
        """Every question with a card row, as readiness, pacing and outlooks read it."""
        with translated(self.path):
            rows = self.db.execute(
                "SELECT question_id, phase, stability, due_ms, last_ms, first_ms, suspended, "
                "buried_until_ms, lapses FROM cards"
            ).fetchall()
        return {row[0]: _memory(row) for row in rows}

    def misses(self, since: datetime) -> dict[str, datetime]:
        """Questions answered wrong or rated Again since `since` (any mode), with the latest."""
        with translated(self.path):
            rows = self.db.execute(
                "SELECT question_id, max(reviewed_ms) FROM reviews WHERE reviewed_ms >= ? "
                f"AND (rating = 1 OR verdict = 'incorrect') AND {cache.KEPT} "
                "GROUP BY question_id",
                (to_ms(since),),
            ).fetchall()
        return {qid: from_ms(ms) for qid, ms in rows}

    def reviews(self, question_id: str, include_undone: bool = False) -> list[ReviewRecord]:
        """A question's answers, oldest first."""
        kept = "" if include_undone else f"AND {cache.KEPT}"
        with translated(self.path):
            rows = self.db.execute(
                f"SELECT {REVIEW_COLUMNS} FROM {cache.BY_QUESTION} WHERE question_id = ? {kept} "
                "ORDER BY id",
                (question_id,),
            ).fetchall()
        return [record_from_row(row) for row in rows]

    def next_due(self, question_ids: Iterable[str], now: datetime) -> datetime | None:
        """When the next of these questions is shown again after `now` (for a session's summary).

        A buried question comes back when its bury ends, as the stats forecast counts it.
        """
        wanted = set(question_ids)
        with translated(self.path):
            rows = self.db.execute(
                "SELECT question_id, max(due_ms, coalesce(buried_until_ms, 0)) AS shown_ms "
                "FROM cards WHERE phase IS NOT NULL AND suspended = 0 AND shown_ms > ? "
                "ORDER BY shown_ms",
                (to_ms(now),),
            )
            first = next((ms for qid, ms in rows if qid in wanted), None)
        return from_ms(first) if first is not None else None

    def suspend(self, question_id: str, now: datetime) -> None:
        self._act(question_id, "suspend", now)

    def unsuspend(self, question_id: str, now: datetime) -> None:
        self._act(question_id, "unsuspend", now)

    def bury(self, question_id: str, now: datetime) -> datetime:
        """Hide a question until the next study day begins; returns that moment."""
        until = day_start(study_day(now) + timedelta(days=1))
        self._act(question_id, "bury", now, until)
        return until

    def _act(
        self, question_id: str, action: str, now: datetime, until: datetime | None = None
    ) -> None:
        with translated(self.path), immediate(self.db):
            self.db.execute(
                "INSERT INTO actions (question_id, action, at_ms, until_ms) VALUES (?, ?, ?, ?)",
                (question_id, action, to_ms(now), to_ms(until) if until else None),
            )
            cache.refresh(self.db, question_id)

    def settings(self) -> Settings:
        with translated(self.path):
            rows = dict(self.db.execute("SELECT key, value FROM config").fetchall())
        return settings.from_rows(rows)

    def set_setting(self, key: str, text: str) -> object:
        """Validate and save one setting; returns its typed value."""
        value = settings.parse(key, text)
        with translated(self.path), immediate(self.db):
            self.db.execute("INSERT OR REPLACE INTO config VALUES (?, ?)", (key, text.strip()))
        return value

    def stats(self, now: datetime, topics: dict[str, str]) -> Stats:
        """Figures for `quizcli stats`; `topics` maps the banks' question ids to their topics."""
        with translated(self.path):
            return collect(self.db, now, topics)

    def backup_now(self, now: datetime) -> Path:
        """An extra backup before a destructive command; it counts among the seven kept."""
        name = f"{backup.PREFIX}{now:%Y-%m-%dT%H%M%S}.db"
        with translated(self.path):
            return backup.write(self.db, backup.backups_dir(self.path) / name)

    def rebuild_cards(self) -> int:
        """Recompute the card cache from the logs; returns how many rows were wrong."""
        with translated(self.path), immediate(self.db):
            return cache.rebuild(self.db)

    def orphans(self, known_ids: Iterable[str]) -> dict[str, int]:
        """Ids with history that no loaded bank has, with how many answers each holds."""
        known = set(known_ids)
        with translated(self.path):
            rows = self.db.execute(
                "SELECT ids.question_id, count(reviews.id) FROM "
                f"({cache.HISTORY_IDS}) AS ids LEFT JOIN reviews USING (question_id) "
                "GROUP BY ids.question_id ORDER BY ids.question_id"
            ).fetchall()
        return {qid: count for qid, count in rows if qid not in known}

    def delete_history(self, question_ids: Iterable[str]) -> int:
        """Remove every trace of these ids (the one exception to append-only); answers removed."""
        removed = 0
        with translated(self.path), immediate(self.db):
            for qid in question_ids:
                removed += self.db.execute(
                    "DELETE FROM reviews WHERE question_id = ?", (qid,)
                ).rowcount
                self.db.execute("DELETE FROM actions WHERE question_id = ?", (qid,))
                self.db.execute("DELETE FROM cards WHERE question_id = ?", (qid,))
        return removed


def _memory(row: tuple[Any, ...]) -> Memory:
    qid, phase, stability, due, last, first, suspended, buried, lapses = row
    at = [from_ms(ms) if ms is not None else None for ms in (due, last, first, buried)]
    return Memory(qid, phase, stability, at[0], at[1], at[2], bool(suspended), at[3], lapses)


def _check(review: ReviewRecord) -> None:
    """Programming errors in the session, caught before they reach the log."""
    if review.mode == "review" and (review.rating is None or review.after is None):
        raise ValueError("a review needs the rating chosen and the card state after it")
    if review.mode == "practice" and review.after is not None:
        raise ValueError("practice never changes the schedule: leave `after` empty")
