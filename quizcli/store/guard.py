"""Knowing that a history existed, so a missing or shrunken database is never taken for a new one.

`quizcli.db.seen` beside the database holds the number of the last review ever
written (SQLite's AUTOINCREMENT counter, which deleting history never lowers).
A database that is missing, empty, or whose counter is behind that record has
lost answers: every command stops and names `quizcli doctor --restore`. The
backups are the second witness, for when the record itself is gone.

Every process that opens the database holds a shared lock on `quizcli.db.lock`;
a restore takes it exclusively, so it never swaps the file under a session.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path
from typing import IO

from quizcli.errors import QuizcliError
from quizcli.messages import msg
from quizcli.store import backup

RESTORE = msg("guard.restore")


class LostHistory(QuizcliError):
    """The database holds less than it did; nothing is created over it."""


def record_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.seen")


def seen(db_path: Path) -> int:
    """The last review number this database is known to have held (0 if none)."""
    try:
        return int(record_path(db_path).read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def remember(db_path: Path, last_review: int) -> None:
    """Write the record (a temporary file renamed into place) when it moved forward."""
    if last_review <= seen(db_path):
        return
    reset(db_path, last_review)


def reset(db_path: Path, last_review: int) -> None:
    """Set the record, forward or back (after a restore the user asked for)."""
    target = record_path(db_path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    with suppress(OSError):
        temporary.write_text(f"{last_review}\n", encoding="ascii")
        os.replace(temporary, target)


def last_review(db: sqlite3.Connection) -> int:
    """The highest review number ever given out (0 before the first, or in an old file)."""
    try:
        row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'reviews'").fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0]) if row else 0


def check_file(db_path: Path) -> None:
    """Before opening: a missing or empty file where a history existed is refused."""
    empty = not db_path.exists() or db_path.stat().st_size == 0
    if not empty:
        return
    known = seen(db_path)
    best = max((b.reviews for b in backup.backups(db_path)), default=0)
    if known == 0 and best == 0:
        return
    key = "guard.missing" if not db_path.exists() else "guard.empty"
    raise LostHistory(
        msg(
            key,
            path=db_path,
            n=max(known, best),
            restore=RESTORE,
            record=record_path(db_path),
            backups=backup.backups_dir(db_path),
        )
    )


def check_counter(db_path: Path, db: sqlite3.Connection) -> None:
    """After opening: a counter behind the record means answers went missing."""
    have, known = last_review(db), seen(db_path)
    if have < known:
        raise LostHistory(
            msg("guard.rolled_back", path=db_path, have=have, known=known, restore=RESTORE)
        )
    remember(db_path, have)


def share(db_path: Path) -> IO[str] | None:
    """Hold a shared lock for as long as the returned handle is open (None on Windows)."""
    try:
        import fcntl
    except ImportError:
        return None
    handle = db_path.with_name(f"{db_path.name}.lock").open("a")
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def exclusive(db_path: Path) -> IO[str] | None:
    """The lock a restore needs, or an error naming the other quizcli that holds the file."""
    try:
        import fcntl
    except ImportError:
        return None
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle = db_path.with_name(f"{db_path.name}.lock").open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise QuizcliError(msg("guard.busy", path=db_path)) from None
    return handle
