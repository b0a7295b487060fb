"""Compressed copies of the database beside it in `backups/`, made in the background.

The first command of a study day starts a detached worker (`python -m
quizcli.store.backup DB LABEL`) and goes on at once; the worker takes a
consistent snapshot with `VACUUM INTO`, compresses it with xz (lzma preset 0:
about a quarter of the database, where gzip leaves 30 %) under a temporary name and
renames it when complete, so a half-written file never looks like a backup and a
killed worker's leftovers are removed by the next one. A backup's name carries
its number of reviews and the time of its last review: backups are ordered by
that time, not by name, and rotation keeps the last seven plus the newest of
those holding the most reviews. A failed backup never stops a command: it is
written to `quizcli.db.backup-failed` and the next command warns once that day.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from quizcli.messages import Message, msg

KEEP = 7
PREFIX = "quizcli-"
# quizcli-2026-03-10.n300.t1773144000000.db.xz; quizcli-2026-03-10.db before compression.
NAME = re.compile(rf"{PREFIX}(?P<label>[0-9T-]+)(\.n(?P<n>\d+)\.t(?P<t>-?\d+))?\.db(\.xz|\.gz)?$")
CHUNK = 1 << 20


@dataclass(frozen=True)
class Backup:
    """One backup file with what it holds: reviews and the time of its last one (ms)."""

    path: Path
    label: str
    reviews: int
    last_ms: int

    @property
    def name(self) -> str:
        return self.path.name


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backups(db_path: Path) -> list[Backup]:
    """Existing backups, oldest first by the time of their last review."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = [_describe(p) for p in folder.iterdir() if p.is_file()]
    return sorted((b for b in found if b is not None), key=lambda b: (b.last_ms, b.reviews, b.name))


def _describe(path: Path) -> Backup | None:
    match = NAME.match(path.name)
    if match is None:
        return None
    if match["n"] is not None:
        return Backup(path, match["label"], int(match["n"]), int(match["t"]))
    reviews, last_ms = _contents(path)  # an uncompressed backup from an older quizcli
    return Backup(path, match["label"], reviews, last_ms)


