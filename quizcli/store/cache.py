"""The `cards` table: a cache of each question's state, derived from the logs alone.

Every write refreshes the rows it touches with the same function a full rebuild
uses, so the cache can never drift from what `rebuild` would produce; `doctor`
rebuilds it and says when it found a difference.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from quizcli.srs import CardState, retrievability
from quizcli.store.records import from_ms, state_from_json, to_ms

KEPT = "id NOT IN (SELECT review_id FROM undos)"
# Named indexes for the per-answer queries: the planner, left alone, may prefer
# reviews_mode_time for `mode = 'review'` and read the whole log on every answer.
BY_QUESTION = "reviews INDEXED BY reviews_question"
BY_SESSION = "reviews INDEXED BY reviews_session"
KEPT_ACTION = "(review_id IS NULL OR review_id NOT IN (SELECT review_id FROM undos))"
CARD_COLUMNS = (
    "question_id, state, phase, stability, due_ms, last_ms, first_ms, lapses, suspended, leech, "
    "buried_until_ms"
)
CARD_VALUES = ",".join("?" * 11)
HISTORY_IDS = "SELECT question_id FROM reviews UNION SELECT question_id FROM actions"


def recall(phase: str, stability: float, due_ms: int, last_ms: int, now: datetime) -> float:
    """Retrievability straight from the cache's columns, without parsing the state JSON."""
    card = CardState(phase, None, stability, None, from_ms(due_ms), from_ms(last_ms))
    return retrievability(card, now)


def refresh(db: sqlite3.Connection, question_id: str) -> None:
    """Recompute one question's row from the logs (inside the caller's transaction)."""
    _write(db, question_id, derive(db, question_id))


def rebuild(db: sqlite3.Connection) -> int:
    """Recompute every row; returns how many rows were missing, stale or extra."""
    ids = [qid for (qid,) in db.execute(f"{HISTORY_IDS} UNION SELECT question_id FROM cards")]
    changed = 0
    for question_id in ids:
        old = db.execute(
            f"SELECT {CARD_COLUMNS} FROM cards WHERE question_id = ?", (question_id,)
        ).fetchone()
        new = derive(db, question_id)
        if old != new:
            changed += 1
            _write(db, question_id, new)
    return changed


def _write(db: sqlite3.Connection, question_id: str, row: tuple[Any, ...] | None) -> None:
    """Put a derived row in place; None (no history left) removes the question's row."""
    if row is None:
        db.execute("DELETE FROM cards WHERE question_id = ?", (question_id,))
    else:
        db.execute(f"INSERT OR REPLACE INTO cards ({CARD_COLUMNS}) VALUES ({CARD_VALUES})", row)


def derive(db: sqlite3.Connection, question_id: str) -> tuple[Any, ...] | None:
    """The row `cards` should hold for one question, or None when it has no history."""
    last = db.execute(
        f"SELECT state_after FROM {BY_QUESTION} WHERE question_id = ? AND mode = 'review' "
        f"AND {KEPT} ORDER BY id DESC LIMIT 1",
        (question_id,),
    ).fetchone()
    first_ms, lapses = db.execute(
        f"SELECT min(reviewed_ms), coalesce(sum(lapse), 0) FROM {BY_QUESTION} "
        f"WHERE question_id = ? AND mode = 'review' AND {KEPT}",
        (question_id,),
    ).fetchone()
    suspended, leech, buried = _flags(db, question_id)
    if last is None and not (suspended or leech or buried):
        return None
    state = state_from_json(last[0]) if last else None
    return (
        question_id,
        last[0] if last else None,
        state.phase if state else None,
        state.stability if state else None,
        to_ms(state.due) if state else None,
        to_ms(state.last_review) if state and state.last_review else None,
        first_ms,
        lapses,
        int(suspended),
        int(leech),
        buried,
    )


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
