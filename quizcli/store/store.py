"""The Store: the only door to review data. Every method is one short transaction."""

from __future__ import annotations

import json
import random
import sqlite3
import sys
from collections.abc import Iterable
from contextlib import suppress
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from quizcli import env
from quizcli.errors import QuizcliError
from quizcli.messages import msg, say
from quizcli.srs import LEECH_LAPSES, CardState, day_start, study_day
from quizcli.srs.card import Memory
from quizcli.srs.queue import Outlook
from quizcli.store import backup, cache, guard, settings
from quizcli.store import sync as merging
from quizcli.store.connection import BUSY, connect, error_name, immediate, translated
from quizcli.store.migrations import migrate
from quizcli.store.records import (
    INSERT_REVIEW,
    PHASES,
    REVIEW_COLUMNS,
    REVIEW_JOINS,
    CardStatus,
    ReviewRecord,
    from_ms,
    record_from_row,
    review_row,
    to_ms,
)
from quizcli.store.settings import Settings
from quizcli.store.stats import Stats, collect


def default_path() -> Path:
    return env.data_dir() / "quizcli.db"


def open_store(
    path: Path | None = None,
    *,
    now: datetime | None = None,
    backup_daily: bool = True,
    check_history: bool = True,
) -> Store:
    """Open (creating and migrating if needed) the review database, backing it up once a day.

    A history that existed and is gone (a missing, empty or rolled-back file) is
    refused unless `check_history` is off (doctor, which looks at it on purpose).
    """
    path = path or default_path()
    moment = now or env.now()
    with translated(path):
        if check_history:
            guard.check_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = guard.share(path)
        db = None
        try:
            db = connect(path)
            migrate(db, moment.isoformat())
            if check_history:
                guard.check_counter(path, db)
            today = study_day(moment)
            if backup_daily and guard.last_review(db) > 0:
                _back_up(path, today)
        except BaseException:
            if db is not None:
                db.close()
            if lock is not None:
                lock.close()
            raise
    return Store(db, path, lock, today if backup_daily else None)


def _back_up(path: Path, today: date) -> None:
    """Start today's backup; say once a day if the last one failed, and go on."""
    backup.daily(path, today)
    problem = backup.failure_to_report(path, today)
    if problem:
        sys.stderr.write(say("warning.line", env.lang(), warning=problem) + "\n")


