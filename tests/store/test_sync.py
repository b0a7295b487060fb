"""Two machines that study apart and meet through a sync folder, as a user runs them."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.cli import app
from quizcli.srs import Rating
from quizcli.store import Store, open_store
from tests.conftest import FIXTURES
from tests.store.conftest import NOW
from tests.store.helpers import answer, practise

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
runner = CliRunner()


def laptop(store: Store) -> None:
    """A week on the laptop: two questions, an Again, practice, an answer taken back."""
    for day in range(0, 7, 2):
        answer(store, "mini-concept", Rating.GOOD, NOW + day * DAY, "lap-1")
    answer(store, "mini-choice", Rating.AGAIN, NOW + HOUR, "lap-1")
    answer(store, "mini-choice", Rating.GOOD, NOW + 2 * HOUR, "lap-1")
    practise(store, "mini-numeric", NOW + 3 * HOUR, "lap-drill")
    answer(store, "mini-derivation", Rating.EASY, NOW + 4 * HOUR, "lap-2")
    assert store.undo_last("lap-2", NOW + 4 * HOUR) is not None


def desktop(store: Store) -> None:
    """The same week on the desktop: mini-concept studied the same days, a few hours later."""
    for day in range(0, 7, 3):
        answer(store, "mini-concept", Rating.HARD, NOW + day * DAY + 5 * HOUR, "desk-1")
    answer(store, "mini-derivation", Rating.GOOD, NOW + 6 * HOUR, "desk-1")
    practise(store, "mini-choice", NOW + 7 * HOUR, "desk-drill")


def machines(root: Path) -> tuple[Path, Path]:
    """Two data dirs (each its own machine id) after studying apart."""
    paths = root / "laptop" / "quizcli.db", root / "desktop" / "quizcli.db"
    for path, study in zip(paths, (laptop, desktop), strict=True):
        with open_store(path, now=NOW) as store:
            study(store)
    return paths


def copy(paths: tuple[Path, Path], root: Path) -> tuple[Path, Path]:
    """The same two machines in another world (same ids, same answers)."""
    copies = []
    for path in paths:
        target = root / path.parent.name / path.name
        target.parent.mkdir(parents=True)
        for name in ("quizcli.db", "quizcli.db.seen"):
            if (path.parent / name).exists():
                shutil.copy(path.parent / name, target.parent / name)
        copies.append(target)
    return copies[0], copies[1]


def sync(path: Path, folder: Path) -> tuple[int, int]:
    with open_store(path, now=NOW + 8 * DAY) as store:
        done = store.sync(folder)
    assert done.warnings == []
    return done.answers_in, done.answers_out


def picture(path: Path) -> dict[str, object]:
    """What a user can see of a machine's history: every answer by its global id, the cards,
    the totals."""
    ids = ["mini-concept", "mini-choice", "mini-numeric", "mini-derivation"]
    with open_store(path, now=NOW + 8 * DAY) as store:
        answers = {
            qid: [
                (r.uid, r.session_id, r.mode, r.rating, r.reviewed_at, r.undone, r.before, r.after)
                for r in store.reviews(qid, include_undone=True)
            ]
            for qid in ids
        }
        cards = {qid: (store.card(qid), store.status(qid).lapses) for qid in ids}
        figures = store.stats(NOW + 8 * DAY, {qid: "pooling" for qid in ids}).to_json()
    return {"answers": answers, "cards": cards, "stats": figures}


def test_two_machines_end_identical_whatever_the_order(tmp_path: Path) -> None:
    laptop_db, desktop_db = machines(tmp_path / "one")
    other = copy((laptop_db, desktop_db), tmp_path / "two")
    folder_one, folder_two = tmp_path / "sync-one", tmp_path / "sync-two"
    folder_one.mkdir()
    folder_two.mkdir()
    # World one: laptop first; world two: desktop first. Each syncs twice.
    assert sync(laptop_db, folder_one) == (0, 8)
    assert sync(desktop_db, folder_one) == (8, 5)
    assert sync(laptop_db, folder_one) == (5, 0)
    assert sync(desktop_db, folder_one) == (0, 0)
    for path in (other[1], other[0], other[1], other[0]):
        sync(path, folder_two)
    seen = [picture(path) for path in (laptop_db, desktop_db, *other)]
    assert seen[0] == seen[1] == seen[2] == seen[3]
    answers = seen[0]["answers"]
    assert isinstance(answers, dict)
    # Studied on both machines the same days: every answer of both is kept, in time order.
    concept = answers["mini-concept"]
    assert len(concept) == 7
    assert [a[4] for a in concept] == sorted(a[4] for a in concept)
    cards = seen[0]["cards"]
    assert isinstance(cards, dict)
    assert cards["mini-concept"][0] == concept[-1][7]  # the card: after the latest answer
    assert [a[5] for a in answers["mini-derivation"]] == [True, False]  # the undo travelled
    totals = seen[0]["stats"]
    assert isinstance(totals, dict)
    assert (totals["reviews_total"], totals["practice_total"]) == (10, 2)


def test_syncing_again_changes_nothing(tmp_path: Path) -> None:
    laptop_db, desktop_db = machines(tmp_path)
    folder = tmp_path / "sync"
    folder.mkdir()
    for path in (laptop_db, desktop_db, laptop_db):
        sync(path, folder)
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    before = [picture(path) for path in (laptop_db, desktop_db)]
    for path in (laptop_db, desktop_db, laptop_db, desktop_db):
        assert sync(path, folder) == (0, 0)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == files
    assert [picture(path) for path in (laptop_db, desktop_db)] == before
    with open_store(laptop_db, now=NOW) as store:
        assert store.rebuild_cards() == 0  # the cards the sync rebuilt are what doctor rebuilds


def test_new_answers_after_a_sync_travel_and_undos_follow(tmp_path: Path) -> None:
    laptop_db, desktop_db = machines(tmp_path)
    folder = tmp_path / "sync"
    folder.mkdir()
    for path in (laptop_db, desktop_db, laptop_db):
        sync(path, folder)
    with open_store(desktop_db, now=NOW + 9 * DAY) as store:
        answer(store, "mini-choice", Rating.GOOD, NOW + 9 * DAY, "desk-2")
        assert store.forget("mini-concept", NOW + 9 * DAY) == 7  # the laptop's answers too
    sync(desktop_db, folder)
    sync(laptop_db, folder)
    assert picture(laptop_db) == picture(desktop_db)
    with open_store(laptop_db, now=NOW + 9 * DAY) as store:
        assert store.card("mini-concept") is None
        assert len(store.reviews("mini-choice")) == 4  # two, the desktop's drill, one more
        undone = store.undo_latest(NOW + 9 * DAY)  # the laptop's own last, not a merged one
        assert undone is not None and undone.session_id == "lap-drill"


def test_answers_lost_to_an_older_backup_come_back_from_the_folder(tmp_path: Path) -> None:
    laptop_db, _desktop = machines(tmp_path)
    folder = tmp_path / "sync"
    folder.mkdir()
    sync(laptop_db, folder)
    before = picture(laptop_db)
    with open_store(laptop_db, now=NOW) as store:  # the history as a restore would leave it
        store.db.execute("DELETE FROM reviews WHERE id > 3")
    assert sync(laptop_db, folder) == (5, 0)
    assert picture(laptop_db) == before


def test_a_bad_line_is_named_with_its_file_and_line_and_skipped(tmp_path: Path) -> None:
    laptop_db, desktop_db = machines(tmp_path)
    folder = tmp_path / "sync"
    folder.mkdir()
    sync(desktop_db, folder)
    (theirs,) = folder.iterdir()
    lines = theirs.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["rating"] = 7
    lines[1] = json.dumps(broken)
    lines.insert(3, "{not json")
    theirs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open_store(laptop_db, now=NOW + 8 * DAY) as store:
        done = store.sync(folder)
    assert [str(warning) for warning in done.warnings] == [
        f"{theirs}:2: not a quizcli answer (rating must be 1-4 or null); skipped",
        f"{theirs}:4: not a quizcli answer (Expecting property name enclosed in double quotes: "
        "line 1 column 2 (char 1)); skipped",
    ]
    assert done.answers_in == 4  # the five other lines of the desktop


def test_a_half_written_last_line_is_cut_before_appending(tmp_path: Path) -> None:
    laptop_db, _desktop = machines(tmp_path)
    folder = tmp_path / "sync"
    folder.mkdir()
    sync(laptop_db, folder)
    (mine,) = folder.iterdir()
    whole = mine.read_bytes()
    mine.write_bytes(whole[: len(whole) - 20])  # killed in the middle of the last line
    with open_store(laptop_db, now=NOW + 8 * DAY) as store:
        done = store.sync(folder)
    assert (done.answers_out, done.undos_out, len(done.warnings)) == (0, 1, 1)
    assert str(done.warnings[0]).startswith(f"{mine}:9: not a quizcli answer")
    assert sorted(mine.read_bytes().splitlines()) == sorted(whole.splitlines())


def test_the_same_replay_on_every_run() -> None:
    """Fuzz drawn from the answer's id: the same states on any machine, any run."""
    from quizcli.srs import outcomes

    runs = [outcomes(None, "q", NOW, seed="abc-1")[Rating.GOOD] for _ in range(2)]
    later = [outcomes(runs[0].card, "q", NOW + 5 * DAY, seed="abc-2") for _ in range(2)]
    assert runs[0] == runs[1] and later[0] == later[1]


