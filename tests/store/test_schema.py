"""Migrations from an empty file give exactly the expected schema, and run once."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from quizcli.errors import QuizcliError
from quizcli.srs import CardState, Rating, outcomes
from quizcli.store import open_store
from quizcli.store.migrations import MIGRATIONS
from tests.store.conftest import NOW

# table -> [(column, declared type, NOT NULL, primary key)]
COLUMNS = {
    "actions": [
        ("id", "INTEGER", 0, 1),
        ("question_id", "TEXT", 1, 0),
        ("action", "TEXT", 1, 0),
        ("at_ms", "INTEGER", 1, 0),
        ("until_ms", "INTEGER", 0, 0),
        ("review_id", "INTEGER", 0, 0),
    ],
    "cards": [
        ("question_id", "TEXT", 1, 1),
        ("phase", "TEXT", 0, 0),
        ("step", "INTEGER", 0, 0),
        ("stability", "REAL", 0, 0),
        ("difficulty", "REAL", 0, 0),
        ("due_ms", "INTEGER", 0, 0),
        ("last_ms", "INTEGER", 0, 0),
        ("first_ms", "INTEGER", 0, 0),
        ("lapses", "INTEGER", 1, 0),
        ("suspended", "INTEGER", 1, 0),
        ("leech", "INTEGER", 1, 0),
        ("buried_until_ms", "INTEGER", 0, 0),
    ],
    "config": [("key", "TEXT", 1, 1), ("value", "TEXT", 1, 0)],
    "installs": [("id", "INTEGER", 0, 1), ("uid", "TEXT", 1, 0)],
    "migrations": [("name", "TEXT", 1, 1), ("applied_at", "TEXT", 1, 0)],
    "questions": [("id", "INTEGER", 0, 1), ("question_id", "TEXT", 1, 0)],
    "reviews": [
        ("id", "INTEGER", 0, 1),
        ("question", "INTEGER", 1, 0),
        ("session", "INTEGER", 1, 0),
        ("practice", "INTEGER", 1, 0),
        ("rating", "INTEGER", 0, 0),
        ("verdict", "TEXT", 1, 0),
        ("answer", "TEXT", 1, 0),
        ("duration_ms", "INTEGER", 1, 0),
        ("reviewed_ms", "INTEGER", 1, 0),
        ("phase", "INTEGER", 1, 0),
        ("lapse", "INTEGER", 1, 0),
        ("after_phase", "INTEGER", 0, 0),
        ("step", "INTEGER", 0, 0),
        ("stability", "REAL", 0, 0),
        ("difficulty", "REAL", 0, 0),
        ("due_ms", "INTEGER", 0, 0),
        ("last_ms", "INTEGER", 0, 0),
        ("origin", "INTEGER", 0, 0),
        ("origin_id", "INTEGER", 0, 0),
    ],
    "sessions": [
        ("id", "INTEGER", 0, 1),
        ("session_id", "TEXT", 1, 0),
        ("first_review", "INTEGER", 0, 0),
    ],
    "totals": [
        ("minute", "INTEGER", 1, 1),
        ("practice", "INTEGER", 1, 2),
        ("answers", "INTEGER", 1, 0),
        ("graduated", "INTEGER", 1, 0),
        ("passed", "INTEGER", 1, 0),
    ],
    "undos": [
        ("review_id", "INTEGER", 0, 1),
        ("session_id", "TEXT", 1, 0),
        ("undone_ms", "INTEGER", 1, 0),
    ],
}
INDEXES = {
    "reviews_question": ("reviews", ["question", "id"]),
    "reviews_missed": ("reviews", ["reviewed_ms"]),
    "reviews_origin": ("reviews", ["origin", "origin_id"]),
    "actions_question": ("actions", ["question_id", "id"]),
    "cards_due": ("cards", ["due_ms"]),
}
FOREIGN_KEYS = {
    "actions": [("reviews", "review_id", "id", "CASCADE")],
    "reviews": [
        ("installs", "origin", "id", "NO ACTION"),
        ("sessions", "session", "id", "NO ACTION"),
        ("questions", "question", "id", "NO ACTION"),
    ],
    "undos": [("reviews", "review_id", "id", "CASCADE")],
}


@pytest.fixture
def migrated(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    open_store(path, now=NOW).close()
    return sqlite3.connect(path)


def test_tables_and_columns(migrated: sqlite3.Connection) -> None:
    tables = [
        n
        for (n,) in migrated.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    assert sorted(tables) == sorted(COLUMNS)
    for table, expected in COLUMNS.items():
        info = migrated.execute(f"PRAGMA table_info({table})").fetchall()
        assert [(c[1], c[2], c[3], c[5]) for c in info] == expected, table


def test_every_table_is_strict(migrated: sqlite3.Connection) -> None:
    rows = migrated.execute("PRAGMA table_list").fetchall()
    strict = {name: flag for _schema, name, kind, _n, _wr, flag in rows if name in COLUMNS}
    assert strict == dict.fromkeys(COLUMNS, 1)


def test_indexes_and_foreign_keys(migrated: sqlite3.Connection) -> None:
    rows = migrated.execute(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    found = {
        name: (table, [c[2] for c in migrated.execute(f"PRAGMA index_info({name})")])
        for name, table in rows
    }
    assert found == INDEXES
    for table in COLUMNS:
        keys = migrated.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        assert [(k[2], k[3], k[4], k[6]) for k in keys] == FOREIGN_KEYS.get(table, []), table


def test_migrations_are_recorded_by_name(migrated: sqlite3.Connection) -> None:
    names = [n for (n,) in migrated.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names == [fn.__name__ for fn in MIGRATIONS]
    assert names == [
        "m001_initial",
        "m002_reviews_by_mode",
        "m003_reviews_by_session",
        "m004_compact_reviews",
        "m005_sync_ids",
    ]


def test_reopening_applies_nothing(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    open_store(path, now=NOW).close()
    open_store(path, now=NOW.replace(year=2027)).close()
    with sqlite3.connect(path) as db:
        stamps = {at for (at,) in db.execute("SELECT applied_at FROM migrations")}
    assert stamps == {NOW.isoformat()}


def test_connection_settings(tmp_path: Path) -> None:
    with open_store(tmp_path / "q.db", now=NOW) as store:
        pragma = {
            name: store.db.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 1,
        "busy_timeout": 15000,
        "foreign_keys": 1,
    }


def test_a_file_from_a_newer_quizcli_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    open_store(path, now=NOW).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO migrations VALUES ('m999_future', 'x')")
    with pytest.raises(QuizcliError, match=r"newer quizcli .*m999_future.*upgrade"):
        open_store(path, now=NOW)


def test_the_log_refuses_impossible_rows(migrated: sqlite3.Connection) -> None:
    migrated.execute("PRAGMA foreign_keys = ON")
    migrated.execute("INSERT INTO questions VALUES (1, 'q')")
    migrated.execute("INSERT INTO sessions VALUES (1, 's', NULL)")
    insert = (
        "INSERT INTO reviews (question, session, practice, rating, verdict, answer, "
        "duration_ms, reviewed_ms, phase, lapse, after_phase) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    )
    bad = [
        (1, 1, 2, 3, "", "", 0, 0, 0, 0, 1),
        (1, 1, 0, 5, "", "", 0, 0, 0, 0, 1),
        (1, 1, 0, None, "", "", 0, 0, 0, 0, 1),
        (1, 1, 1, 3, "", "", 0, 0, 0, 0, 1),
        (1, 1, 0, 3, "", "", -5, 0, 0, 0, 1),
        (1, 1, 0, 3, "", "", "slow", 0, 0, 0, 1),
        (1, 1, 0, 3, "", "", 0, 0, 7, 0, 1),
    ]
    bad.append((9, 1, 0, 3, "", "", 0, 0, 0, 0, 1))  # no such question
    for row in bad:
        with pytest.raises(sqlite3.IntegrityError):
            migrated.execute(insert, row)


def test_a_database_from_an_older_version_is_brought_forward(tmp_path: Path) -> None:
    """A file that has only m001 gets the later migrations and keeps its reviews."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        MIGRATIONS[0](db)
        db.execute("INSERT INTO migrations VALUES ('m001_initial', 'then')")
        db.execute(
            "INSERT INTO reviews (question_id, session_id, mode, verdict, answer, duration_ms, "
            "reviewed_ms, phase, lapse) VALUES ('q', 's', 'practice', '', '', 0, 0, 'new', 0)"
        )
    with open_store(path, now=NOW) as store:
        assert len(store.reviews("q")) == 1
        names = [n for (n,) in store.db.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names == [fn.__name__ for fn in MIGRATIONS]


def _old_database(path: Path) -> list[tuple[str, str, str, int | None, CardState | None]]:
    """A file as quizcli wrote it before m004: JSON states, an undo, a flag, practice."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for fn in MIGRATIONS[:3]:
        fn(db)
        db.execute("INSERT INTO migrations VALUES (?, 'then')", (fn.__name__,))
    written = []
    card: CardState | None = None
    for day, rating in enumerate([Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.EASY]):
        when = NOW + timedelta(days=day * 3)
        after = outcomes(card, "q-a", when, fuzz=False)[rating].card
        before_json = json.dumps(card.to_dict()) if card else None
        db.execute(
            "INSERT INTO reviews (question_id, session_id, mode, rating, verdict, answer, "
            "duration_ms, reviewed_ms, phase, lapse, state_before, state_after) "
            "VALUES ('q-a', ?, 'review', ?, 'self', ?, 1200, ?, ?, ?, ?, ?)",
            (
                f"s{day}",
                int(rating),
                f"answer {day}",
                round(when.timestamp() * 1000),
                card.phase if card else "new",
                int(card is not None and card.phase == "review" and rating == Rating.AGAIN),
                before_json,
                json.dumps(after.to_dict()),
            ),
        )
        written.append(("q-a", f"s{day}", "review", int(rating), after))
        card = after
    db.execute(
        "INSERT INTO reviews (question_id, session_id, mode, rating, verdict, answer, "
        "duration_ms, reviewed_ms, phase, lapse) VALUES ('q-b', 'd1', 'practice', 3, 'right', "
        "'42', 900, ?, 'new', 0)",
        (round(NOW.timestamp() * 1000),),
    )
    written.append(("q-b", "d1", "practice", 3, None))
    db.execute("INSERT INTO undos VALUES (4, 's3', 0)")
    db.execute("INSERT INTO actions (question_id, action, at_ms) VALUES ('q-c', 'suspend', 0)")
    db.close()
    return written


def test_the_compact_migration_keeps_every_review(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    written = _old_database(path)
    with open_store(path, now=NOW) as store:
        kept = store.reviews("q-a", include_undone=True) + store.reviews("q-b")
        assert [(r.question_id, r.session_id, r.mode, r.rating, r.after) for r in kept] == written
        assert [r.id for r in kept] == [1, 2, 3, 4, 5]
        assert [r.undone for r in kept] == [False, False, False, True, False]
        assert kept[1].before == written[0][4] and kept[0].before is None
        assert kept[2].answer == "answer 2" and kept[2].lapse
        assert len({r.uid for r in kept}) == 5
        assert store.card("q-a") == written[2][4]
        assert store.status("q-a").lapses == 1
        assert store.status("q-c").suspended
        figures = store.stats(NOW + timedelta(days=10), {"q-a": "pooling", "q-b": "pooling"})
        assert (figures.reviews_total, figures.practice_total) == (3, 1)
        assert store.rebuild_cards() == 0
        # The study plan's reads work on the migrated log: misses, memories, forget, undo.
        assert store.misses(NOW) == {"q-a": NOW + timedelta(days=6)}
        memory = store.memories()["q-a"]
        assert (memory.stability, memory.first_review) == (written[2][4].stability, NOW)
        assert store.forget("q-a", NOW + timedelta(days=20)) == 3
        assert store.card("q-a") is None and store.misses(NOW) == {}
        undone = store.undo_latest(NOW + timedelta(days=20))
        assert undone is not None and undone.question_id == "q-b"
