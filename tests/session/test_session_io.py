"""The session loop through its Io, with a scripted user and the clock moved by the test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from quizcli import env
from quizcli.bank import load_bank
from quizcli.bank.model import AnyQuestion, Text
from quizcli.plans import study_plan
from quizcli.session import Session
from quizcli.srs import Outcome, Rating
from quizcli.store import open_store
from quizcli.verdict import Verdict
from tests.session.conftest import BANK, NOW

QUESTIONS = load_bank([BANK], use_cache=False).questions


class ScriptedIo:
    """Answers from a script; records the questions asked and the prompts read."""

    def __init__(self, lines: list[str], interactive: bool = False) -> None:
        self.lines = iter(lines)
        self.interactive = interactive
        self.asked: list[str] = []
        self.prompts: list[str] = []
        self.notices: list[str] = []

    def question(self, question: AnyQuestion, number: int, total: int) -> None:
        self.asked.append(question.id)

    def read(self, prompt: str) -> str:
        self.prompts.append(prompt)
        try:
            return next(self.lines)
        except StopIteration:
            raise EOFError from None

    def hint(self, text: Text, number: int, total: int) -> None: ...
    def graded(self, grade: Verdict) -> None: ...
    def reveal(self, question: AnyQuestion, answer: str, covered: list[bool] | None) -> None: ...
    def explain(self, question: AnyQuestion) -> None: ...
    def edit(self, path: Path) -> None: ...
    def ratings(self, outcomes: dict[Rating, Outcome] | None, proposed: Rating | None) -> None: ...

    def notice(self, key: str, **values: object) -> None:
        self.notices.append(key)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    moment = [datetime.fromisoformat(NOW)]
    monkeypatch.setattr(env, "now", lambda: moment[0])
    yield moment


def choices() -> list[AnyQuestion]:
    return [q for q in QUESTIONS if q.type == "choice"]


def test_an_again_card_waits_for_its_step_behind_the_others(clock: list[datetime]) -> None:
    with open_store() as store:
        plan = study_plan(store, choices(), None, None)
        io = ScriptedIo(["ac", "", "b", "4", "a", "4", "ab", "4"])
        summary = Session(plan, store, io).run()
    assert io.asked == ["fx-gelu-models", "fx-max-pool-output", "fx-relu-dead", "fx-gelu-models"]
    assert [a.rating for a in summary.answered] == [Rating.AGAIN, *[Rating.EASY] * 3]
    assert summary.outlook is not None and summary.outlook.later_today == 0


def test_a_step_due_mid_session_comes_before_the_remaining_new_questions(
    clock: list[datetime],
) -> None:
    class Ticking(ScriptedIo):
        def read(self, prompt: str) -> str:
            if prompt == "rating":
                clock[0] += timedelta(seconds=40)
            return super().read(prompt)

    with open_store() as store:
        plan = study_plan(store, choices(), None, None)
        io = Ticking(["ac", "", "b", "4", "ab", "4", "a", "4"])
        Session(plan, store, io).run()
    assert io.asked == ["fx-gelu-models", "fx-max-pool-output", "fx-gelu-models", "fx-relu-dead"]


def test_good_after_a_wrong_answer_asks_once_on_a_terminal(clock: list[datetime]) -> None:
    with open_store() as store:
        plan = study_plan(store, choices()[:1], None, 1)
        io = ScriptedIo(["ac", "3", "n", "1"], interactive=True)
        summary = Session(plan, store, io).run()
        assert [a.rating for a in summary.answered] == [Rating.AGAIN]
        assert io.prompts.count("confirm") == 1
        plan = study_plan(store, choices()[1:2], None, 1)
        io = ScriptedIo(["b", "4", "y"], interactive=True)
        summary = Session(plan, store, io).run()
    assert [a.rating for a in summary.answered] == [Rating.EASY]
    assert "rated_despite_wrong" not in io.notices
