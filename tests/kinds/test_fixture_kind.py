"""Adding a question kind is one module plus its registration: a `truefalse` kind defined
here works in list, show --answer, search, lint, both exports and a session, untouched
by any other change."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, cast

import pytest
from typer.testing import CliRunner

from quizcli import kinds
from quizcli.bank.model import QuestionBase, Strict, Text
from quizcli.cli import app
from quizcli.kinds.base import Display, Formula, Kind, Part, pick
from quizcli.messages import Pair
from quizcli.store import open_store
from quizcli.verdict import Outcome, Verdict
from tests.conftest import FIXTURES

BANK = FIXTURES / "kind"
runner = CliRunner()


class TrueFalseAnswer(Strict):
    value: bool
    because: Text


class TrueFalseQuestion(QuestionBase):
    type: Literal["truefalse"]
    answer: TrueFalseAnswer


class TrueFalse(Kind):
    name = "truefalse"
    model = TrueFalseQuestion

    def grade(self, question: QuestionBase, answer: str, display: Display) -> Verdict:
        word = answer.strip().lower()
        if word not in ("t", "f", "true", "false"):
            return Verdict(Outcome.INVALID, word, Text(en="Type t or f.", zh="请输入 t 或 f。"))
        right = word.startswith("t") == cast(TrueFalseQuestion, question).answer.value
        return Verdict(Outcome.CORRECT if right else Outcome.INCORRECT, word)

    def answer_parts(
        self, question: QuestionBase, lang: str, formula: Formula | None
    ) -> list[Part]:
        answer = cast(TrueFalseQuestion, question).answer
        return [Part(Pair("Answer", "答案").text(lang), "prose", (self._word(answer.value, lang),))]

    def export_lines(self, question: QuestionBase, lang: str, formula: Formula | None) -> list[str]:
        answer = cast(TrueFalseQuestion, question).answer
        return [f"**{self._word(answer.value, lang)}**: {pick(answer.because, lang)}"]

    def search_texts(self, question: QuestionBase) -> list[Text]:
        return [cast(TrueFalseQuestion, question).answer.because]

    @staticmethod
    def _word(value: bool, lang: str) -> str:
        # A kind from outside quizcli brings its own words in both languages.
        return Pair("true" if value else "false", "对" if value else "错").text(lang)


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from quizcli import env

    monkeypatch.setattr(env, "bundled_banks_dir", lambda: BANK)
    kinds.register(TrueFalse())
    yield
    kinds.unregister("truefalse")


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout + result.stderr


def test_list_show_search_and_lint_know_the_new_kind() -> None:
    code, out = invoke("list", "--type", "truefalse", "--json")
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == ["fx-tf-relu-bounded"]
    code, out = invoke("show", "fx-tf-relu-bounded", "--answer")
    assert code == 0
    assert "ReLU is bounded above" in out and "false" in out
    code, out = invoke("search", "grows without limit", "--json")
    assert [row["id"] for row in json.loads(out)] == ["fx-tf-relu-bounded"]
    code, out = invoke("lint", str(BANK))
    assert code == 0, out


def test_exports_render_the_new_kind(tmp_path: Path) -> None:
    code, out = invoke("export", "markdown", str(tmp_path / "md"))
    assert code == 0, out
    sheet = (tmp_path / "md" / "activations.md").read_text(encoding="utf-8")
    assert "**false**: ReLU(x) = max(0, x) grows without limit" in sheet
    code, out = invoke("export", "anki", str(tmp_path / "deck.apkg"))
    assert code == 0, out
    assert (tmp_path / "deck.apkg").stat().st_size > 0


def test_a_session_grades_and_records_the_new_kind() -> None:
    code, out = invoke("drill", "--count", "1", stdin="maybe\nf\n\n")
    assert code == 0, out
    assert "Type t or f." in out
    assert "Answered 1, right 1" in out
    with open_store() as store:
        [review] = store.reviews("fx-tf-relu-bounded")
    assert (review.verdict, review.answer) == ("correct", "f")


def test_an_unregistered_kind_is_a_lint_problem_naming_the_known_ones() -> None:
    kinds.unregister("truefalse")
    code, out = invoke("lint", str(BANK))
    assert code == 1
    assert "type: must be one of concept, choice, numeric, derivation, code" in out
