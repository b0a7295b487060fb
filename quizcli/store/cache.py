"""The `cards` table: a cache of each question's state, derived from the logs alone.

An answer moves its card forward by the answer's own values (`advance`), so saving
touches a fixed number of pages; an undo or a deletion recomputes the card from
its history (`refresh`). `rebuild` recomputes every card the same way and says
how many disagreed, so `doctor` shows whether the cache ever drifted.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from quizcli.srs import CardState
from quizcli.srs.memory import curve
from quizcli.store.records import PHASES, ReviewRecord, from_ms, to_ms

KEPT = "reviews.id NOT IN (SELECT review_id FROM undos)"
# Named index for the per-question queries: the planner must never read the whole log.
BY_QUESTION = "reviews INDEXED BY reviews_question"
# Wrong or rated Again: the condition of the partial index `reviews_missed` (m004), spelt
# the same way so the planner uses it (recent misses without reading the whole log).
MISSED = "(rating = 1 OR verdict = 'incorrect')"
MISSES = "reviews INDEXED BY reviews_missed"
KEPT_ACTION = "(review_id IS NULL OR review_id NOT IN (SELECT review_id FROM undos))"
STATE = "phase, step, stability, difficulty, due_ms, last_ms"
CARD_COLUMNS = f"question_id, {STATE}, first_ms, lapses, suspended, leech, buried_until_ms"
CARD_VALUES = ",".join("?" * 12)
DAY_MS = 86_400_000
HISTORY_IDS = (
    "SELECT question_id FROM questions WHERE id IN (SELECT question FROM reviews) "
    "UNION SELECT question_id FROM actions"
)
# The state after the last kept review of one question (number ?), the latest in time:
# answers merged from another machine come after this one's in the log.
LAST_STATE = (
    f"SELECT after_phase, step, stability, difficulty, due_ms, coalesce(last_ms, reviewed_ms) "
    f"FROM {BY_QUESTION} WHERE question = ? AND practice = 0 AND {KEPT} "
    "ORDER BY reviewed_ms DESC, reviews.id DESC LIMIT 1"
)


# Today's due cards, least likely recalled first: recall in FSRS's closed form (the
# curve of `srs.memory.recall`, on the cache's columns; last_ms -1: no review yet),
# rounded to a percent so near ties count as ties, which come in an order drawn by the
# caller (rowid times a random factor, modulo a prime) so that questions learnt together
# do not come back to back. Parameters: `due_order_values`.
TIE_PRIME = 2_147_483_647
# srs.memory.recall on a card row at a moment (parameters: `recall_at_values`).
RECALL_AT = (
    "CASE WHEN stability > 0 AND last_ms >= 0 "
    f"THEN pow(1 + ? * max(0, ? - last_ms) / {DAY_MS}.0 / stability, ?) ELSE 0.0 END"
)
DUE_ORDER = f"round({RECALL_AT}, 2), (rowid * ?) % {TIE_PRIME}"


def recall_at_values(at: datetime) -> tuple[float, int, float]:
    decay, factor = curve()
    return factor, to_ms(at), decay


def due_order_values(now: datetime, shuffle: int) -> tuple[float, int, float, int]:
    return (*recall_at_values(now), shuffle)


def recall_within(level: float) -> float:
    """Elapsed days per day of stability while recall stays >= `level`: R = (1 + f t/S)^d
    with d < 0 falls as t/S grows, so R >= level exactly when t/S <= (level^(1/d) - 1)/f
    (1.0 at level 0.9: FSRS's stability is the time to 90 %)."""
    decay, factor = curve()
    return float((level ** (1 / decay) - 1) / factor)


def card_state(row: tuple[Any, ...]) -> CardState | None:
    """A CardState from the cache's STATE columns (phase as text)."""
    phase, step, stability, difficulty, due_ms, last_ms = row
    if phase is None:
        return None
    last = from_ms(last_ms) if last_ms is not None and last_ms >= 0 else None
    return CardState(phase, step, stability, difficulty, from_ms(due_ms), last)


# A card's state is that of its latest answer in time (`last_ms` is that answer's
# time): an answer saved with an earlier clock than the card's (another terminal's
# session, a merged answer) counts, but does not move the card back.
_IF_LATER = ", ".join(
    f"{column} = CASE WHEN coalesce(last_ms, -1) <= excluded.last_ms "
    f"THEN excluded.{column} ELSE {column} END"
    for column in ("phase", "step", "stability", "difficulty", "due_ms", "last_ms")
)


def advance(db: sqlite3.Connection, record: ReviewRecord) -> None:
    """Move one card forward by a review just appended (inside the caller's transaction)."""
    after = record.after
    if record.mode != "review" or after is None:
        return
    at = to_ms(record.reviewed_at)
    last = to_ms(after.last_review) if after.last_review else -1
    db.execute(
        f"INSERT INTO cards ({CARD_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,0,0,NULL) "
        f"ON CONFLICT DO UPDATE SET {_IF_LATER}, "
        "first_ms = min(coalesce(first_ms, excluded.first_ms), excluded.first_ms), "
        "lapses = lapses + excluded.lapses",
        (
            *(record.question_id, after.phase, after.step, after.stability, after.difficulty),
            *(to_ms(after.due), last, at, int(record.lapse)),
        ),
    )


def refresh(db: sqlite3.Connection, question_id: str) -> None:
    """Recompute one question's row from the logs (inside the caller's transaction)."""
    _write(db, question_id, derive(db, question_id))


def rebuild(db: sqlite3.Connection) -> int:
    """Recompute every row and the running totals; returns how many card rows were wrong.

    Two passes over the log in its stored order (NOT INDEXED: reading it through
    `reviews_question` jumps between pages and is ten times slower), grouped by
    question, instead of a set of queries per card. The first finds each question's
    latest answer time; the second reads the rows at that time, and its bare columns
    come from the row holding max(id) (the later of two answers in one millisecond),
    as SQLite documents: the same answer LAST_STATE and `advance` pick.
    """
    _rebuild_totals(db)
    names = dict(db.execute("SELECT id, question_id FROM questions"))
    db.execute("CREATE TEMP TABLE IF NOT EXISTS latest (question INTEGER PRIMARY KEY, ms INTEGER)")
    db.execute("DELETE FROM temp.latest")
    summary = {}
    for number, first, lapses, newest in db.execute(
        "SELECT question, min(reviewed_ms), sum(lapse), max(reviewed_ms) FROM reviews "
        f"NOT INDEXED WHERE practice = 0 AND {KEPT} GROUP BY question"
    ).fetchall():
        summary[names[number]] = (first, lapses)
        db.execute("INSERT INTO temp.latest VALUES (?, ?)", (number, newest))
    last = {
        names[number]: state
        for number, _id, *state in db.execute(
            "SELECT reviews.question, max(reviews.id), after_phase, step, stability, difficulty, "
            "due_ms, coalesce(last_ms, reviewed_ms) FROM reviews NOT INDEXED "
            "JOIN temp.latest ON latest.question = reviews.question AND latest.ms = reviewed_ms "
            f"WHERE practice = 0 AND {KEPT} GROUP BY reviews.question"
        )
    }
    flagged = {qid for (qid,) in db.execute("SELECT DISTINCT question_id FROM actions")}
    old = {row[0]: row for row in db.execute(f"SELECT {CARD_COLUMNS} FROM cards")}
    changed = 0
    for question_id in set(old) | set(summary) | flagged:
        flags = _flags(db, question_id) if question_id in flagged else (False, False, None)
        new = _row(question_id, last.get(question_id), summary.get(question_id), flags)
        if old.get(question_id) != new:
            changed += 1
            _write(db, question_id, new)
    return changed


def _rebuild_totals(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM totals")
    db.execute(
        "INSERT INTO totals SELECT reviewed_ms / 60000, practice, count(*), "
        "sum(phase = 2 AND NOT practice), sum(phase = 2 AND NOT practice AND rating > 1) "
        f"FROM reviews NOT INDEXED WHERE {KEPT} GROUP BY 1, 2"
    )


def _write(db: sqlite3.Connection, question_id: str, row: tuple[Any, ...] | None) -> None:
    """Put a derived row in place; None (no history left) removes the question's row."""
    if row is None:
        db.execute("DELETE FROM cards WHERE question_id = ?", (question_id,))
    else:
        db.execute(f"INSERT OR REPLACE INTO cards ({CARD_COLUMNS}) VALUES ({CARD_VALUES})", row)


def derive(db: sqlite3.Connection, question_id: str) -> tuple[Any, ...] | None:
    """The row `cards` should hold for one question, or None when it has no history."""
    number = db.execute("SELECT id FROM questions WHERE question_id = ?", (question_id,)).fetchone()
    last = summary = None
    if number is not None:
        last = db.execute(LAST_STATE, number).fetchone()
        summary = db.execute(
            f"SELECT min(reviewed_ms), sum(lapse) FROM {BY_QUESTION} "
            f"WHERE question = ? AND practice = 0 AND {KEPT}",
            number,
        ).fetchone()
    return _row(question_id, last, summary, _flags(db, question_id))


def _row(
    question_id: str,
    last: tuple[Any, ...] | None,
    summary: tuple[Any, ...] | None,
    flags: tuple[bool, bool, int | None],
) -> tuple[Any, ...] | None:
    suspended, leech, buried = flags
    if last is None and not (suspended or leech or buried):
        return None
    if last is None:
        state: tuple[Any, ...] = (None,) * 6
    else:
        phase, step, stability, difficulty, due_ms, last_ms = last
        state = (PHASES[phase], step, stability, difficulty, due_ms, last_ms)
    first_ms, lapses = summary if summary and summary[0] is not None else (None, 0)
    return (question_id, *state, first_ms, lapses or 0, int(suspended), int(leech), buried)


def _flags(db: sqlite3.Connection, question_id: str) -> tuple[bool, bool, int | None]:
    """Replay the user's actions in order: suspended, leech, buried until (ms)."""
    suspended = leech = False
    buried = None
    rows = db.execute(
        f"SELECT action, until_ms FROM actions WHERE question_id = ? AND {KEPT_ACTION} ORDER BY id",
        (question_id,),
    )
    for action, until in rows:
        if action in ("suspend", "leech"):
            suspended = True
        if action == "unsuspend":
            suspended = False
        if action == "leech":
            leech = True
        if action == "bury":
            buried = until
    return suspended, leech, buried
