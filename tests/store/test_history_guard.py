"""A history that existed is never silently replaced by an empty one; repair is atomic and alone."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from quizcli.errors import QuizcliError
from quizcli.srs import Rating
from quizcli.store import default_path, open_store
from quizcli.store.connection import user_error
from quizcli.store.doctor import diagnose, integrity_problems, restore_latest
from quizcli.store.guard import LostHistory
from tests.store.conftest import NOW
from tests.store.helpers import answer
from tests.store.test_backup_doctor import count_reviews, filled
from tests.store.test_cli_review import fixture_bundle, invoke, stats_json

__all__ = ["fixture_bundle"]  # the mini bank and the clock at NOW, as in test_cli_review
DAY = timedelta(days=1)
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def history_with_backup(reviews: int = 100) -> Path:
    """`reviews` answers, then the next day's first command makes a backup."""
    path = filled(default_path(), reviews=reviews)
    open_store(path, now=NOW + DAY).close()
    return path


def test_a_deleted_database_is_reported_by_every_command_and_restored() -> None:
    path = history_with_backup(100)
    path.unlink()
    for command in (["stats"], ["history", "mini-choice"], ["config"]):
        code, _, err = invoke(*command)
        assert code == 1, command
        assert "is missing, but a history of 100 answers existed" in err
        assert "quizcli doctor --restore" in err
    assert not path.exists()
    code, _, err = invoke("doctor")
    assert code == 1 and "is missing" in err
    code, out, _ = invoke("doctor", "--restore")
    assert code == 0, out
    assert "there was no file to keep" in out
    assert stats_json()["reviews_total"] == 100


def test_a_missing_database_is_found_by_its_record_alone() -> None:
    path = filled(default_path(), reviews=3)
    path.unlink()
    with pytest.raises(LostHistory, match="history of 3 answers existed"):
        open_store(now=NOW)
    assert not path.exists()


def test_an_emptied_database_is_reported() -> None:
    path = history_with_backup(5)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"")
    code, _, err = invoke("stats")
    assert code == 1 and "is empty" in err and "doctor --restore" in err
    assert path.stat().st_size == 0


def test_a_rolled_back_database_is_reported() -> None:
    path = history_with_backup(5)
    older = path.with_name("older.db")
    shutil.copyfile(path, older)
    with open_store(now=NOW + DAY) as store:
        answer(store, "q-more", Rating.GOOD, NOW + DAY)
    assert not Path(f"{path}-wal").exists()
    os.replace(older, path)
    code, _, err = invoke("stats")
    assert code == 1
    assert "holds answers up to #5, but it held answers up to #6" in err
    assert diagnose(path, NOW).cause == "rolled back"


def test_deleting_history_on_purpose_is_not_a_loss() -> None:
    with open_store(now=NOW) as store:
        answer(store, "old-one", Rating.GOOD, NOW)
    code, _, _ = invoke("orphans", "--delete")
    assert code == 0
    assert invoke("stats")[0] == 0


def test_restore_refuses_while_another_quizcli_has_the_file_open() -> None:
    path = history_with_backup(5)
    with open_store(now=NOW + DAY), pytest.raises(QuizcliError, match="another quizcli"):
        restore_latest(path, NOW + DAY)
    assert count_reviews(path) == 5


RESTORER = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from quizcli.store.doctor import restore_latest

stop, seen = int(sys.argv[2]), 0
STEPS = {"restore_latest", "restore", "unpack", "_keep", "_free", "reset"}

def kill_at_line(frame, event, arg):
    global seen
    if event == "line" and frame.f_code.co_name in STEPS:
        seen += 1
        if seen == stop:
            os.kill(os.getpid(), signal.SIGKILL)
    return kill_at_line