class Store:
    """Review log, card cache, user flags and settings of one database file."""

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path,
        lock: IO[str] | None = None,
        backup_day: date | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self.lock = lock
        self.backup_day = backup_day
        self.answered = False

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file, bring the record of its history up to date, and after answers
        refresh today's backup in the background so it holds them too."""
        try:
            with suppress(sqlite3.Error):
                guard.remember(self.path, guard.last_review(self.db))
            self.db.close()
            if self.answered and self.backup_day is not None:
                backup.daily(self.path, self.backup_day, refresh=True)
        finally:
            if self.lock is not None:
                self.lock.close()

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
        due, fresh = self.today(now, question_ids, new_limit, rng)
        return due + fresh

    def today(
        self,
        now: datetime,
        question_ids: Iterable[str],
        new_limit: int,
        rng: random.Random | None = None,
    ) -> tuple[list[str], list[str]]:
        """`queue` in its two parts: the due questions and the new ones.

        SQL picks the due cards and orders them (cache.DUE_ORDER), and finds the first
        new ones (cache.NEVER_ANSWERED): no Python runs per card that is not due.
        """
        wanted = dict.fromkeys(question_ids)
        day = day_start(study_day(now))
        shuffle = (rng or random.Random()).randrange(1, cache.TIE_PRIME)
        now_ms, end_ms = to_ms(now), to_ms(day + timedelta(days=1))
        with translated(self.path):
            rows = self.db.execute(
                cache.DUE, (end_ms, now_ms, now_ms, *cache.due_order_values(now, shuffle))
            )
            due = [qid for (qid,) in rows if qid in wanted]
            left = new_limit - self.started(day, None) if new_limit > 0 else 0
            fresh = self._never_answered(list(wanted), left, now_ms) if left > 0 else []
        return due, fresh

    def _never_answered(self, ids: list[str], count: int, now_ms: int) -> list[str]:
        """The first `count` of `ids` (no repeats) never answered, in their order."""
        rows = self.db.execute(cache.NEVER_ANSWERED, (json.dumps(ids), now_ms, count))
        return [qid for (qid,) in rows]

    def started(self, day: datetime, day_end: datetime | None) -> int:
        """How many questions were first answered from `day` (a study day's start) on,
        up to `day_end` when given."""
        end = to_ms(day_end) if day_end is not None else None
        with translated(self.path):
            row = self.db.execute(
                "SELECT count(*) FROM cards WHERE first_ms >= ? AND (? IS NULL OR first_ms < ?)",
                (to_ms(day), end, end),
            ).fetchone()
        return int(row[0])

    def unseen(self, question_ids: Iterable[str], now: datetime) -> int:
        """How many of these questions were never answered (and are not kept out)."""
        ids = json.dumps(list(dict.fromkeys(question_ids)))
        with translated(self.path):
            row = self.db.execute(cache.COUNT_NEVER_ANSWERED, (ids, to_ms(now))).fetchone()
        return int(row[0])

    def waiting(self, now: datetime, day_end: datetime) -> list[tuple[datetime, str]]:
        """Learning steps shown after `now` and before `day_end` (the session asks them
        when they come), with when: only learning cards are read."""
        with translated(self.path):
            rows = self.db.execute(
                f"SELECT {cache.SHOWN_MS}, question_id FROM cards "
                "WHERE phase IN ('learning', 'relearning') AND suspended = 0 "
                f"AND {cache.SHOWN_MS} > ? AND {cache.SHOWN_MS} < ?",
                (to_ms(now), to_ms(day_end)),
            ).fetchall()
        return [(from_ms(ms), qid) for ms, qid in rows]

    def outlook(self, question_ids: Iterable[str], now: datetime, day_end: datetime) -> Outlook:
        """`srs.queue.outlook` over these questions' cards, counted in SQL."""
        ids = json.dumps(list(dict.fromkeys(question_ids)))
        ends = (to_ms(day_end), to_ms(now), to_ms(day_end + timedelta(days=1)))
        with translated(self.path):
            due_now, later, first, soon = self.db.execute(cache.OUTLOOK, (*ends, ids)).fetchone()
        return Outlook(due_now, later, from_ms(first) if first is not None else None, soon)

    def shown(self, question_ids: Iterable[str]) -> set[str]:
        """Those of these questions that study will show again (answered, not suspended)."""
        ids = json.dumps(list(question_ids))
        with translated(self.path):
            rows = self.db.execute(
                "SELECT question_id FROM cards WHERE question_id IN "
                "(SELECT value FROM json_each(?)) AND phase IS NOT NULL "
                "AND due_ms IS NOT NULL AND suspended = 0",
                (ids,),
            ).fetchall()
        return {qid for (qid,) in rows}

    def card(self, question_id: str) -> CardState | None:
        """The scheduler state after the last kept review, None for a new question."""
        with translated(self.path):
            row = self.db.execute(
                f"SELECT {cache.STATE} FROM cards WHERE question_id = ?", (question_id,)
            ).fetchone()
        return cache.card_state(row) if row else None

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
        """Append one answer and move its card forward; committed before this returns.

        If another process holds the write lock past the busy timeout, the answer
        stays in memory and is tried again (saying so once) until it is saved:
        an answer is never dropped. The 8th lapse of a question flags it as a
        leech and suspends it; check `status(id).leech` after an Again.
        """
        _check(review)
        told = False
        while True:
            try:
                with translated(self.path):
                    saved = self._append(review)
                self.answered = True
                return saved
            except QuizcliError as exc:
                if error_name(exc.__cause__) not in BUSY:
                    raise
            if not told:
                self.on_wait(review)
                told = True

    def _append(self, review: ReviewRecord) -> int:
        with immediate(self.db):
            question = self._number("questions", "question_id", review.question_id)
            session = self._number("sessions", "session_id", review.session_id)
            cursor = self.db.execute(INSERT_REVIEW, review_row(review, question, session))
            review_id = int(cursor.lastrowid or 0)
            self.db.execute(
                "UPDATE sessions SET first_review = ? WHERE id = ? AND first_review IS NULL",
                (review_id, session),
            )
            cache.advance(self.db, review)
            if review.lapse:
                self._flag_leech(review.question_id, review_id, to_ms(review.reviewed_at))
        return review_id

    @staticmethod
    def on_wait(review: ReviewRecord) -> None:
        """Told once when an answer waits for another process's write lock."""
        sys.stderr.write(
            f"the review database is locked by another process; your answer to "
            f"{review.question_id} is kept and will be saved when it is free (waiting)\n"
        )

    def _number(self, table: str, column: str, key: str) -> int:
        """The row number of a question or session id, adding it on first use."""
        row = self.db.execute(f"SELECT id FROM {table} WHERE {column} = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
        cursor = self.db.execute(f"INSERT INTO {table} ({column}) VALUES (?)", (key,))
        return int(cursor.lastrowid or 0)

    def _flag_leech(self, question_id: str, review_id: int, at_ms: int) -> None:
        lapses = self.status(question_id).lapses
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
            cache.refresh(self.db, question_id)

    def undo_last(self, session_id: str, now: datetime | None = None) -> ReviewRecord | None:
        """Mark the session's last kept answer as undone and rebuild its card; None if none.

        The session's first answer bounds the search, so it reads only the rows
        written since the session began.
        """
        moment = now or env.now()
        with translated(self.path), immediate(self.db):
            row = self.db.execute(
                f"SELECT {REVIEW_COLUMNS} FROM reviews {REVIEW_JOINS} WHERE reviews.id >= "
                "(SELECT first_review FROM sessions WHERE session_id = ?) "
                f"AND sessions.session_id = ? AND {cache.KEPT} ORDER BY reviews.id DESC LIMIT 1",
                (session_id, session_id),
            ).fetchone()
            if row is None:
                return None
            record = record_from_row(row, self._before(row[0], row[1]))
            self.db.execute(
                "INSERT INTO undos VALUES (?, ?, ?)", (record.id, session_id, to_ms(moment))
            )
            cache.refresh(self.db, record.question_id)
        return record

    def undo_latest(self, now: datetime) -> ReviewRecord | None:
        """Take back the last kept answer of any session on this machine (`quizcli undo`;
        never one merged from another machine by a sync); None if none."""
        with translated(self.path):
            row = self.db.execute(
                f"SELECT session_id FROM reviews {REVIEW_JOINS} WHERE reviews.origin IS NULL "
                f"AND {cache.KEPT} ORDER BY reviews.id DESC LIMIT 1"
            ).fetchone()
        return self.undo_last(row[0], now) if row else None

    def forget(self, question_id: str, now: datetime) -> int:
        """Make a question new again: its answers stay in the log, marked as taken back
        (session 'forget'), so the card rebuilt from the log is new. Returns how many."""
        with translated(self.path), immediate(self.db):
            cursor = self.db.execute(
                f"INSERT INTO undos SELECT reviews.id, 'forget', ? FROM {cache.BY_QUESTION} "
                f"WHERE question = (SELECT id FROM questions WHERE question_id = ?) "
                f"AND {cache.KEPT}",
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

    def recalled_at(self, at: datetime) -> dict[str, float]:
        """Every seen question's predicted recall at `at` (readiness), computed in SQL."""
        with translated(self.path):
            rows = self.db.execute(
                f"SELECT question_id, {cache.RECALL_AT} FROM cards WHERE phase IS NOT NULL",
                cache.recall_at_values(at),
            ).fetchall()
        return dict(rows)

    def misses(self, since: datetime) -> dict[str, datetime]:
        """Questions answered wrong or rated Again since `since` (any mode), with the latest."""
        with translated(self.path):
            rows = self.db.execute(
                f"SELECT question_id, max(reviewed_ms) FROM {cache.MISSES} "
                f"JOIN questions ON questions.id = reviews.question WHERE {cache.MISSED} "
                f"AND reviewed_ms >= ? AND {cache.KEPT} GROUP BY question",
                (to_ms(since),),
            ).fetchall()
        return {qid: from_ms(ms) for qid, ms in rows}

    def _before(self, review_id: int, question_id: str) -> CardState | None:
        """The card as it was before one review: the state after its previous kept review."""
        row = self.db.execute(
            f"SELECT after_phase, step, stability, difficulty, due_ms, "
            f"coalesce(last_ms, reviewed_ms) FROM {cache.BY_QUESTION} WHERE question = "
            "(SELECT id FROM questions WHERE question_id = ?) AND practice = 0 AND reviews.id < ? "
            f"AND {cache.KEPT} ORDER BY reviews.id DESC LIMIT 1",
            (question_id, review_id),
        ).fetchone()
        return cache.card_state((PHASES[row[0]], *row[1:])) if row else None

    def reviews(self, question_id: str, include_undone: bool = False) -> list[ReviewRecord]:
        """A question's answers, oldest first (in time: merged answers are interleaved), each
        with the card as it was before it."""
        with translated(self.path):
            rows = self.db.execute(
                f"SELECT {REVIEW_COLUMNS} FROM {cache.BY_QUESTION} {REVIEW_JOINS} "
                "WHERE questions.question_id = ? ORDER BY reviewed_ms, reviews.id",
                (question_id,),
            ).fetchall()
        records = []
        before: CardState | None = None
        for row in rows:
            record = record_from_row(row, before)
            if record.mode == "review" and not record.undone:
                before = record.after
            if include_undone or not record.undone:
                records.append(record)
        return records

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

    def machine_id(self) -> str:
        """This install's id: the name of its file in a sync folder and the first part of
        its answers' global ids."""
        with translated(self.path):
            return merging.machine_id(self.db)

    def sync(self, folder: Path) -> merging.Merged:
        """Merge every machine's file in `folder` into this log, rebuild the cards of the
        questions that changed, and append this machine's new answers and undos to its own
        file. One write transaction: a second sync on this machine waits for it."""
        files = merging.folder_files(folder)
        with translated(self.path), immediate(self.db):
            own = merging.machine_id(self.db)
            own_file = folder / f"{own}{merging.SUFFIX}"
            log = merging.Log()
            for path in files:
                merging.read(path, log, required=path == own_file)
            done = merging.Merged(own, files=len([p for p in files if p != own_file]))
            done.warnings.extend(log.warnings)
            current = self.settings()
            touched = merging.merge(self.db, log, done)
            lines, mine = merging.unsent(self.db, log, own_file)
            done.replayed = merging.replay(self.db, touched | mine, current)
            merging.append(own_file, lines)
        done.answers_out = sum(isinstance(line, merging.Answer) for line in lines)
        done.undos_out = len(lines) - done.answers_out
        return done

    def export_history(self, target: Path) -> int:
        """Every answer and undo of this log into `target` (the sync format); how many answers."""
        with translated(self.path), immediate(self.db):
            return merging.write_all(self.db, target)

    def import_history(self, source: Path) -> merging.Merged:
        """Merge one file written by `export_history` (or a sync folder's) into this log."""
        if not source.is_file():
            raise QuizcliError(msg("history.not_a_file", path=source))
        with translated(self.path), immediate(self.db):
            log = merging.Log()
            merging.read(source, log, required=True)
            done = merging.Merged(merging.machine_id(self.db), files=1)
            done.warnings.extend(log.warnings)
            touched = merging.merge(self.db, log, done)
            done.replayed = merging.replay(self.db, touched, self.settings())
        return done

    def backup_now(self, now: datetime) -> Path:
        """An extra backup before a destructive command, made now; it counts among those kept."""
        label = f"{now:%Y-%m-%dT%H%M%S}"
        made = backup.make(self.path, label)
        if made is None:
            problem = backup.failure_to_report(self.path, now.date()) or msg("backup.running")
            raise QuizcliError(msg("backup.none_made", problem=problem))
        return made.path

    def rebuild_cards(self) -> int:
        """Recompute the card cache from the logs; returns how many rows were wrong."""
        with translated(self.path), immediate(self.db):
            return cache.rebuild(self.db)

    def orphans(self, known_ids: Iterable[str]) -> dict[str, int]:
        """Ids with history that no loaded bank has, with how many answers each holds."""
        known = set(known_ids)
        with translated(self.path):
            rows = self.db.execute(
                "SELECT ids.question_id, (SELECT count(*) FROM reviews "
                "WHERE question = questions.id) FROM "
                f"({cache.HISTORY_IDS}) AS ids LEFT JOIN questions USING (question_id) "
                "ORDER BY ids.question_id"
            ).fetchall()
        return {qid: count for qid, count in rows if qid not in known}

    def delete_history(self, question_ids: Iterable[str]) -> int:
        """Remove every trace of these ids (the one exception to append-only); answers removed."""
        removed = 0
        with translated(self.path), immediate(self.db):
            for qid in question_ids:
                removed += self.db.execute(
                    "DELETE FROM reviews WHERE question = "
                    "(SELECT id FROM questions WHERE question_id = ?)",
                    (qid,),
                ).rowcount
                self.db.execute("DELETE FROM actions WHERE question_id = ?", (qid,))
                self.db.execute("DELETE FROM cards WHERE question_id = ?", (qid,))
        return removed


def _memory(row: tuple[Any, ...]) -> Memory:
    qid, phase, stability, due, last, first, suspended, buried, lapses = row
    at = [from_ms(ms) if ms is not None and ms >= 0 else None for ms in (due, last, first, buried)]
    return Memory(qid, phase, stability, at[0], at[1], at[2], bool(suspended), at[3], lapses)


def _check(review: ReviewRecord) -> None:
    """Programming errors in the session, caught before they reach the log."""
    if review.mode == "review" and (review.rating is None or review.after is None):
        raise ValueError("a review needs the rating chosen and the card state after it")
    if review.mode == "practice" and review.after is not None:
        raise ValueError("practice never changes the schedule: leave `after` empty")
