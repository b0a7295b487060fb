"""The fixture code bank checks out: references pass, known mistakes fail where stated.

`verify` is what the bundled code questions are held to in CI (tests/content).
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quizcli.bank import load_bank
from quizcli.cli import app
from quizcli.kinds.code import CodeQuestion
from quizcli.kinds.code_runner import verify
from tests.kinds.conftest import CODE_BANK


def test_every_fixture_reference_passes_and_every_mistake_fails_as_stated() -> None:
    bank = load_bank([CODE_BANK], use_cache=False)
    assert not bank.problems
    questions = [q for q in bank.questions if isinstance(q, CodeQuestion)]
    assert [q.id for q in questions] == ["fx-softmax", "fx-dropout", "fx-he-normal"]
    for question in questions:
        assert verify(question) == []


def test_verify_reports_a_mistake_that_fails_elsewhere_or_for_another_cause() -> None:
    question = load_bank([CODE_BANK], use_cache=False).get("fx-softmax")
    assert isinstance(question, CodeQuestion)
    wrong = question.answer.mistakes[0].model_copy(update={"fails": "three logits"})
    other = question.answer.mistakes[0].model_copy(update={"cause": "axis"})
    for mistake, expected in [
        (wrong, "mistakes[0] first fails 'logits of 1000', not 'three logits'"),
        (other, "mistakes[0] fails 'logits of 1000' naming 'overflow', not 'axis'"),
    ]:
        answer = question.answer.model_copy(update={"mistakes": [mistake]})
        assert verify(question.model_copy(update={"answer": answer})) == [f"fx-softmax: {expected}"]


def test_lint_validates_code_questions_without_running_them(tmp_path: Path) -> None:
    text = (CODE_BANK / "bank.yaml").read_text(encoding="utf-8")
    text = text.replace("cause: in-place", "cause: in-placee")
    text = text.replace(
        "def dropout(x, p, rng):\n            mask", "def drop(x, p, rng):\n            mask"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(bad)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(
        ": fx-softmax: answer.mistakes[1].cause: unknown cause 'in-placee'" in line
        for line in lines
    )
    missing = ": fx-dropout: answer: reference does not define a function dropout()"
    assert any(missing in line for line in lines)
