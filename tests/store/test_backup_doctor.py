"""Daily backups, the integrity check, and restoring a damaged file without losing it."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from quizcli.errors import QuizcliError
from quizcli.srs import Rating
from quizcli.store import default_path, open_store
from quizcli.store.backup import KEEP, backups, backups_dir, daily, make, unpack
from quizcli.store.doctor import diagnose, integrity_problems, restore_latest
from quizcli.store.records import to_ms
from tests.store.conftest import NOW
from tests.store.helpers import answer

DAY = timedelta(days=1)


def filled(path: Path, reviews: int = 300) -> Path:
    """A database with `reviews` answers and no backup yet."""
    with open_store(path, now=NOW, backup_daily=False) as store:
        for i in range(reviews):
            answer(store, f"q-{i % 40}", Rating.GOOD, NOW)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def scramble_pages(path: Path) -> None:
    """Overwrite every third page after the first: what a bad disk or a stray write does."""
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // 4096, 3):
        data[page * 4096 : (page + 1) * 4096] = b"\x5a" * 4096
    path.write_bytes(bytes(data))


def count_reviews(path: Path) -> int:
    """Reviews in a database or in a compressed backup of one."""
    if path.name.endswith((".xz", ".gz")):
        plain = path.parent.parent / "unpacked.db"
        unpack(path, plain)
        path = plain
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM reviews").fetchone()[0])


def test_a_new_database_is_not_backed_up(tmp_path: Path) -> None:
    open_store(tmp_path / "q.db", now=NOW).close()
    assert backups(tmp_path / "q.db") == []


def test_one_compressed_backup_per_study_day_refreshed_after_answers(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db", reviews=5)
    open_store(path, now=NOW).close()
    with open_store(path, now=NOW + timedelta(hours=3)) as store:
        answer(store, "q-x", Rating.GOOD, NOW)
    [copy] = backups(path)
    assert copy.name.startswith("quizcli-2026-03-10.n6.t") and copy.name.endswith(".db.xz")
    assert (copy.reviews, copy.last_ms) == (6, to_ms(NOW))
    assert count_reviews(copy.path) == 6
    assert copy.path.stat().st_size < path.stat().st_size / 4
    assert sorted(p.name for p in copy.path.parent.iterdir()) == [".lock", copy.name]


def test_backups_are_ordered_by_their_last_review_not_their_name(tmp_path: Path) -> None:
    """A run with the clock a year ahead makes the name sort last, not the backup newest."""
    path = filled(tmp_path / "q.db", reviews=3)
    open_store(path, now=NOW + 365 * DAY).close()
    with open_store(path, now=NOW) as store:
        answer(store, "q-late", Rating.GOOD, NOW + DAY)
    open_store(path, now=NOW + DAY).close()
    assert [b.label for b in backups(path)] == ["2027-03-10", "2026-03-10", "2026-03-11"]
    assert backups(path)[-1].reviews == 4


def test_rotation_keeps_seven_and_the_backup_with_the_most_reviews(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db", reviews=40)
    with open_store(path, now=NOW) as store:
        store.delete_history([f"q-{i}" for i in range(36)])
    for day in range(1, 10):
        with open_store(path, now=NOW + day * DAY) as store:
            answer(store, "q-39", Rating.GOOD, NOW + day * DAY)
    found = backups(path)
    assert len(found) == KEEP + 1
    assert [b.label for b in found if b.reviews == 40] == ["2026-03-10"]
    assert found[-1].label == "2026-03-19"


def test_a_killed_backup_leaves_nothing_once_the_next_one_runs(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db", reviews=2)
    folder = backups_dir(path)
    folder.mkdir()
    (folder / ".2026-03-09.partial.db").write_bytes(b"half a snapshot")
    (folder / ".2026-03-09.partial.xz").write_bytes(b"half")
    open_store(path, now=NOW).close()
    assert [p.name for p in folder.iterdir() if "partial" in p.name] == []
    assert len(backups(path)) == 1


def test_a_failed_backup_warns_once_a_day_and_blocks_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = filled(tmp_path / "q.db", reviews=2)
    backups_dir(path).write_text("a file where the folder should be")
    with open_store(path, now=NOW) as store:
        answer(store, "q-new", Rating.GOOD, NOW)
    assert "warning: the backup of 2026-03-10 failed" in capsys.readouterr().err
    open_store(path, now=NOW + timedelta(hours=2)).close()
    assert capsys.readouterr().err == ""
    assert count_reviews(path) == 3


def test_the_background_backup_runs_after_the_command_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = filled(tmp_path / "q.db", reviews=4)
    monkeypatch.delenv("QUIZCLI_BACKUP")
    worker = daily(path, NOW.date())
    assert worker is not None
    assert worker.wait(timeout=120) == 0
    [copy] = backups(path)
    assert copy.reviews == 4
    assert daily(path, NOW.date()) is None


def test_a_healthy_database(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db", reviews=10)
    found = diagnose(path, NOW)
    assert not found.damaged
    assert (found.reviews, found.cards, found.cache_fixed) == (10, 10, 0)


def test_missing_database_is_not_damage(tmp_path: Path) -> None:
    found = diagnose(tmp_path / "none.db", NOW)
    assert not found.exists
    assert not found.damaged


@pytest.mark.parametrize("damage", ["pages", "header"])
def test_damage_is_found_and_named(tmp_path: Path, damage: str) -> None:
    path = filled(tmp_path / "q.db")
    if damage == "pages":
        scramble_pages(path)
    else:
        path.write_bytes(b"this is not a database at all" * 200)
    found = diagnose(path, NOW)
    assert found.damaged
    assert any("malformed" in p or "not a database" in p for p in found.problems)
    with pytest.raises(QuizcliError, match=r"is damaged .*run: quizcli doctor"):
        open_store(path, now=NOW)


def test_restore_keeps_the_damaged_file_and_its_wal(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db")
    open_store(path, now=NOW + DAY).close()
    Path(f"{path}-wal").write_bytes(b"stale wal")
    scramble_pages(path)
    damaged_bytes = path.read_bytes()
    backup, kept = restore_latest(path, NOW + DAY)
    assert backup.name.startswith("quizcli-2026-03-11.")
    assert kept is not None
    assert kept.read_bytes() == damaged_bytes
    assert Path(f"{kept}-wal").read_bytes() == b"stale wal"
    assert not Path(f"{path}-wal").exists()
    assert integrity_problems(path) == []
    assert count_reviews(path) == 300


def test_restore_skips_a_damaged_backup(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db")
    open_store(path, now=NOW + DAY).close()
    open_store(path, now=NOW + 2 * DAY).close()
    newest = backups(path)[-1].path
    newest.write_bytes(newest.read_bytes()[:200])
    scramble_pages(path)
    backup, _kept = restore_latest(path, NOW + 2 * DAY)
    assert backup.name.startswith("quizcli-2026-03-11.")


def test_restore_without_a_backup_changes_nothing(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db")
    scramble_pages(path)
    before = path.read_bytes()
    with pytest.raises(QuizcliError, match=r"no undamaged backup .* move it aside"):
        restore_latest(path, NOW)
    assert path.read_bytes() == before


def test_default_path_is_in_the_data_dir(quizcli_home: Path) -> None:
    assert default_path() == quizcli_home / "quizcli.db"


def test_a_refresh_queues_behind_a_running_backup_where_a_daily_one_skips(tmp_path: Path) -> None:
    import threading

    fcntl = pytest.importorskip("fcntl", reason="backups queue on a POSIX file lock")
    path = filled(tmp_path / "q.db", reviews=3)
    backups_dir(path).mkdir()
    with (backups_dir(path) / ".lock").open("a") as running:
        fcntl.flock(running, fcntl.LOCK_EX)
        assert make(path, "2026-03-10") is None
        made: list[object] = []
        refresh = threading.Thread(target=lambda: made.append(make(path, "2026-03-10", True)))
        refresh.start()
        fcntl.flock(running, fcntl.LOCK_UN)
    refresh.join()
    assert made != [None]
    assert [b.reviews for b in backups(path)] == [3]


def test_without_lzma_backups_are_gzip_and_restore_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some Python builds lack lzma: the backup falls back to gzip and restores the same."""
    monkeypatch.setitem(sys.modules, "lzma", None)
    path = filled(tmp_path / "q.db", reviews=7)
    open_store(path, now=NOW).close()
    [copy] = backups(path)
    assert copy.name.endswith(".db.gz") and copy.reviews == 7
    scramble_pages(path)
    restored, _kept = restore_latest(path, NOW)
    assert restored == copy.path
    assert count_reviews(path) == 7
