"""The schema, as named forward-only migrations recorded in the `migrations` table.

A migration is never edited once released: a change is a new function appended
to MIGRATIONS. `reviews`, `undos` and `actions` are append-only logs (only
`orphans --delete` removes rows); `cards` is a cache rebuilt from them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from quizcli.errors import QuizcliError
from quizcli.messages import msg
from quizcli.store.connection import immediate

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    for statement in _M001:
        db.execute(statement)


_M001 = [
    """CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('review', 'practice')),
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    verdict TEXT NOT NULL,
    answer TEXT NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    reviewed_ms INTEGER NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('new', 'learning', 'review', 'relearning')),
    lapse INTEGER NOT NULL CHECK (lapse IN (0, 1)),
    state_before TEXT,
    state_after TEXT,
    CHECK (mode = 'practice' OR (rating IS NOT NULL AND state_after IS NOT NULL)),
    CHECK (mode = 'review' OR state_after IS NULL)
) STRICT""",
    "CREATE INDEX reviews_question ON reviews (question_id, id)",
    "CREATE INDEX reviews_time ON reviews (reviewed_ms)",
    """CREATE TABLE undos (
    review_id INTEGER PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    undone_ms INTEGER NOT NULL
) STRICT""",
    """CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('suspend', 'unsuspend', 'bury', 'leech')),
    at_ms INTEGER NOT NULL,
    until_ms INTEGER,
    review_id INTEGER REFERENCES reviews (id) ON DELETE CASCADE
) STRICT""",
    "CREATE INDEX actions_question ON actions (question_id, id)",
    """CREATE TABLE cards (
    question_id TEXT PRIMARY KEY,
    state TEXT,
    phase TEXT,
    stability REAL,
    due_ms INTEGER,
    last_ms INTEGER,
    first_ms INTEGER,
    lapses INTEGER NOT NULL DEFAULT 0,
    suspended INTEGER NOT NULL DEFAULT 0,
    leech INTEGER NOT NULL DEFAULT 0,
    buried_until_ms INTEGER
) STRICT""",
    "CREATE INDEX cards_due ON cards (due_ms)",
    "CREATE TABLE config (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
]


@migration
def m002_reviews_by_mode(db: sqlite3.Connection) -> None:
    """Counting reviews and practice apart without reading the log's rows (stats on 1M rows)."""
    db.execute("CREATE INDEX reviews_mode_time ON reviews (mode, reviewed_ms)")


@migration
def m003_reviews_by_session(db: sqlite3.Connection) -> None:
    """Undo finds a session's last answer without reading the log from its end."""
    db.execute("CREATE INDEX reviews_session ON reviews (session_id, id)")


def migrate(db: sqlite3.Connection, now_iso: str) -> list[str]:
    """Apply the migrations not yet recorded and return their names.

    They run in one write transaction and `pending` is read again inside it, so a
    second process opening a new file at the same moment waits, then finds them done.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        " STRICT"
    )
    if pending(db) == []:
        return []
    applied = []
    with immediate(db):
        for fn in pending(db):
            fn(db)
            db.execute("INSERT INTO migrations VALUES (?, ?)", (fn.__name__, now_iso))
            applied.append(fn.__name__)
    return applied


def pending(db: sqlite3.Connection) -> list[Migration]:
    """Migrations still to apply; refuses a file written by a newer quizcli."""
    done = {name for (name,) in db.execute("SELECT name FROM migrations")}
    known = {fn.__name__ for fn in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise QuizcliError(msg("error.db_newer", name=unknown[0]))
    return [fn for fn in MIGRATIONS if fn.__name__ not in done]
