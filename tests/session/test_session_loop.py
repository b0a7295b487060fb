"""The session loop on its own, through its Io protocol: a scripted Io types the lines and
records what the session shows, with no CLI, Rich or terminal in between."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quizcli.bank import load_bank
from quizcli.bank.model import AnyQuestion, Text
from quizcli.session import MAX_STALLED, Plan, Session, Summary
from quizcli.srs import Outcome as Next
from quizcli.srs import Rating
from quizcli.store import Store, open_store
from quizcli.verdict import Outcome, Verdict
from tests.conftest import FIXTURES
from tests.session.conftest import BANK

QUESTIONS = {q.id: q for q in load_bank([BANK], use_cache=False).questions}


@dataclass
class ScriptedIo:
    """Answers from a script; every call the session makes is kept in `shown`."""

    lines: list[str]
    shown: list[tuple[str, object]] = field(default_factory=list)
    proposals: list[Rating | None] = field(default_factory=list)
    interactive: bool = False

    def question(self, question: AnyQuestion, number: int, total: int) -> None:
        self.shown.append(("question", (question.id, number, total)))

    def read(self, prompt: str) -> str:
        if not self.lines:
            raise EOFError
        self.shown.append(("read", prompt))
        return self.lines.pop(0)

    def hint(self, text: Text, number: int, total: int) -> None:
        self.shown.append(("hint", (number, total)))

    def graded(self, grade: Verdict) -> None:
        self.shown.append(("graded", grade.outcome))

    def reveal(self, question: AnyQuestion, answer: str, covered: list[bool] | None) -> None:
        self.shown.append(("reveal", question.id))
        self.shown.append(("covered", covered))

    def explain(self, question: AnyQuestion) -> None:
        self.shown.append(("explain", question.id))

    def ratings(self, outcomes: dict[Rating, Next] | None, proposed: Rating | None) -> None:
        self.proposals.append(proposed)

    def notice(self, key: str, **values: object) -> None:
        self.shown.append(("notice", key))

    def edit(self, path: Path) -> None:
        self.shown.append(("edit", path.name))

    def of(self, kind: str) -> list[object]:
        return [value for name, value in self.shown if name == kind]


@pytest.fixture
def store() -> Iterator[Store]:
    with open_store() as opened:
        yield opened


def run(store: Store, ids: list[str], lines: list[str], **plan: object) -> ScriptedIo:
    io = ScriptedIo(lines)
    Session(Plan([QUESTIONS[i] for i in ids], **plan), store, io).run()  # type: ignore[arg-type]
    return io


def kept(store: Store, question_id: str) -> list[tuple[str, int, str]]:
    return [(r.verdict, int(r.rating or 0), r.answer) for r in store.reviews(question_id)]


def test_a_right_choice_proposes_good_and_enter_records_it(store: Store) -> None:
    io = run(store, ["fx-relu-dead"], ["a", ""])
    assert io.of("graded") == [Outcome.CORRECT]
    assert io.proposals == [Rating.GOOD]
    assert kept(store, "fx-relu-dead") == [("correct", 3, "a")]


def test_a_hint_lowers_the_proposal_and_unreadable_input_is_asked_again(store: Store) -> None:
    io = run(store, ["fx-sigmoid-max-slope"], ["?", "a quarter", "1/4", ""])
    assert io.of("hint") == [(1, 1)]
    assert io.of("graded") == [Outcome.INVALID, Outcome.CORRECT]
    assert io.proposals == [Rating.HARD]
    assert kept(store, "fx-sigmoid-max-slope") == [("correct", 2, "1/4")]


def test_a_concept_answer_is_set_beside_the_key_points_and_the_proposal_follows(
    store: Store,
) -> None:
    io = run(store, ["fx-why-nonlinear"], ["a composition of affine maps stays affine", "w", ""])
    assert io.of("graded") == []
    assert io.of("covered") == [[True]]
    assert io.of("explain") == ["fx-why-nonlinear"]
    assert io.proposals == [Rating.GOOD]
    assert kept(store, "fx-why-nonlinear") == [
        ("self-rated", 3, "a composition of affine maps stays affine")
    ]


def test_a_concept_answer_that_misses_the_points_proposes_again(store: Store) -> None:
    io = run(store, ["fx-pooling-invariance"], ["it makes training faster", "2"])
    assert io.of("covered") == [[False]]
    assert io.proposals == [Rating.AGAIN]
    assert kept(store, "fx-pooling-invariance") == [("self-rated", 2, "it makes training faster")]


def test_asking_for_the_reference_straight_away_shows_it_all_with_no_proposal(
    store: Store,
) -> None:
    io = run(store, ["fx-why-nonlinear"], ["", "4"])
    assert io.of("covered") == [None]
    assert io.proposals == [None]


def test_wrong_answers_in_a_drill_are_retried_then_revealed(store: Store) -> None:
    io = run(store, ["fx-max-pool-output"], ["a", "c", "d", "1"], mode="practice", tries=3)
    assert io.of("graded") == [Outcome.INCORRECT] * 3
    assert io.of("read") == ["answer", "retry", "retry", "rating"]
    assert io.proposals == [Rating.AGAIN]


def test_undo_takes_back_the_last_answer_and_asks_it_again(store: Store) -> None:
    # Easy throughout: a Good on a new card would bring it back for its learning step
    io = run(store, ["fx-relu-dead", "fx-pool-params"], ["a", "3", "u", "a", "4", "0", "4"])
    assert io.of("notice") == ["undone"]
    assert [shown[0] for shown in io.of("question")] == [  # type: ignore[index]
        "fx-relu-dead",
        "fx-pool-params",
        "fx-relu-dead",
        "fx-pool-params",
    ]
    assert kept(store, "fx-relu-dead") == [("correct", 4, "a")]


def test_a_code_question_is_answered_with_a_path_or_by_editing_the_kept_file(
    store: Store, tmp_path: Path
) -> None:
    from quizcli.kinds.trust import trust

    code_bank = FIXTURES / "code"
    trust(code_bank)
    softmax = load_bank([code_bank], use_cache=False).get("fx-softmax")
    assert softmax is not None
    QUESTIONS["fx-softmax"] = softmax
    missing = str(tmp_path / "missing.py")
    io = run(store, ["fx-softmax"], [missing, "e", ""], mode="practice", tries=3)
    assert io.of("edit") == ["fx-softmax.py"]
    # the kept file is still the stub: said so without running it (not a wrong try), then shown
    assert io.of("graded") == [Outcome.INVALID, Outcome.INVALID]
    assert io.of("reveal") == ["fx-softmax"]


def stall(store: Store, ids: list[str], lines: list[str]) -> tuple[ScriptedIo, Summary]:
    """A piped session fed `lines`, as `yes` would feed it: far more than it needs."""
    io = ScriptedIo(lines)
    plan = Plan([QUESTIONS[i] for i in ids], mode="practice")
    return io, Session(plan, store, io).run()


def test_yes_through_a_pipe_stops_at_the_rating_keeping_the_answers_given(store: Store) -> None:
    io, summary = stall(store, ["fx-relu-dead", "fx-pool-params"], ["a", "", *["y"] * 1000])
    assert summary.stalled == "rating"
    assert kept(store, "fx-relu-dead") == [("correct", 3, "a")]
    assert kept(store, "fx-pool-params") == []
    # "y" is no number: read three times as the answer (then shown), three at the rating
    assert io.of("read")[-6:] == ["answer"] * 3 + ["rating"] * 3
    assert len(io.lines) == 1000 - 2 * MAX_STALLED


@pytest.mark.parametrize(
    ("lines", "prompt"),
    [
        (["?"] * 100, "answer"),  # one hint, then "no more hints" again and again
        (["u"] * 100, "answer"),  # nothing to undo, the question asked again and again
        (["a", *["w"] * 100], "rating"),  # the explanation, then the same again
        (["", *["zz"] * 100], "rating"),  # nothing proposed, so an empty line is no rating
    ],
)
def test_a_pipe_repeating_a_line_that_gets_nowhere_ends_the_session(
    store: Store, lines: list[str], prompt: str
) -> None:
    io, summary = stall(store, ["fx-why-nonlinear"], lines)
    assert summary.stalled == prompt
    assert len(io.lines) > 90


def test_a_pipe_of_empty_derivation_steps_ends_the_session(store: Store) -> None:
    io, summary = stall(store, ["fx-sigmoid-derivative"], ["s*(1-s) \\", *["\\"] * 100])
    assert summary.stalled == "more"
    assert io.of("read")[:4] == ["answer", "more", "more", "more"]


def test_on_a_terminal_unreadable_ratings_are_asked_again_until_one_reads(store: Store) -> None:
    io = ScriptedIo(["a", *["y"] * 10, "3"], interactive=True)
    summary = Session(Plan([QUESTIONS["fx-relu-dead"]], mode="practice"), store, io).run()
    assert summary.stalled is None
    assert io.of("notice") == ["rating_help"] * 10
    assert kept(store, "fx-relu-dead") == [("correct", 3, "a")]


def test_a_line_that_reads_in_between_starts_the_count_again(store: Store) -> None:
    io, summary = stall(store, ["fx-relu-dead"], ["a", "y", "y", "w", "y", "y", "3"])
    assert summary.stalled is None
    assert io.of("explain") == ["fx-relu-dead"]
    assert kept(store, "fx-relu-dead") == [("correct", 3, "a")]
