"""stats, history, suspend, unsuspend, bury, doctor, orphans, config as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.cli import app
from quizcli.srs import Rating
from quizcli.store import default_path, open_store
from quizcli.store.backup import backups
from tests.conftest import FIXTURES
from tests.store.conftest import NOW
from tests.store.helpers import answer, practise
from tests.store.test_backup_doctor import filled, scramble_pages

runner = CliRunner()
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def fixture_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """The mini bank as the only bank, and the clock at NOW."""
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    monkeypatch.setenv("QUIZCLI_NOW", NOW.isoformat())


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def stats_json() -> dict[str, object]:
    code, out, err = invoke("stats", "--json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_stats_of_a_fresh_install() -> None:
    figures = stats_json()
    assert figures["reviews_total"] == 0
    assert figures["due_today"] == 0
    assert figures["retention_30d"] is None
    assert figures["streak"] == 0
    fresh = {"questions": 2, "reviewed": 0, "mastered": 0, "mastery": 0.0}
    fresh.update(seen=0, predicted_recall=0.0)
    assert figures["topics"] == {"activations": fresh, "pooling": fresh}
    assert figures["interview"]["date"] is None
    assert figures["interview"]["new_left"] == 4


def test_stats_after_a_month_of_reviews() -> None:
    with open_store(now=NOW) as store:
        # mini-concept: learnt 20 days ago, then forgotten at its first review.
        answer(store, "mini-concept", Rating.EASY, NOW - 20 * DAY)
        answer(store, "mini-concept", Rating.AGAIN, NOW - 12 * DAY)
        answer(store, "mini-concept", Rating.GOOD, NOW - 12 * DAY + timedelta(minutes=10))
        # mini-choice: learnt yesterday with Easy, remembered today.
        answer(store, "mini-choice", Rating.EASY, NOW - DAY)
        answer(store, "mini-choice", Rating.GOOD, NOW)
        practise(store, "mini-numeric", NOW - 2 * DAY)
        answer(store, "mini-numeric", Rating.GOOD, NOW - 40 * DAY)
    figures = stats_json()
    assert figures["reviews_total"] == 6
    assert figures["practice_total"] == 1
    assert figures["reviews_today"] == 1
    # Reviews of graduated cards in the last 30 days: one Again, one Good.
    assert (figures["retention_30d"], figures["retention_reviews_30d"]) == (0.5, 2)
    # Studied today, yesterday and the day before (practice counts as study).
    assert figures["streak"] == 3
    # mini-concept (relearnt 12 days ago, interval 2d) and mini-numeric (a learning step
    # 40 days old) are overdue; mini-choice has just been pushed out.
    assert figures["due_today"] == 2
    assert figures["topics"]["pooling"]["mastered"] == 1  # type: ignore[index]
    assert figures["topics"]["pooling"]["mastery"] == 0.5  # type: ignore[index]
    assert figures["topics"]["activations"]["reviewed"] == 1  # type: ignore[index]
    assert figures["topics"]["activations"]["mastered"] == 0  # type: ignore[index]


def test_undone_reviews_do_not_count() -> None:
    with open_store(now=NOW) as store:
        answer(store, "mini-concept", Rating.GOOD, NOW)
        answer(store, "mini-choice", Rating.GOOD, NOW)
        store.undo_last("s1")
    assert stats_json()["reviews_total"] == 1


def test_stats_drawing() -> None:
    with open_store(now=NOW) as store:
        answer(store, "mini-choice", Rating.EASY, NOW - 3 * DAY)
    code, out, _ = invoke("stats")
    assert code == 0
    assert "Answers per day, last 26 weeks" in out
    assert "1 reviews (0 today)" in out
    assert "pooling" in out and "activations" in out
    assert "█" in out


@pytest.mark.parametrize("columns", ["60", "100"])
def test_stats_and_history_in_plain_ascii(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    with open_store(now=NOW) as store:
        answer(store, "mini-choice", Rating.EASY, NOW - 3 * DAY)
    for command in (["stats"], ["history", "mini-choice"]):
        code, out, _ = invoke("--ascii", *command)
        assert code == 0
        assert out.isascii(), out
    if columns == "100":  # the header wraps at 60
        assert "mastery (learnt, recall >= 90% now)" in invoke("--ascii", "stats")[1]


def test_stats_in_chinese() -> None:
    code, out, _ = invoke("--lang", "zh", "stats")
    assert code == 0
    assert "复习统计" in out


def test_history_lists_answers_and_marks_undone_ones() -> None:
    with open_store(now=NOW) as store:
        answer(store, "mini-choice", Rating.GOOD, NOW - DAY)
        answer(store, "mini-choice", Rating.AGAIN, NOW)
        store.undo_last("s1")
    code, out, _ = invoke("history", "mini-choice", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["rating"], r["undone"]) for r in rows] == [("good", False), ("again", True)]
    install = rows[0]["uid"].rsplit("-", 1)[0]
    assert [r["uid"] for r in rows] == [f"{install}-1", f"{install}-2"]
    assert rows[0]["answer"] == "my answer"
    code, out, _ = invoke("history", "mini-choice")
    assert "learning" in out and "were undone" in out


def test_history_of_an_unknown_id_suggests_one() -> None:
    code, _, err = invoke("history", "mini-choise")
    assert code == 1
    assert "no question 'mini-choise'; did you mean 'mini-choice'?" in err


def test_history_of_an_orphan_still_shows() -> None:
    with open_store(now=NOW) as store:
        answer(store, "removed-question", Rating.GOOD, NOW)
    code, out, _ = invoke("history", "removed-question", "--json")
    assert code == 0
    assert len(json.loads(out)) == 1


def test_suspend_unsuspend_bury() -> None:
    code, out, _ = invoke("suspend", "mini-choice")
    assert (code, out.strip()) == (
        0,
        "suspended mini-choice; `quizcli unsuspend mini-choice` brings it back",
    )
    with open_store(now=NOW) as store:
        assert store.status("mini-choice").suspended
        assert store.queue(NOW, ["mini-choice"], 10) == []
    assert invoke("unsuspend", "mini-choice")[0] == 0
    code, out, _ = invoke("bury", "mini-choice")
    assert code == 0
    assert out.startswith("buried mini-choice until 2026-03-11 04:00")
    with open_store(now=NOW) as store:
        assert store.queue(NOW, ["mini-choice"], 10) == []
        assert store.queue(NOW + DAY, ["mini-choice"], 10) == ["mini-choice"]


def test_suspend_of_an_unknown_id_is_an_error() -> None:
    code, _, err = invoke("suspend", "nope")
    assert code == 1
    assert "no question 'nope'" in err


def test_orphans_listed_then_deleted_after_a_backup() -> None:
    with open_store(now=NOW) as store:
        answer(store, "mini-choice", Rating.GOOD, NOW)
        answer(store, "old-one", Rating.GOOD, NOW)
        answer(store, "old-one", Rating.GOOD, NOW + timedelta(minutes=10))
        store.suspend("old-two", NOW)
    code, out, _ = invoke("orphans")
    assert code == 0
    assert "old-one  2 answer(s)" in out and "old-two  0 answer(s)" in out
    assert "mini-choice" not in out
    code, out, _ = invoke("orphans", "--delete")
    assert code == 0
    assert "deleted the history of 2 id(s), 2 answer(s)" in out
    with open_store(now=NOW) as store:
        assert store.orphans(["mini-choice"]) == {}
        assert len(store.reviews("mini-choice")) == 1
    assert any("T" in p.name for p in backups(default_path()))
    assert "no orphans" in invoke("orphans")[1]


def test_orphans_refuse_to_judge_with_a_broken_bank() -> None:
    with open_store(now=NOW) as store:
        answer(store, "mini-choice", Rating.GOOD, NOW)
    bad = FIXTURES / "bad" / "syntax.yaml"
    code, _, err = invoke("--bank", str(bad), "orphans", "--delete")
    assert code == 1
    assert "fix them and retry" in err
    with open_store(now=NOW) as store:
        assert len(store.reviews("mini-choice")) == 1


def test_doctor_on_a_healthy_database() -> None:
    with open_store(now=NOW) as store:
        answer(store, "mini-choice", Rating.GOOD, NOW)
    code, out, _ = invoke("doctor")
    assert code == 0
    assert "passed the integrity check" in out
    assert "1 answers, 1 questions with history" in out


def test_doctor_before_any_use() -> None:
    code, out, _ = invoke("doctor")
    assert code == 0
    assert "no review data yet" in out


def damaged_with_backup() -> Path:
    path = filled(default_path())
    open_store(path, now=NOW + DAY).close()
    scramble_pages(path)
    return path


def test_doctor_on_damage_without_a_terminal_changes_nothing() -> None:
    path = damaged_with_backup()
    before = path.read_bytes()
    code, _, err = invoke("doctor")
    assert code == 1
    assert f"the review database {path} is damaged:" in err
    assert "latest" in err and "quizcli-2026-03-11.n300." in err
    assert "run: quizcli doctor --restore" in err
    assert path.read_bytes() == before


def test_doctor_restore() -> None:
    path = damaged_with_backup()
    code, out, _ = invoke("doctor", "--restore")
    assert code == 0
    assert "restored" in out and "the damaged file was kept as" in out
    assert [p.name for p in path.parent.glob("quizcli.db.damaged-*")] != []
    assert stats_json()["reviews_total"] == 300


def test_doctor_without_a_backup() -> None:
    path = filled(default_path())
    scramble_pages(path)
    code, _, err = invoke("doctor", "--restore")
    assert code == 1
    assert "no backup to restore; the damaged file" in err
    assert err.strip().endswith("move it aside and quizcli starts a new, empty review history")


def test_other_commands_point_at_doctor() -> None:
    damaged_with_backup()
    code, _, err = invoke("stats")
    assert code == 1
    assert err.strip().endswith("run: quizcli doctor")


def test_doctor_never_waits_for_closed_stdin(quizcli_home: Path) -> None:
    damaged_with_backup()
    done = subprocess.run(
        [sys.executable, "-m", "quizcli", "doctor"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QUIZCLI_HOME": str(quizcli_home)},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "quizcli doctor --restore" in done.stderr


def test_a_data_dir_that_cannot_be_made_says_so(
    quizcli_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QUIZCLI_HOME naming a file: one line with the path and the fix, not an internal error."""
    blocker = quizcli_home.parent / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("QUIZCLI_HOME", str(blocker))
    for command in ("stats", "config"):
        code, _, err = invoke(command)
        assert code == 1, err
        assert err.startswith(f"quizcli: cannot write the review database {blocker}"), err
        assert err.strip().endswith("or set QUIZCLI_HOME"), err


