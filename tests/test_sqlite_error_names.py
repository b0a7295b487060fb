"""SQLite failures are named the same on every Python: 3.10 has no `sqlite_errorname`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizcli.store.connection import error_name, user_error


def test_extended_codes_count_as_their_primary_code() -> None:
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorname = "SQLITE_IOERR_SHORT_READ"  # type: ignore[attr-defined]
    assert error_name(exc) == "SQLITE_IOERR"


def test_without_sqlite_errorname_the_message_names_the_code() -> None:
    """As on Python 3.10, where only the message is there."""
    locked = sqlite3.OperationalError("database is locked")
    assert not hasattr(locked, "sqlite_errorname")
    assert error_name(locked) == "SQLITE_BUSY"
    assert error_name(sqlite3.DatabaseError("file is not a database")) == "SQLITE_NOTADB"
    assert error_name(sqlite3.OperationalError("no such table: x")) == ""
    problem = user_error(Path("q.db"), locked)
    assert problem is not None and "locked by another quizcli" in problem.message
