"""Studying toward a date through the CLI: the plan, steps in the session, summary, stats, undo."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner, Result

from quizcli.cli import app
from quizcli.srs import Rating
from quizcli.store import ReviewRecord, open_store
from tests.session.conftest import NOW
from tests.store.helpers import answer

runner = CliRunner()
START = datetime.fromisoformat(NOW)


def run(args: list[str], lines: list[str]) -> Result:
    return runner.invoke(app, args, input="".join(f"{line}\n" for line in lines))


def flat(result: Result) -> str:
    """The output with line wrapping undone."""
    return " ".join(result.output.split())


def reviews(question_id: str, undone: bool = False) -> list[ReviewRecord]:
    with open_store() as store:
        return store.reviews(question_id, include_undone=undone)


def test_an_again_card_is_asked_again_in_the_same_piped_session() -> None:
    result = run(["study", "--new", "1"], ["!", "1", "!", "3", "!", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.count("fx-why-nonlinear") >= 3  # asked three times, one panel each
    assert [r.rating for r in reviews("fx-why-nonlinear")] == [
        Rating.AGAIN,
        Rating.GOOD,
        Rating.GOOD,
    ]
    assert "Question 2 of 2" in result.output
    assert "Answered 3" in result.output


def test_the_summary_says_what_is_still_due_now() -> None:
    with open_store(now=START) as store:
        for qid in ("fx-gelu-models", "fx-relu-dead", "fx-max-pool-output"):
            answer(store, qid, Rating.EASY, START - timedelta(days=30))
    result = run(["study", "--type", "choice", "--limit", "1"], ["", "3"])
    assert result.exit_code == 0, result.output
    assert "2 still due now: run quizcli again to go on." in result.output
    assert "Next due" not in result.output


def test_the_summary_says_when_steps_fall_due_later_today() -> None:
    result = run(["study", "--type", "choice", "--limit", "1"], ["ab", "3"])
    assert "1 more fall due later today, the next at 12:10 (in 10m)." in result.output
    assert "Nothing scheduled" not in result.output


def test_interview_date_paces_new_questions_and_is_announced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(["config", "interview_date", "2026-03-24"], []).exit_code == 0
    result = run(["study", "--limit", "1"], ["", "3"])
    assert result.exit_code == 0, result.output
    # 10 unseen over 11 days before 3 review-only days; new_per_day (10) is a floor
    assert "14 days to the interview (2026-03-24). Today: 10 new" in flat(result)
    run(["config", "new_per_day", "1"], [])
    result = run(["study", "--limit", "1"], ["", "3"])
    # ceil(10 * 1.5 / 11.5) = 2 for the day, one of them already answered
    assert "Today: 1 new (9 not yet seen, spread over 11 days" in flat(result)
    monkeypatch.setenv("QUIZCLI_NOW", "2026-03-22T12:00:00+00:00")
    result = run(["study", "--limit", "1"], [""])
    assert "2 days to the interview (2026-03-24): review only from now on" in flat(result)
    monkeypatch.setenv("QUIZCLI_NOW", "2026-03-24T08:00:00+00:00")
    result = run(["study", "--limit", "1"], [""])
    assert "The interview is today (2026-03-24)" in flat(result)
    assert "has passed" not in flat(result)
    monkeypatch.setenv("QUIZCLI_NOW", "2026-03-25T12:00:00+00:00")
    result = run(["study", "--limit", "1"], [""])
    assert "The interview date 2026-03-24 has passed" in flat(result)
    assert run(["config", "interview_date", "none"], []).output.strip() == "interview_date = none"


def test_a_plan_beyond_max_answers_per_day_is_warned_about() -> None:
    run(["config", "max_answers_per_day", "5"], [])
    result = run(["study", "--limit", "1"], [""])
    assert "Today's plan holds about 20 answers, more than max_answers_per_day (5)" in flat(result)
    run(["config", "max_answers_per_day", "50"], [])
    assert "max_answers_per_day" not in run(["study", "--limit", "1"], [""]).output


def test_stats_json_has_the_interview_block_and_topic_readiness() -> None:
    run(["config", "interview_date", "2026-03-24"], [])
    with open_store(now=START) as store:
        answer(store, "fx-gelu-models", Rating.EASY, START)
    result = run(["stats", "--json"], [])
    figures = json.loads(result.stdout)
    interview = figures["interview"]
    assert (interview["date"], interview["days_left"], interview["new_left"]) == (
        "2026-03-24",
        14,
        9,
    )
    # Easy gives 8 days of stability: on the morning 14 days on, recall is about 0.86
    assert 0.85 < interview["expected_known"] < 0.87
    assert interview["predicted_recall"] == pytest.approx(
        interview["expected_known"] / 10, abs=1e-3
    )
    activations = figures["topics"]["activations"]
    assert activations["seen"] == 1
    expected = interview["expected_known"] / 7
    assert activations["predicted_recall"] == pytest.approx(expected, abs=1e-3)
    text = run(["stats"], []).output
    assert "14 days to the interview (2026-03-24)" in text
    assert "1/7" in text


def test_undo_takes_back_the_last_answer_from_any_session() -> None:
    run(["study", "--type", "choice", "--limit", "1"], ["ab", "3"])
    result = run(["undo"], [])
    assert result.exit_code == 0
    assert "took back the answer to fx-gelu-models" in result.output
    assert [r.undone for r in reviews("fx-gelu-models", undone=True)] == [True]
    assert run(["undo"], []).exit_code == 1


def test_forget_resets_a_question_and_keeps_its_log() -> None:
    run(["study", "--type", "choice", "--limit", "1"], ["ab", "4"])
    result = run(["forget", "fx-gelu-models"], [])
    assert result.exit_code == 0
    assert "fx-gelu-models is new again; 1 answer(s) kept" in result.output
    with open_store() as store:
        assert store.card("fx-gelu-models") is None
    assert len(reviews("fx-gelu-models", undone=True)) == 1
    assert run(["forget", "fx-nope"], []).exit_code == 1


def test_good_after_a_wrong_answer_is_noted_on_a_pipe() -> None:
    result = run(["study", "--type", "choice", "--limit", "1"], ["ac", "3"])
    assert "Rated good although the answer was graded wrong." in result.output
    assert [r.rating for r in reviews("fx-gelu-models")] == [Rating.GOOD]


def test_drill_ids_missed_and_weak() -> None:
    result = run(["drill", "fx-relu-dead", "fx-gelu-models"], ["a", "", "ab", ""])
    assert result.exit_code == 0, result.output
    assert result.output.index("fx-relu-dead") < result.output.index("fx-gelu-models")
    with open_store(now=START) as store:
        answer(store, "fx-max-pool-output", Rating.AGAIN, START - timedelta(days=2))
        answer(store, "fx-pool-params", Rating.AGAIN, START - timedelta(days=9))
        answer(store, "fx-gelu-models", Rating.EASY, START - timedelta(days=1))
    missed = run(["drill", "--missed"], ["b", ""])
    assert "fx-max-pool-output" in missed.output
    assert "fx-pool-params" not in missed.output
    weak = run(["drill", "--weak", "--count", "1"], ["", ""])
    assert "fx-pool-params" in weak.output  # 9 days after an Again: the lowest recall
    assert "fx-gelu-models" not in weak.output


def test_mock_ends_with_a_debrief_of_the_misses() -> None:
    result = run(["mock", "--tag", "relu"], ["b", ""])
    assert result.exit_code == 0, result.output
    debrief = result.output.split("Missed, with the reference")[1]
    assert "Your answer: b" in debrief
    assert "A ReLU stuck at negative inputs has zero gradient." in debrief
    assert "Drill them again: quizcli drill" in debrief


def test_leech_action_tag_keeps_the_question_and_warns_every_four_lapses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(["config", "leech_action", "tag"], [])
    with open_store(now=START) as store:
        answer(store, "fx-relu-dead", Rating.EASY, START)
        for _ in range(7):
            answer(store, "fx-relu-dead", Rating.AGAIN, START)
            answer(store, "fx-relu-dead", Rating.GOOD, START)
    monkeypatch.setenv("QUIZCLI_NOW", (START + timedelta(days=365)).isoformat())
    result = run(["study", "--tag", "relu", "--limit", "1"], ["b", ""])
    assert "now tagged a leech (still asked)" in result.output
    with open_store() as store:
        status = store.status("fx-relu-dead")
        assert status.leech and not status.suspended
        for cycle in range(3):  # each cycle after the last: a card follows its latest answer
            later = START + timedelta(days=400 + 40 * cycle)
            answer(store, "fx-relu-dead", Rating.GOOD, later)
            answer(store, "fx-relu-dead", Rating.GOOD, later)
            answer(store, "fx-relu-dead", Rating.AGAIN, later + timedelta(days=30))
        answer(store, "fx-relu-dead", Rating.GOOD, later + timedelta(days=30))
        assert store.status("fx-relu-dead").lapses == 11
    monkeypatch.setenv("QUIZCLI_NOW", (START + timedelta(days=800)).isoformat())
    result = run(["study", "--tag", "relu", "--limit", "1"], ["b", ""])
    assert "has now been forgotten 12 times" in result.output
