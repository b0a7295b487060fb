"""`quizcli study`, `drill` and `mock` driven line by line, as through a pipe."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner, Result

from quizcli.cli import app
from quizcli.srs import Rating
from quizcli.store import ReviewRecord, open_store
from quizcli.ui.session import Screen
from tests.session.conftest import NOW
from tests.store.helpers import answer

runner = CliRunner()
CHOICES = ["fx-gelu-models", "fx-relu-dead", "fx-max-pool-output"]


def run(args: list[str], lines: list[str]) -> Result:
    return runner.invoke(app, args, input="".join(f"{line}\n" for line in lines))


def reviews(question_id: str) -> list[ReviewRecord]:
    with open_store() as store:
        return store.reviews(question_id)


def ratings(*question_ids: str) -> list[int | None]:
    return [int(r.rating) if r.rating else None for q in question_ids for r in reviews(q)]


def test_choice_answers_are_graded_and_the_proposal_is_taken_on_enter() -> None:
    result = run(["study", "--type", "choice"], ["b,a", "", "c", "", "A", ""])
    assert result.exit_code == 0, result.output
    assert result.output.count("✓ correct") == 2
    assert "✗ incorrect" in result.output
    assert "The answer is B." in result.output
    assert ratings(*CHOICES) == [3, 3, 1]
    assert [r.verdict for q in CHOICES for r in reviews(q)] == ["correct", "correct", "incorrect"]
    assert "Answered 3, right 2" in result.output


def test_each_rating_key_shows_the_interval_it_gives() -> None:
    result = run(["study", "--type", "choice", "--limit", "1"], ["ab", "4"])
    assert result.exit_code == 0
    assert "Again 1m" in result.output
    assert "Good 10m" in result.output
    record = reviews("fx-gelu-models")[0]
    assert record.rating == Rating.EASY
    assert record.after is not None and record.after.phase == "review"


def test_numeric_answers_accept_fractions_and_vectors() -> None:
    result = run(["study", "--type", "numeric"], ["1/4", "", "0 parameters", "", "[.25, .75]", ""])
    assert result.exit_code == 0, result.output
    assert result.output.count("✓ correct") == 3
    assert ratings("fx-sigmoid-max-slope", "fx-pool-params", "fx-softmax-values") == [3, 3, 3]


def test_unreadable_answers_are_asked_again_without_penalty() -> None:
    result = run(["study", "--type", "numeric", "--limit", "1"], ["a quarter", "0.25", ""])
    assert result.exit_code == 0
    assert "Cannot read 'a quarter' as a number" in result.output
    assert [r.verdict for r in reviews("fx-sigmoid-max-slope")] == ["correct"]


def test_an_unreadable_answer_is_quoted_whole_or_cut_with_a_marker() -> None:
    typed = ["sigmoid(x)*(1-sigmoid(x))", "x" * 200, "0.25", ""]
    result = run(["study", "--type", "numeric", "--limit", "1"], typed)
    assert "Cannot read 'sigmoid(x)*(1-sigmoid(x))' as a number" in result.output
    said = " ".join(result.output.split())
    assert f"Cannot read '{'x' * 60}'... (200 characters) as a number" in said


def test_three_unreadable_answers_show_the_answer() -> None:
    result = run(["study", "--type", "choice", "--limit", "1"], ["z", "9", "?!", ""])
    assert result.exit_code == 0
    assert [(r.verdict, r.rating) for r in reviews("fx-gelu-models")] == [("shown", Rating.AGAIN)]


def test_a_hint_lowers_the_proposal_to_hard() -> None:
    result = run(["study", "--type", "choice", "--limit", "1"], ["?", "ab", ""])
    assert "Only one predates GELU." in result.output
    assert ratings("fx-gelu-models") == [2]


def test_show_answer_proposes_again_and_the_user_may_change_it() -> None:
    result = run(["study", "--type", "numeric", "--limit", "2"], ["!", "", "", "hard"])
    assert result.exit_code == 0
    assert ratings("fx-sigmoid-max-slope", "fx-pool-params") == [1, 2]
    assert reviews("fx-pool-params")[0].verdict == "shown"


def test_concept_questions_are_rated_by_the_user_and_bad_ratings_asked_again() -> None:
    lines = ["stacked affine layers are affine", "7", "good"]
    result = run(["study", "--type", "concept", "--limit", "1"], lines)
    assert result.exit_code == 0
    assert "Your answer" in result.output and "Key points" in result.output
    assert "Enter = Again" in result.output  # one point of one, not mentioned: a hint
    assert result.output.count("Type 1-4") == 1
    record = reviews("fx-why-nonlinear")[0]
    assert (record.answer, record.verdict, record.rating) == (
        "stacked affine layers are affine",
        "self-rated",
        Rating.GOOD,
    )


def test_undo_takes_back_the_last_answer_and_asks_it_again() -> None:
    lines = ["ab", "1", "u", "ab", "3", "b", "3"]
    result = run(["study", "--type", "choice", "--limit", "2"], lines)
    assert result.exit_code == 0, result.output
    assert "Took back the answer to fx-gelu-models" in result.output
    with open_store() as store:
        history = store.reviews("fx-gelu-models", include_undone=True)
        assert [(int(r.rating or 0), r.undone) for r in history] == [(1, True), (3, False)]
        assert store.card("fx-gelu-models") == history[1].after
    assert ratings("fx-max-pool-output") == [3]
    assert "Answered 2, right 2" in result.output


def test_undo_with_nothing_answered_says_so() -> None:
    result = run(["study", "--type", "choice", "--limit", "1"], ["u", "ab", ""])
    assert "Nothing to undo in this session." in result.output
    assert ratings("fx-gelu-models") == [3]


def test_suspend_and_bury_keep_a_question_out_of_the_next_session() -> None:
    result = run(["study", "--type", "choice"], ["ab", "s", "b", "b", "a", ""])
    assert result.exit_code == 0
    assert "Suspended fx-gelu-models" in result.output
    assert "Buried fx-max-pool-output until tomorrow." in result.output
    with open_store() as store:
        assert store.status("fx-gelu-models").suspended
        assert store.status("fx-max-pool-output").buried_until is not None
    again = run(["study", "--type", "choice", "--new", "10"], [])
    assert "fx-gelu-models" not in again.output
    assert "fx-max-pool-output" not in again.output


def test_end_of_input_mid_question_keeps_the_answers_and_exits_0() -> None:
    result = run(["study", "--type", "choice"], ["ab", "", "a"])
    assert result.exit_code == 0
    assert "Answered 1, right 1" in result.output
    assert ratings(*CHOICES) == [3]


def test_limit_caps_the_session_and_the_summary_says_what_is_due() -> None:
    result = run(["study", "--limit", "2", "--type", "choice"], ["ab", "", "b", ""])
    assert result.exit_code == 0
    assert "Question 2 of 2" in result.output
    assert "2 more fall due later today, the next at 12:10 (in 10m)." in result.output


def test_new_question_allowance_is_per_day() -> None:
    run(["study", "--new", "1", "--type", "choice"], ["ab", "4"])
    result = run(["study", "--new", "1", "--type", "choice"], [])
    assert result.exit_code == 0
    assert "Nothing to study now" in result.output
    assert "Answered 0" in result.output


def test_no_arguments_runs_study() -> None:
    result = run([], ["", "3"])
    assert result.exit_code == 0
    assert "Question 1 of 10" in result.output
    assert ratings("fx-why-nonlinear") == [3]


def test_filters_matching_nothing_fail_with_a_fix() -> None:
    result = run(["study", "--topic", "pooling", "--tag", "gelu"], [])
    assert result.exit_code == 1
    assert "no question matches these filters" in result.stderr


def test_a_misspelt_topic_is_named_with_a_suggestion() -> None:
    result = run(["study", "--topic", "poolng"], [])
    assert result.exit_code == 2
    assert "--topic 'poolng' matches no question; did you mean 'pooling'?" in result.stderr


def test_chinese_interface_and_questions() -> None:
    result = run(["--lang", "zh", "study", "--type", "choice", "--limit", "1"], ["ab", ""])
    assert result.exit_code == 0
    assert "哪些模型使用 GELU？" in result.output
    assert "✓ 正确" in result.output
    assert "共作答 1 题，答对 1 题" in result.output


def test_drill_is_practice_and_leaves_the_schedule_alone() -> None:
    result = run(["drill", "--type", "numeric", "--tag", "sigmoid"], ["0.3", "1/4", ""])
    assert result.exit_code == 0, result.output
    assert "try again" in result.output
    records = reviews("fx-sigmoid-max-slope")
    assert [(r.mode, r.verdict, r.rating) for r in records] == [
        ("practice", "correct", Rating.HARD)
    ]
    with open_store() as store:
        assert store.card("fx-sigmoid-max-slope") is None
    assert "1m" not in result.output


def test_drill_shows_the_answer_after_three_wrong_tries() -> None:
    result = run(["drill", "--type", "numeric", "--tag", "sigmoid"], ["1", "2", "3", ""])
    assert result.exit_code == 0
    assert result.output.count("✗ incorrect") == 3
    assert [(r.verdict, r.rating) for r in reviews("fx-sigmoid-max-slope")] == [
        ("incorrect", Rating.AGAIN)
    ]


def test_drill_count_and_shuffle() -> None:
    orders = set()
    for _ in range(8):
        result = run(["drill", "--type", "choice", "--count", "2"], ["", "", "", ""])
        assert result.exit_code == 0
        assert result.output.count("Question ") == 2
        asked = [q for q in CHOICES if q in result.output]
        orders.add(tuple(sorted(asked, key=result.output.index)))
    assert len(orders) > 1


def test_mock_reports_a_score_per_topic() -> None:
    result = run(["mock", "--type", "choice"], ["", ""] * 3)
    assert result.exit_code == 0, result.output
    assert "left" in result.output
    table = result.output.split("Score by topic")[1]
    assert "activations" in table and "0/2" in table
    assert "pooling" in table and "0/1" in table
    assert {r.mode for q in CHOICES for r in reviews(q)} == {"practice"}


def test_mock_in_plain_ascii_draws_its_score_table_in_ascii() -> None:
    result = run(["--ascii", "mock", "--type", "choice"], ["", ""] * 3)
    assert result.exit_code == 0, result.output
    assert "Score by topic" in result.output
    assert result.output.isascii(), result.output


def test_mock_stops_when_time_is_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from quizcli import session

    ticks = iter(range(0, 100_000, 40))
    monkeypatch.setattr(session.time, "monotonic", lambda: float(next(ticks)))
    result = run(["mock", "--minutes", "1", "--type", "choice"], ["", ""] * 3)
    assert result.exit_code == 0
    assert "Time is up." in result.output
    assert result.output.count("Question ") < 3


def test_mock_time_beyond_a_day_is_a_usage_error() -> None:
    result = run(["mock", "--minutes", "inf"], [])
    assert result.exit_code == 2
    assert "--minutes" in result.stderr and "Traceback" not in result.output


def test_the_eighth_lapse_flags_a_leech_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    start = datetime.fromisoformat(NOW)
    with open_store(now=start) as store:
        answer(store, "fx-relu-dead", Rating.EASY, start)
        for _ in range(7):
            answer(store, "fx-relu-dead", Rating.AGAIN, start)
            answer(store, "fx-relu-dead", Rating.GOOD, start)
        assert store.status("fx-relu-dead").lapses == 7
    monkeypatch.setenv("QUIZCLI_NOW", (start + timedelta(days=365)).isoformat())
    result = run(["study", "--tag", "relu"], ["b", ""])
    assert result.exit_code == 0, result.output
    assert "fx-relu-dead has been forgotten 8 times" in result.output
    with open_store() as store:
        status = store.status("fx-relu-dead")
        assert status.leech and status.suspended


def test_derivation_drill_diagnoses_hints_retries_in_steps_and_reveals() -> None:
    lines = ["-tanh(x)^2", "?", "1 - tanh(x)^2 \\", "sech(x)^2", ""]
    result = run(["drill", "--type", "derivation", "--tag", "tanh"], lines)
    assert result.exit_code == 0, result.output
    assert "✗ incorrect" in result.output
    assert "Off by a constant" in result.output
    assert "Write tanh as sinh/cosh." in result.output
    assert "all 2 steps follow" in result.output
    assert "1 − tanh(x)²" in result.output.split("│ Answer")[-1]
    assert [(r.mode, r.verdict, r.rating, r.answer) for r in reviews("fx-tanh-derivative")] == [
        ("practice", "correct", Rating.HARD, "1 - tanh(x)^2\nsech(x)^2")
    ]


def test_derivation_input_that_cannot_be_read_is_asked_again() -> None:
    result = run(["study", "--type", "derivation", "--limit", "1"], ["σ(x)(1−", "σ(x)(1−σ(x))", ""])
    assert result.exit_code == 0, result.output
    assert "invalid input" in result.output
    assert [(r.verdict, r.rating) for r in reviews("fx-sigmoid-derivative")] == [
        ("correct", Rating.GOOD)
    ]


class Terminal(io.StringIO):
    """Typed lines on what claims to be a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_without_readline_still_reads_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python on Windows has no readline: answers are read as usual, only without history."""
    monkeypatch.setitem(sys.modules, "readline", None)
    monkeypatch.setattr(sys, "stdin", Terminal("ab\n"))
    screen = Screen("en")
    assert screen.read("answer") == "ab"
    screen.close()


def test_each_option_reason_is_shown_after_grading_not_before() -> None:
    result = run(["drill", "fx-relu-dead"], ["A", ""])
    assert result.exit_code == 0, result.output
    graded = result.output.index("✓ correct", result.output.index("Which activation can"))
    reason = "Negative inputs give it a zero gradient for good."
    assert result.output.index(reason) > graded
    assert "Its gradient is small but never exactly zero." in result.output


def test_a_study_ended_with_new_questions_left_says_so_not_done_for_today() -> None:
    result = run(["study", "--type", "choice"], ["ab", "4"])
    assert result.exit_code == 0, result.output
    assert "2 new question(s) planned for today not asked yet" in result.output
    assert "Done for today" not in result.output
    result = run(["study", "--type", "choice", "--limit", "1"], [])
    assert "2 new question(s) planned for today not asked yet" in result.output
    assert "Nothing scheduled yet." not in result.output


def test_a_drill_does_not_say_nothing_is_scheduled() -> None:
    result = run(["drill", "fx-gelu-models"], ["ab", ""])
    assert result.exit_code == 0, result.output
    assert "Answered 1" in result.output
    assert "Nothing scheduled" not in result.output and "not asked yet" not in result.output