sys.settrace(kill_at_line)
restore_latest(Path(sys.argv[1]), datetime(2026, 3, 12))
"""


def test_a_kill_at_every_step_of_a_restore_leaves_a_whole_database(tmp_path: Path) -> None:
    """Kill -9 a restore at each line it runs in turn: the file is the old one or the backup."""
    pristine = tmp_path / "pristine"
    path = filled(pristine / "q.db", reviews=300)
    open_store(path, now=NOW + DAY).close()
    with open_store(path, now=NOW + DAY, backup_daily=False) as store:
        answer(store, "q-extra", Rating.GOOD, NOW + DAY)
    found, stop = set(), 1
    while True:
        work = tmp_path / f"run-{stop}"
        shutil.copytree(pristine, work)
        path = work / "q.db"
        done = subprocess.run(
            [sys.executable, "-c", RESTORER, str(path), str(stop)], capture_output=True, text=True
        )
        assert path.exists(), stop
        assert integrity_problems(path) == [], stop
        found.add(count_reviews(path))
        shutil.rmtree(work)
        if done.returncode == 0:
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        stop += 1
    assert stop > 20  # the loop really killed the restore at many points
    assert found == {300, 301}


@pytest.mark.skipif(ROOT, reason="root reads and writes any file, whatever its mode")
def test_doctor_names_an_unreadable_file_and_offers_no_restore() -> None:
    path = history_with_backup(3)
    path.chmod(0)
    try:
        code, _, err = invoke("doctor", "--restore")
    finally:
        path.chmod(0o600)
    assert code == 1
    assert "not readable" in err and "restored" not in err
    assert count_reviews(path) == 3


@pytest.mark.skipif(ROOT, reason="root writes into a read-only directory")
def test_doctor_names_a_read_only_directory() -> None:
    path = history_with_backup(3)
    path.parent.chmod(0o500)
    try:
        found = diagnose(path, NOW)
    finally:
        path.parent.chmod(0o700)
    assert found.cause == "read-only" and not found.damaged


def test_doctor_names_a_lock_held_by_another_process() -> None:
    path = history_with_backup(3)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = invoke("doctor", "--restore")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1
    assert "locked: " in err and "locked by another process" in err
    assert count_reviews(path) == 3


def test_doctor_names_a_newer_schema() -> None:
    path = history_with_backup(3)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO migrations VALUES ('m999_future', 'x')")
    code, _, err = invoke("doctor", "--restore")
    assert code == 1 and "newer schema: " in err and "upgrade quizcli" in err
    assert count_reviews(path) == 3


def test_doctor_names_a_full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    path = history_with_backup(3)
    usage = shutil.disk_usage(path.parent)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=0))
    code, _, err = invoke("doctor", "--restore")
    assert code == 1 and "disk full: " in err
    assert count_reviews(path) == 3


def test_a_full_tmpfs_keeps_every_saved_answer(tmp_path: Path) -> None:
    """On a real full disk: answers fail with a clear message, none saved is lost."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        path = mount / "quizcli.db"
        saved = 0
        with open_store(path, now=NOW) as store, pytest.raises(QuizcliError, match="disk"):
            for i in range(100_000):
                answer(store, f"q-{i}", Rating.GOOD, NOW)
                saved += 1
        assert count_reviews(path) == saved
    finally:
        if subprocess.run(["umount", str(mount)], check=False).returncode:
            subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("SQLITE_IOERR_SHORT_READ", "cannot write the review database"),
        ("SQLITE_READONLY_DBMOVED", "cannot write the review database"),
        ("SQLITE_CORRUPT_INDEX", "is damaged"),
        ("SQLITE_BUSY_SNAPSHOT", "locked by another quizcli"),
        ("SQLITE_CANTOPEN_ISDIR", "cannot write the review database"),
    ],
)
def test_extended_sqlite_codes_are_clear_messages(name: str, said: str) -> None:
    exc = sqlite3.OperationalError("something went wrong")
    exc.sqlite_errorname = name  # type: ignore[attr-defined]
    problem = user_error(Path("q.db"), exc)
    assert problem is not None and said in problem.message


def test_todays_answers_are_in_the_backup_refreshed_when_a_session_closes() -> None:
    """A first day's answers are restorable too: closing after answers refreshes the backup."""
    with open_store(now=NOW) as store:
        for i in range(3):
            answer(store, f"q-{i}", Rating.GOOD, NOW)
    default_path().unlink()
    assert invoke("stats")[0] == 1
    assert invoke("doctor", "--restore")[0] == 0
    assert stats_json()["reviews_total"] == 3
