"""The session loop on its own, through its Io protocol: a scripted Io types the lines and
records what the session shows, with no CLI, Rich or terminal in between."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quizcli.bank import load_bank
from quizcli.bank.model import AnyQuestion, Text
from quizcli.session import Plan, Session
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
    # the kept file is still the stub: not implemented, a wrong answer, then shown
    assert io.of("graded") == [Outcome.INVALID, Outcome.INCORRECT]
    assert io.of("reveal") == ["fx-softmax"]
