"""Opening the SQLite file the same way everywhere, and turning its failures into user errors.

WAL lets a reader (stats in one terminal) run beside a writer (a session in
another); `synchronous=NORMAL` keeps a commit cheap while still surviving a
crashed process; the busy timeout makes a second writer wait its turn instead of
failing; `BEGIN IMMEDIATE` takes the write lock up front so two sessions never
deadlock upgrading a read into a write.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quizcli.errors import QuizcliError
from quizcli.messages import msg

BUSY_TIMEOUT_MS = 15_000
DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
CANNOT_WRITE = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_FULL", "SQLITE_IOERR")
# Python 3.10 has no `sqlite_errorname`: its messages, which SQLite fixes per primary code.
MESSAGES = {
    "database is locked": "SQLITE_BUSY",
    "database table is locked": "SQLITE_LOCKED",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "database or disk is full": "SQLITE_FULL",
    "disk I/O error": "SQLITE_IOERR",
    "database disk image is malformed": "SQLITE_CORRUPT",
    "file is not a database": "SQLITE_NOTADB",
}


def error_name(exc: BaseException | None) -> str:
    """The primary SQLite code's name (`SQLITE_IOERR` for `SQLITE_IOERR_SHORT_READ`), or ""."""
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        return "_".join(name.split("_")[:2])
    return next((code for text, code in MESSAGES.items() if str(exc).startswith(text)), "")


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode: every write goes through `immediate()`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _use_wal(db)
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    _math(db)
    return db


def _math(db: sqlite3.Connection) -> None:
    """`pow` for the queue's order (cache.DUE_ORDER): built into most SQLite builds (3.35+
    with its math functions), given in Python where the build lacks it."""
    try:
        db.execute("SELECT pow(2, 0.5)")
    except sqlite3.OperationalError:
        db.create_function("pow", 2, math.pow, deterministic=True)


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new file to WAL (the mode is kept in the file), waiting for other openers.

    The switch needs an exclusive lock and SQLite reports "locked" at once instead
    of calling the busy handler, so two sessions starting on a new file would
    collide; retry for as long as the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if error_name(exc) not in BUSY or time.monotonic() > deadline:
                raise
        time.sleep(0.01)


@contextmanager
def immediate(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, committed when the block ends, rolled back if it raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """SQLite's and the file system's errors, said in the user's terms with what to do next."""
    try:
        yield
    except (sqlite3.DatabaseError, OSError) as exc:
        problem = user_error(path, exc)
        if problem is None:
            raise
        raise problem from exc


def user_error(path: Path, exc: sqlite3.DatabaseError | OSError) -> QuizcliError | None:
    """The user's version of a failure they can act on; None for a bug in quizcli itself.

    An OSError here comes from making the data dir or writing a backup: the
    machine's state (a file where a folder should be, permissions, a full disk).
    """
    name = error_name(exc)
    if isinstance(exc, OSError) or name in CANNOT_WRITE:
        return QuizcliError(msg("error.db_cannot_write", path=path, detail=exc))
    if name in DAMAGED or "malformed" in str(exc) or "not a database" in str(exc):
        return QuizcliError(msg("error.db_damaged", path=path, detail=exc))
    if name in BUSY:
        return QuizcliError(msg("error.db_locked", path=path, seconds=BUSY_TIMEOUT_MS // 1000))
    return None
