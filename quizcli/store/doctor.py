"""`quizcli doctor`: is the database whole, is the card cache true to the log, is there a backup.

The check opens the file without changing anything; only a healthy file is then
migrated and has its cache rebuilt. A damaged file is never replaced here
without the caller asking for `restore_latest`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from quizcli.errors import QuizcliError
from quizcli.messages import Message, msg
from quizcli.store import backup
from quizcli.store.store import open_store

# What is left to do when no backup can replace a damaged file.
START_AFRESH = msg("doctor.afresh")


@dataclass
class Diagnosis:
    path: Path
    exists: bool
    problems: list[str | Message] = field(default_factory=list)  # SQLite's own words, or ours
    backups: list[Path] = field(default_factory=list)
    reviews: int = 0
    cards: int = 0
    cache_fixed: int = 0

    @property
    def damaged(self) -> bool:
        return bool(self.problems)

    @property
    def latest_backup(self) -> Path | None:
        return self.backups[-1] if self.backups else None


def diagnose(path: Path, now: datetime) -> Diagnosis:
    found = Diagnosis(path, path.exists(), backups=backup.backups(path))
    if not found.exists:
        return found
    found.problems = integrity_problems(path)
    if found.damaged:
        return found
    with open_store(path, now=now, backup_daily=False) as store:
        found.cache_fixed = store.rebuild_cards()
        found.reviews = store.db.execute("SELECT count(*) FROM reviews").fetchone()[0]
        found.cards = store.db.execute("SELECT count(*) FROM cards").fetchone()[0]
    return found


def integrity_problems(path: Path) -> list[str | Message]:
    """SQLite's own integrity and foreign-key checks, one line per problem; [] when whole."""
    try:
        db = sqlite3.connect(path, isolation_level=None)
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
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


def restore_latest(path: Path, now: datetime) -> tuple[Path, Path]:
    """Put the newest whole backup in place; returns (that backup, where the old file went)."""
    for candidate in reversed(backup.backups(path)):
        if not integrity_problems(candidate):
            return candidate, backup.restore(path, candidate, now)
    folder = backup.backups_dir(path)
    raise QuizcliError(msg("doctor.no_whole_backup", folder=folder, path=path, afresh=START_AFRESH))