# --- the command line ---------------------------------------------------------------


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Switch QUIZCLI_HOME between two machines; the mini bank and the clock fixed."""
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    monkeypatch.setenv("QUIZCLI_NOW", (NOW + 8 * DAY).isoformat())

    def use(name: str) -> None:
        monkeypatch.setenv("QUIZCLI_HOME", str(tmp_path / name))

    return use


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_two_data_dirs_synced_through_one_folder_show_equal_stats(
    homes: Callable[[str], None], tmp_path: Path
) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    for name, study in (("laptop", laptop), ("desktop", desktop)):
        homes(name)
        with open_store(now=NOW) as store:
            study(store)
    figures = {}
    for name in ("laptop", "desktop", "laptop"):
        homes(name)
        code, out, err = invoke("sync", str(folder))
        assert code == 0, err
        assert out.startswith(f"synced with {folder}: ")
    for name in ("laptop", "desktop"):
        homes(name)
        code, out, err = invoke("stats", "--json")
        assert code == 0, err
        figures[name] = json.loads(out)
        code, out, err = invoke("history", "mini-concept", "--json")
        figures[name]["history"] = [
            (a["uid"], a["rating"], a["due_after"]) for a in json.loads(out)
        ]
    assert figures["laptop"] == figures["desktop"]
    assert figures["laptop"]["reviews_total"] == 10


def test_history_export_then_import_moves_every_answer(
    homes: Callable[[str], None], tmp_path: Path
) -> None:
    homes("old")
    with open_store(now=NOW) as store:
        laptop(store)
    target = tmp_path / "all.jsonl"
    code, out, err = invoke("history", "export", str(target))
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote 8 answer(s) to {target}")
    code, _, err = invoke("history", "export", str(target))
    assert code == 1 and "exists; pass --force" in err
    homes("new")
    code, out, err = invoke("history", "import", str(target))
    assert code == 0, err
    assert out.startswith(f"merged 8 answer(s) and 1 undo(s) from {target}")
    assert invoke("history", "import", str(target))[1].startswith("merged 0 answer(s)")
    code, out, _ = invoke("stats", "--json")
    assert (json.loads(out)["reviews_total"], json.loads(out)["practice_total"]) == (6, 1)


def test_sync_folder_errors_are_one_line_with_the_fix(
    homes: Callable[[str], None], tmp_path: Path
) -> None:
    homes("laptop")
    code, _, err = invoke("sync", str(tmp_path / "nowhere"))
    assert code == 1
    assert err.strip() == (
        f"quizcli: the sync folder {tmp_path / 'nowhere'} does not exist or is not a folder; "
        "create it (or mount it) and run quizcli sync again"
    )
    code, _, err = invoke("history", "import")
    assert code == 2 and "history import needs a FILE" in err
    code, _, err = invoke("history", "import", str(tmp_path / "none.jsonl"))
    assert code == 1 and "is not a file" in err


def test_after_a_restore_lost_answers_come_back_and_no_number_is_given_twice(
    tmp_path: Path,
) -> None:
    from quizcli.store.doctor import restore_latest

    laptop_db, _desktop = machines(tmp_path)  # closing after answers backed up all 8
    folder = tmp_path / "sync"
    folder.mkdir()
    with open_store(laptop_db, now=NOW + 8 * DAY, backup_daily=False) as store:
        lost = answer(store, "mini-numeric", Rating.GOOD, NOW + 8 * DAY, "lap-3")
        store.sync(folder)  # the answer the backup lacks reaches the folder
    laptop_db.unlink()
    restore_latest(laptop_db, NOW + 9 * DAY)
    with open_store(laptop_db, now=NOW + 9 * DAY, backup_daily=False) as store:
        assert store.reviews("mini-numeric")[-1].mode == "practice"  # the backup's last
        new = answer(store, "mini-choice", Rating.GOOD, NOW + 9 * DAY, "lap-4")
        assert new == lost + 1  # a new number, not the lost answer's
        done = store.sync(folder)
        assert (done.answers_in, done.answers_out, done.warnings) == (1, 1, [])
        back = store.reviews("mini-numeric")[-1]
        assert (back.id, back.session_id, back.rating) == (lost, "lap-3", Rating.GOOD)


def test_a_file_that_is_not_quizcli_s_is_named_once_not_line_by_line(tmp_path: Path) -> None:
    laptop_db, _desktop = machines(tmp_path)
    folder = tmp_path / "sync"
    folder.mkdir()
    notes = folder / "notes.jsonl"
    notes.write_text("".join(f'{{"note": {n}}}\n' for n in range(20)), encoding="utf-8")
    with open_store(laptop_db, now=NOW + 8 * DAY) as store:
        done = store.sync(folder)
    assert len(done.warnings) == 6
    assert (
        str(done.warnings[0])
        == f"{notes}:1: not a quizcli answer (mode must be review or practice); skipped"
    )
    assert str(done.warnings[-1]) == f"{notes}: 15 more bad line(s) skipped"
    assert done.answers_out == 8
