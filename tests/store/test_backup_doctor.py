"""Daily backups, the integrity check, and restoring a damaged file without losing it."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from quizcli.errors import QuizcliError
from quizcli.srs import Rating
from quizcli.store import default_path, open_store
from quizcli.store.backup import KEEP, backups
from quizcli.store.doctor import diagnose, integrity_problems, restore_latest
from tests.store.conftest import NOW
from tests.store.helpers import answer

DAY = timedelta(days=1)


def filled(path: Path, reviews: int = 300) -> Path:
    with open_store(path, now=NOW) as store:
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
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM reviews").fetchone()[0])


def test_a_new_database_is_not_backed_up(tmp_path: Path) -> None:
    open_store(tmp_path / "q.db", now=NOW).close()
    assert backups(tmp_path / "q.db") == []


def test_one_backup_per_study_day_with_the_data(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db", reviews=5)
    open_store(path, now=NOW).close()
    with open_store(path, now=NOW + timedelta(hours=3)) as store:
        answer(store, "q-x", Rating.GOOD, NOW)
    [copy] = backups(path)
    assert copy.name == "quizcli-2026-03-10.db"
    assert count_reviews(copy) == 5
    assert integrity_problems(copy) == []


def test_only_the_last_seven_backups_are_kept(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db", reviews=1)
    for day in range(10):
        open_store(path, now=NOW + day * DAY).close()
    names = [p.name for p in backups(path)]
    assert len(names) == KEEP
    assert names[0] == "quizcli-2026-03-13.db"
    assert names[-1] == "quizcli-2026-03-19.db"


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
    assert backup.name == "quizcli-2026-03-11.db"
    assert kept.read_bytes() == damaged_bytes
    assert Path(f"{kept}-wal").read_bytes() == b"stale wal"
    assert not Path(f"{path}-wal").exists()
    assert integrity_problems(path) == []
    assert count_reviews(path) == 300


def test_restore_skips_a_damaged_backup(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db")
    open_store(path, now=NOW + DAY).close()
    open_store(path, now=NOW + 2 * DAY).close()
    newest = backups(path)[-1]
    scramble_pages(newest)
    scramble_pages(path)
    backup, _kept = restore_latest(path, NOW + 2 * DAY)
    assert backup.name == "quizcli-2026-03-11.db"


def test_restore_without_a_backup_changes_nothing(tmp_path: Path) -> None:
    path = filled(tmp_path / "q.db")
    scramble_pages(path)
    before = path.read_bytes()
    with pytest.raises(QuizcliError, match=r"no undamaged backup .* move it aside"):
        restore_latest(path, NOW)
    assert path.read_bytes() == before


def test_default_path_is_in_the_data_dir(quizcli_home: Path) -> None:
    assert default_path() == quizcli_home / "quizcli.db"