def test_config_show_and_change() -> None:
    code, out, _ = invoke("config")
    assert code == 0
    assert out.splitlines()[:3] == ["new_per_day = 10", "desired_retention = 0.9", "fuzz = on"]
    assert "interview_date = none" in out.splitlines()
    assert invoke("config", "new_per_day", "25")[1].strip() == "new_per_day = 25"
    assert invoke("config", "new_per_day")[1].strip() == "new_per_day = 25"
    code, _, err = invoke("config", "desired_retention", "2")
    assert code == 2
    assert "setting desired_retention = '2': must be between 0.70 and 0.99" in err


def test_config_refuses_a_past_interview_date_but_takes_today() -> None:
    today, yesterday = NOW.date(), NOW.date() - timedelta(days=1)
    code, out, err = invoke("config", "interview_date", yesterday.isoformat())
    assert code == 2 and out == ""
    assert err == (
        f"quizcli: interview_date {yesterday} is in the past (today is {today});"
        " give a later date, or none\n"
    )
    assert invoke("config", "interview_date")[1].strip() == "interview_date = none"
    code, out, _ = invoke("config", "interview_date", today.isoformat())
    assert code == 0 and out.strip() == f"interview_date = {today}"


def test_config_neither_lists_nor_sets_internal_state() -> None:
    invoke("config", "interview_date", (NOW.date() + timedelta(days=9)).isoformat())
    code, out, _ = invoke("config")
    assert code == 0 and "interview_planned_on" not in out
    assert "interview_planned_on" not in invoke("config", "--json")[1]
    for args in (["interview_planned_on", "2020-01-01"], ["interview_planned_on"]):
        code, _, err = invoke("config", *args)
        assert code == 2
        assert err.startswith("quizcli: unknown setting 'interview_planned_on'; settings are: ")
        assert "interview_planned_on" not in err.split("settings are:")[1]
    with open_store() as store:
        assert store.settings().interview_planned_on == NOW.date()


def test_orphans_and_config_speak_json() -> None:
    code, out, err = invoke("config", "new_per_day", "15", "--json")
    assert code == 0, err
    assert json.loads(out) == {
        "new_per_day": 15,
        "desired_retention": 0.9,
        "fuzz": True,
        "interview_date": None,
        "exam_retention": 0.95,
        "max_answers_per_day": 200,
        "leech_action": "suspend",
        "lang": None,
    }
    code, out, err = invoke("orphans", "--json")
    assert code == 0, err
    assert json.loads(out) == {"orphans": {}, "deleted": False}


def test_history_shows_times_on_the_users_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(now=NOW) as store:
        answer(store, "mini-choice", Rating.GOOD, NOW)
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    code, out, _ = invoke("history", "mini-choice")
    assert code == 0
    assert "when (CST)" in out and "2026-03-10 20:00" in out