def _contents(path: Path) -> tuple[int, int]:
    """(reviews, last review ms) of a plain SQLite file; (0, 0) when it cannot be read."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            count, last = db.execute("SELECT count(*), max(reviewed_ms) FROM reviews").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return 0, 0
    return int(count), int(last or 0)


def has_label(db_path: Path, label: str) -> bool:
    folder = backups_dir(db_path)
    return folder.is_dir() and any(folder.glob(f"{PREFIX}{label}.*"))


def daily(db_path: Path, today: date, refresh: bool = False) -> subprocess.Popen[bytes] | None:
    """Start today's backup in the background unless it exists; returns the worker.

    `refresh` (after answers were saved) replaces today's backup with a fresh
    one, so the newest answers are in a backup too, not only yesterday's.
    QUIZCLI_BACKUP=inline makes it in this process instead (tests, benchmarks).
    """
    label = today.isoformat()
    if has_label(db_path, label) and not refresh:
        return None
    if os.environ.get("QUIZCLI_BACKUP") == "inline":
        make(db_path, label, refresh)
        return None
    again = ["--refresh"] if refresh else []
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "quizcli.store.backup", str(db_path), label, *again],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        _failed(db_path, label, f"cannot start the backup: {exc}")
        return None


def make(db_path: Path, label: str, refresh: bool = False) -> Backup | None:
    """Write one backup now; on failure record why (for the next command's warning).

    Returns None when another backup is under way or this label exists (unless
    `refresh`: then the new file replaces the label's older one once complete).
    """
    folder = backups_dir(db_path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _exclusive(folder / ".lock", wait=refresh) as mine:
            if not mine or (has_label(db_path, label) and not refresh):
                return None
            older = list(folder.glob(f"{PREFIX}{label}.*"))
            made = _write(db_path, folder, label)
            for old in older:
                if old != made.path:
                    old.unlink(missing_ok=True)
            prune(db_path)
    except (OSError, sqlite3.Error) as exc:
        _failed(db_path, label, str(exc))
        return None
    failure_path(db_path).unlink(missing_ok=True)
    return made


def _write(db_path: Path, folder: Path, label: str) -> Backup:
    """Snapshot, compress, rename; leftovers of a killed run are removed first."""
    for stale in folder.glob(".*.partial*"):
        stale.unlink(missing_ok=True)
    snapshot = folder / f".{label}.partial.db"
    suffix, compressed = _compressor()
    packed = folder / f".{label}.partial{suffix}"
    try:
        db = sqlite3.connect(db_path, timeout=60)
        try:
            db.execute("VACUUM INTO ?", (str(snapshot),))
        finally:
            db.close()
        reviews, last_ms = _contents(snapshot)
        with snapshot.open("rb") as source, compressed(packed) as target:
            shutil.copyfileobj(source, target, CHUNK)
        _fsync(packed)
        final = folder / f"{PREFIX}{label}.n{reviews}.t{last_ms}.db{suffix}"
        os.replace(packed, final)
        _fsync_dir(folder)
    finally:
        snapshot.unlink(missing_ok=True)
        packed.unlink(missing_ok=True)
    return Backup(final, label, reviews, last_ms)


def _compressor() -> tuple[str, Callable[[Path], Any]]:
    """xz where Python has lzma (some builds lack it), else gzip."""
    try:
        import lzma
    except ImportError:
        return ".gz", lambda path: gzip.open(path, "wb", compresslevel=6)
    return ".xz", lambda path: lzma.open(path, "wb", preset=0)


def prune(db_path: Path) -> None:
    """Keep the last KEEP by last review, and always the newest of those with most reviews."""
    found = backups(db_path)
    if len(found) <= KEEP:
        return
    most = max(found, key=lambda b: (b.reviews, b.last_ms))
    for old in found[:-KEEP]:
        if old != most:
            old.path.unlink(missing_ok=True)


def failure_path(db_path: Path) -> Path:
    """Beside the database, not in `backups/`: that folder may be what is broken."""
    return db_path.with_name(f"{db_path.name}.backup-failed")


def _failed(db_path: Path, label: str, why: str) -> None:
    with suppress(OSError):
        failure_path(db_path).write_text(f"{label}\t{why}\n", encoding="utf-8")


def failure_to_report(db_path: Path, today: date) -> Message | None:
    """Why the last backup failed, once per study day; None when there is nothing to say."""
    marker = failure_path(db_path)
    try:
        label, why = marker.read_text(encoding="utf-8").rstrip("\n").split("\t", 1)[:2]
    except (OSError, ValueError):
        return None
    warned = marker.with_name(f"{marker.name}-warned")
    with suppress(OSError):
        if warned.read_text(encoding="utf-8") == today.isoformat():
            return None
    with suppress(OSError):
        warned.write_text(today.isoformat(), encoding="utf-8")
    return msg("backup.failed", label=label, why=why)


@contextmanager
def _exclusive(lock: Path, wait: bool = False) -> Iterator[bool]:
    """Hold an exclusive lock on `lock` if no one else does; yields whether it is ours.

    `wait` queues behind a running backup instead (a refresh after answers must
    not be skipped, or the last session's answers would be in no backup).
    """
    with lock.open("a") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: one backup at a time is not enforced
            yield True
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True


def restoring(db_path: Path) -> Path:
    """Where a backup is unpacked and checked before it replaces the database."""
    return db_path.with_name(f".{db_path.name}.restoring")


def restore(db_path: Path, ready: Path, now: datetime) -> Path | None:
    """Rename an unpacked backup over the database; returns where the old file went.

    `ready` lies beside the database, so the rename is atomic: a kill at any
    moment leaves the old file or the new one. The old file and its WAL are kept
    as `*.damaged-*` (hard links, so nothing is copied twice); None if there was none.
    """
    stamp = now.strftime("%Y%m%dT%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    tries = 1
    while not _free(db_path, kept):
        tries += 1
        kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{tries}")
    had_file = db_path.exists()
    for suffix in ("", "-wal", "-shm"):
        current = Path(f"{db_path}{suffix}")
        if current.exists():
            _keep(current, Path(f"{kept}{suffix}"))
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(ready, db_path)
    _fsync_dir(db_path.parent)
    return kept if had_file else None


def _free(db_path: Path, kept: Path) -> bool:
    """No other file under these names (an interrupted restore may have kept this same one)."""
    for suffix in ("", "-wal", "-shm"):
        current, target = Path(f"{db_path}{suffix}"), Path(f"{kept}{suffix}")
        if target.exists() and not (current.exists() and os.path.samefile(current, target)):
            return False
    return True


def unpack(source: Path, target: Path) -> None:
    """A backup's database, complete and on disk, at `target`."""
    target.unlink(missing_ok=True)
    opener: Callable[[Path, str], Any] = open
    if source.name.endswith(".xz"):
        import lzma

        opener = lzma.open
    elif source.name.endswith(".gz"):
        opener = gzip.open
    with opener(source, "rb") as packed, target.open("wb") as out:
        shutil.copyfileobj(packed, out, CHUNK)
    _fsync(target)


def _keep(current: Path, kept: Path) -> None:
    if kept.exists():
        return  # the same file, kept by an interrupted restore
    try:
        os.link(current, kept)
    except OSError:
        shutil.copyfile(current, kept)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


if __name__ == "__main__":
    make(Path(sys.argv[1]), sys.argv[2], refresh="--refresh" in sys.argv[3:])
