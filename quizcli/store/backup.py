"""Daily copies of the database beside it in `backups/`, the last seven kept.

A copy is written with `VACUUM INTO` (a consistent snapshot even while another
process writes) to a temporary name and renamed, so a half-written file never
looks like a backup. Restoring moves the damaged file aside; nothing is deleted.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

KEEP = 7
PREFIX = "quizcli-"


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backups(db_path: Path) -> list[Path]:
    """Existing backups, oldest first (their names sort by date)."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*.db") if p.is_file())


def daily(db: sqlite3.Connection, db_path: Path, today: date) -> Path | None:
    """Back up once per study day; returns the new file, or None when today's exists."""
    target = backups_dir(db_path) / f"{PREFIX}{today.isoformat()}.db"
    if target.exists():
        return None
    return write(db, target)


def write(db: sqlite3.Connection, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db.execute("VACUUM INTO ?", (str(partial),))
    os.replace(partial, target)
    prune(target.parent)
    return target


def prune(folder: Path) -> None:
    for old in sorted(folder.glob(f"{PREFIX}*.db"))[:-KEEP]:
        old.unlink(missing_ok=True)


def restore(db_path: Path, backup: Path, now: datetime) -> Path:
    """Put `backup` in place of the database; the old file and its WAL go to `*.damaged-*`."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        current = Path(f"{db_path}{suffix}")
        if current.exists():
            os.replace(current, Path(f"{kept}{suffix}"))
    partial = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(backup, partial)
    os.replace(partial, db_path)
    return kept
