"""`quizcli doctor`: what is wrong with the review database, named, and only damage repaired.

The causes told apart: missing, empty or rolled back (a history existed),
damaged (SQLite's integrity check), locked by another process, not readable
(permissions), read-only, disk full, written by a newer quizcli. Only the first
two kinds can be mended by restoring a backup; the others are the machine's
state, and a restore would only lose answers. The check opens the file without
changing anything; only a healthy file is migrated and has its cache rebuilt.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from quizcli.errors import QuizcliError
from quizcli.messages import Message, msg, reason
from quizcli.store import backup, guard
from quizcli.store.connection import error_name
from quizcli.store.store import open_store

# What is left to do when no backup can replace a damaged file.
START_AFRESH = msg("doctor.afresh")
# Causes a backup can mend; the rest are about the machine, not the file's contents.
RESTORABLE = ("missing", "empty", "rolled back", "damaged")
FULL_BYTES = 1 << 20
LOCK_WAIT_S = 1.0


@dataclass
class Diagnosis:
    path: Path
    exists: bool
    problems: list[str | Message] = field(default_factory=list)  # SQLite's own words, or ours
    backups: list[backup.Backup] = field(default_factory=list)
    cause: str | None = None
    reviews: int = 0
    cards: int = 0
    cache_fixed: int = 0

    @property
    def damaged(self) -> bool:
        """A backup would mend it: the file's contents are lost or broken."""
        return self.cause in RESTORABLE

    @property
    def healthy(self) -> bool:
        return self.cause is None

    @property
    def latest_backup(self) -> backup.Backup | None:
        return self.backups[-1] if self.backups else None


def diagnose(path: Path, now: datetime) -> Diagnosis:
    found = Diagnosis(path, path.exists(), backups=backup.backups(path))
    try:
        guard.check_file(path)
    except guard.LostHistory as exc:
        found.cause = "missing" if not found.exists else "empty"
        found.problems = [exc.said or exc.message]
        return found
    if not found.exists:
        return found
    cause, problems = _machine(path)
    if cause is None:
        problems = integrity_problems(path)
        cause = "damaged" if problems else None
    if cause is None:
        cause, problems = _open_and_rebuild(found, now)
    found.cause, found.problems = cause, problems
    return found


def _machine(path: Path) -> tuple[str | None, list[str | Message]]:
    """Causes outside the file's contents: permissions, read-only, full disk, another writer."""
    try:
        with path.open("rb") as handle:
            handle.read(100)
    except OSError as exc:
        return "not readable", [msg("doctor.not_readable", path=path, reason=reason(exc))]
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return "read-only", [msg("doctor.read_only", path=path)]
    if shutil.disk_usage(path.parent).free < FULL_BYTES:
        return "disk full", [msg("doctor.disk_full", path=path)]
    try:
        db = sqlite3.connect(path, timeout=LOCK_WAIT_S, isolation_level=None)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        if error_name(exc) in ("SQLITE_BUSY", "SQLITE_LOCKED"):
            return "locked", [msg("doctor.locked", path=path)]
    return None, []


def _open_and_rebuild(found: Diagnosis, now: datetime) -> tuple[str | None, list[str | Message]]:
    try:
        with open_store(found.path, now=now, backup_daily=False) as store:
            found.cache_fixed = store.rebuild_cards()
            found.reviews = store.db.execute("SELECT count(*) FROM reviews").fetchone()[0]
            found.cards = store.db.execute("SELECT count(*) FROM cards").fetchone()[0]
    except guard.LostHistory as exc:
        return "rolled back", [exc.said or exc.message]
    except QuizcliError as exc:
        if "newer quizcli" in exc.message:
            return "newer schema", [exc.said or exc.message]
        if "full" in exc.message:
            return "disk full", [exc.said or exc.message]
        raise
    return None, []


def integrity_problems(path: Path) -> list[str | Message]:
    """SQLite's own integrity and foreign-key checks, one line per problem; [] when whole.

    `quick_check` reads and checks every page and record but not that each index
    matches its table: linear in the file's size (1.8 s against 11 s at a million
    reviews), which keeps `doctor` under its 10 s budget.
    """
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
            orphans = db.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    problems: list[str | Message] = [str(message) for (message,) in rows if message != "ok"]
    problems += [
        msg("doctor.missing_row", table=table, rowid=rowid, parent=parent)
        for table, rowid, parent, _ in orphans
    ]
    return problems


def _keep_numbers(ready: Path, known: int) -> None:
    """Review numbers given out before a restore are never given out again, so each
    answer's global id stays its own: one lost since the backup comes back whole from a
    sync folder, and no new answer takes its number."""
    db = sqlite3.connect(ready)
    try:
        with db:
            db.execute(
                "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'reviews'", (known,)
            )
    except sqlite3.OperationalError:
        pass  # a backup from before the compact log (m004) has no counter yet
    finally:
        db.close()


def restore_latest(path: Path, now: datetime) -> tuple[Path, Path | None]:
    """Put the newest whole backup in place; returns (that backup, where the old file went).

    Refused while another quizcli has the database open. Each candidate is
    unpacked and checked beside the database before anything is renamed.
    """
    lock = guard.exclusive(path)
    ready = backup.restoring(path)
    try:
        for candidate in reversed(backup.backups(path)):
            try:
                backup.unpack(candidate.path, ready)
            except (OSError, EOFError):
                continue
            if integrity_problems(ready):
                continue
            _keep_numbers(ready, guard.seen(path))
            kept = backup.restore(path, ready, now)
            with sqlite3.connect(path) as db:
                guard.reset(path, guard.last_review(db))
            return candidate.path, kept
    finally:
        ready.unlink(missing_ok=True)
        if lock is not None:
            lock.close()
    folder = backup.backups_dir(path)
    raise QuizcliError(msg("doctor.no_whole_backup", folder=folder, path=path, afresh=START_AFRESH))
