"""The schema, as named forward-only migrations recorded in the `migrations` table.

A migration is never edited once released: a change is a new function appended
to MIGRATIONS. `reviews`, `undos` and `actions` are append-only logs (only
`orphans --delete` removes rows); `cards` is a cache rebuilt from them.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import sys
from collections.abc import Callable

from quizcli.errors import QuizcliError
from quizcli.messages import msg
from quizcli.store.connection import immediate
from quizcli.store.records import INSERT_REVIEW, PHASES, state_values

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


@migration
def m004_compact_reviews(db: sqlite3.Connection) -> None:
    """One typed state per review instead of two JSON copies: about 600 -> 130 bytes a review.

    Question and session ids are numbered once in their own tables; the state
    before an answer is the previous kept review of its card. Every review keeps
    its id, which with the install's random id makes its global, immutable id.
    Per-minute running totals (kept by triggers) answer `stats` without reading
    the log. Foreign keys are off while the tables are rebuilt (see `migrate`).
    """
    (count,) = db.execute("SELECT count(*) FROM reviews").fetchone()
    if count > 50_000:  # about 10 s per 100,000 answers, once
        sys.stderr.write(f"quizcli: compacting your review history ({count} answers), once...\n")
    for statement in _M004_TABLES:
        db.execute(statement)
    db.execute("INSERT INTO installs VALUES (0, ?)", (secrets.token_hex(8),))
    for table in ("questions", "sessions"):
        column = table[:-1] + "_id"
        db.execute(
            f"INSERT INTO {table} ({column}) SELECT DISTINCT {column} FROM reviews ORDER BY 1"
        )
    _copy_reviews(db)
    db.execute("DROP TABLE reviews")
    db.execute("ALTER TABLE reviews_compact RENAME TO reviews")
    for statement in _M004_AFTER:
        db.execute(statement)
    db.execute("DROP TABLE cards")
    db.execute(_M004_CARDS)
    db.execute("CREATE INDEX cards_due ON cards (due_ms)")
    from quizcli.store import cache

    cache.rebuild(db)


def _copy_reviews(db: sqlite3.Connection) -> None:
    """Old rows into the compact table in batches, JSON states parsed into columns."""
    from quizcli.srs import CardState

    numbers = {
        table: dict(db.execute(f"SELECT {table[:-1]}_id, id FROM {table}"))
        for table in ("questions", "sessions")
    }
    rows = db.execute(
        "SELECT id, question_id, session_id, mode, rating, verdict, answer, duration_ms, "
        "reviewed_ms, phase, lapse, state_after FROM reviews ORDER BY id"
    )
    insert = (
        INSERT_REVIEW.replace("(question,", "(id, question,")
        .replace("INTO reviews", "INTO reviews_compact")
        .replace("VALUES (?", "VALUES (?,?")
    )
    while batch := rows.fetchmany(10_000):
        values = []
        for (
            rid,
            qid,
            sid,
            mode,
            rating,
            verdict,
            answer,
            duration,
            ms,
            phase,
            lapse,
            after,
        ) in batch:
            state = CardState.from_dict(json.loads(after)) if after else None
            question, session = numbers["questions"][qid], numbers["sessions"][sid]
            values.append(
                (
                    *(rid, question, session, int(mode == "practice"), rating, verdict, answer),
                    *(duration, ms, PHASES.index(phase), lapse, *state_values(state, ms)),
                )
            )
        db.executemany(insert, values)
    db.execute(
        "UPDATE sessions SET first_review = "
        "(SELECT min(id) FROM reviews_compact WHERE session = sessions.id)"
    )


_M004_TABLES = [
    "CREATE TABLE installs (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE) STRICT",
    "CREATE TABLE questions (id INTEGER PRIMARY KEY, question_id TEXT NOT NULL UNIQUE) STRICT",
    """CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL UNIQUE,
    first_review INTEGER
) STRICT""",
    # origin/origin_id: NULL for this install's answers; a merged answer keeps its
    # install (installs.id) and its number there, so its global id never changes.
    """CREATE TABLE reviews_compact (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    question INTEGER NOT NULL REFERENCES questions (id),
    session INTEGER NOT NULL REFERENCES sessions (id),
    practice INTEGER NOT NULL CHECK (practice IN (0, 1)),
    rating INTEGER CHECK (rating BETWEEN 1 AND 4),
    verdict TEXT NOT NULL,
    answer TEXT NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    reviewed_ms INTEGER NOT NULL,
    phase INTEGER NOT NULL CHECK (phase BETWEEN 0 AND 3),
    lapse INTEGER NOT NULL CHECK (lapse IN (0, 1)),
    after_phase INTEGER CHECK (after_phase BETWEEN 1 AND 3),
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due_ms INTEGER,
    last_ms INTEGER,
    origin INTEGER REFERENCES installs (id),
    origin_id INTEGER,
    CHECK (practice = 1 OR (rating IS NOT NULL AND after_phase IS NOT NULL)),
    CHECK (practice = 0 OR after_phase IS NULL)
) STRICT""",
    """CREATE TABLE totals (
    minute INTEGER NOT NULL,
    practice INTEGER NOT NULL,
    answers INTEGER NOT NULL,
    graduated INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    PRIMARY KEY (minute, practice)
) STRICT, WITHOUT ROWID""",
]
_M004_CARDS = """CREATE TABLE cards (
    question_id TEXT PRIMARY KEY,
    phase TEXT,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due_ms INTEGER,
    last_ms INTEGER,
    first_ms INTEGER,
    lapses INTEGER NOT NULL DEFAULT 0,
    suspended INTEGER NOT NULL DEFAULT 0,
    leech INTEGER NOT NULL DEFAULT 0,
    buried_until_ms INTEGER
) STRICT"""


def _count(sign: str, row: str, source: str = "") -> str:
    """Add (sign '+') or take away ('-') one kept review's share of the running totals.

    `row` names the review (new, old, or `r` from `source`, a FROM clause).
    """
    values = (
        f"{row}.reviewed_ms / 60000, {row}.practice, {sign}1, "
        f"{sign}({row}.phase = 2 AND NOT {row}.practice), "
        f"{sign}({row}.phase = 2 AND NOT {row}.practice AND {row}.rating > 1)"
    )
    select = f"SELECT {values} {source}" if source else f"SELECT {values} WHERE true"
    return (
        f"INSERT INTO totals {select} "
        "ON CONFLICT DO UPDATE SET answers = answers + excluded.answers, "
        "graduated = graduated + excluded.graduated, passed = passed + excluded.passed;"
    )


_UNDONE = "FROM reviews AS r WHERE r.id = {}.review_id"
_M004_AFTER = [
    "CREATE INDEX reviews_question ON reviews (question, id)",
    # Recent misses (`drill --weak`) without reading the log; about 1 answer in 5 is one.
    "CREATE INDEX reviews_missed ON reviews (reviewed_ms) "
    "WHERE rating = 1 OR verdict = 'incorrect'",
    f"CREATE TRIGGER totals_add AFTER INSERT ON reviews BEGIN {_count('+', 'new')} END",
    # A deleted review first loses its undo (which counts it back in), then its share.
    "CREATE TRIGGER totals_remove BEFORE DELETE ON reviews BEGIN "
    f"DELETE FROM undos WHERE review_id = old.id; {_count('-', 'old')} END",
    "CREATE TRIGGER totals_undo AFTER INSERT ON undos BEGIN "
    f"{_count('-', 'r', _UNDONE.format('new'))} END",
    "CREATE TRIGGER totals_redo AFTER DELETE ON undos BEGIN "
    f"{_count('+', 'r', _UNDONE.format('old'))} END",
]


@migration
def m005_sync_ids(db: sqlite3.Connection) -> None:
    """An answer merged from another machine is found by its global id (install, number)
    in one lookup, and can never be merged twice."""
    db.execute(
        "CREATE UNIQUE INDEX reviews_origin ON reviews (origin, origin_id) WHERE origin IS NOT NULL"
    )


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
    # Tables are rebuilt by copy and rename (SQLite's documented way), which needs
    # the foreign keys off; they are checked before the transaction commits.
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with immediate(db):
            for fn in pending(db):
                fn(db)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (fn.__name__, now_iso))
                applied.append(fn.__name__)
            broken = db.execute("PRAGMA foreign_key_check").fetchone()
            if broken:
                raise RuntimeError(f"migration left a dangling reference: {broken}")
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    return applied


def pending(db: sqlite3.Connection) -> list[Migration]:
    """Migrations still to apply; refuses a file written by a newer quizcli."""
    done = {name for (name,) in db.execute("SELECT name FROM migrations")}
    known = {fn.__name__ for fn in MIGRATIONS}
    unknown = sorted(done - known)
    if unknown:
        raise QuizcliError(msg("error.db_newer", name=unknown[0]))
    return [fn for fn in MIGRATIONS if fn.__name__ not in done]
