"""`quizcli report ID`: what a user pastes into the tracker about a question they doubt."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import __version__, env
from quizcli.cli import app
from quizcli.report import tracker_url
from tests.conftest import FIXTURES

runner = CliRunner()
WRONG = "sigmoid(x)*(1 + sigmoid(x))"


@pytest.fixture(autouse=True)
def fixture_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")


def report(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def answer_in_a_drill(question_id: str, *lines: str) -> None:
    """Answer one question in a drill, typing these lines; the answer is recorded."""
    result = runner.invoke(app, ["drill", question_id], input="".join(f"{x}\n" for x in lines))
    assert result.exit_code == 0, result.output
    assert "Answered 1," in result.output


def test_report_before_any_answer_names_the_question_and_its_reference() -> None:
    code, out, err = report("mini-derivation")
    assert code == 0, err
    assert out.startswith("### Question `mini-derivation` looks wrong\n")
    assert "- **Where:** `tests/fixtures/bank/mini.yaml:69`" in out
    assert f"quizcli {__version__}, question hash `" in out
    assert "- **My last answer:** none recorded" in out
    assert "$sigmoid(x)*(1 - sigmoid(x))$" in out  # the reference as the bank states it
    assert "quizcli show mini-derivation --answer" in out
    assert "paste the report above into a new issue" in err


def test_report_gives_the_last_answer_and_a_command_that_reproduces_its_verdict() -> None:
    answer_in_a_drill("mini-derivation", WRONG, WRONG, WRONG, "")
    code, out, _ = report("mini-derivation")
    assert code == 0
    assert "judged **incorrect**" in out
    assert f"```\n{WRONG}\n```" in out
    command = f"quizcli check mini-derivation '{WRONG}'"
    assert command in out
    again = runner.invoke(app, shlex.split(command)[1:])
    assert again.exit_code == 1
    assert "incorrect" in again.stdout


def test_report_json_has_every_field() -> None:
    answer_in_a_drill("mini-derivation", WRONG, WRONG, WRONG, "")
    code, out, _ = report("mini-derivation", "--json")
    assert code == 0
    found = json.loads(out)
    assert (found["id"], found["file"], found["line"]) == (
        "mini-derivation",
        "tests/fixtures/bank/mini.yaml",
        69,
    )
    assert found["version"] == __version__
    assert len(found["question_hash"]) == 12
    assert found["last_answer"]["answer"] == WRONG
    assert found["last_answer"]["verdict"] == "incorrect"
    assert found["reproduce"] == f"quizcli check mini-derivation '{WRONG}'"
    assert found["reference"] == ["$sigmoid(x)*(1 - sigmoid(x))$"]


def test_choice_report_marks_the_correct_options() -> None:
    code, out, _ = report("mini-choice")
    assert code == 0
    assert "- A. Max pooling / 最大池化" in out  # the options, under the prompt
    assert "**A" in out.split("**Reference answer:**")[1]  # the right letters
    assert "哪些层没有可学习参数？" in out


def test_the_hash_follows_the_question_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def question_hash() -> str:
        return str(json.loads(report("mini-concept", "--json")[1])["question_hash"])

    monkeypatch.setattr(env, "bundled_banks_dir", lambda: tmp_path)
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    (tmp_path / "mini.yaml").write_text(text, "utf-8")
    first = question_hash()
    assert question_hash() == first
    (tmp_path / "mini.yaml").write_text(text.replace("Expand two layers.", "Expand 2 layers."))
    assert question_hash() != first


def test_an_answer_with_backticks_keeps_its_code_block_closed() -> None:
    answer_in_a_drill("mini-concept", "use ```relu``` here", "", "3")
    _, out, _ = report("mini-concept")
    assert "````\nuse ```relu``` here\n````" in out


def test_a_bank_in_the_home_folder_is_named_from_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report is posted in public: the user's name in /home/NAME stays out of it."""
    monkeypatch.setenv("HOME", str(tmp_path))
    mine = tmp_path / "banks" / "mine.yaml"
    mine.parent.mkdir()
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8").replace("id: mini-", "id: mine-")
    mine.write_text(text, "utf-8")
    result = runner.invoke(app, ["--bank", str(mine), "report", "mine-choice", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["file"] == "~/banks/mine.yaml"
    markdown = runner.invoke(app, ["--bank", str(mine), "report", "mine-choice"]).stdout
    assert "- **Where:** `~/banks/mine.yaml:" in markdown
    assert str(tmp_path) not in markdown


def test_unknown_id_suggests_the_closest_like_show() -> None:
    code, out, err = report("mini-choise")
    assert (code, out) == (1, "")
    assert "no question 'mini-choise'; did you mean 'mini-choice'?" in err


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (
            ["Homepage, https://a.example", "Issues, https://a.example/issues"],
            "https://a.example/issues",
        ),
        (["Bug Tracker, https://b.example/bugs"], "https://b.example/bugs"),
        (["Homepage, https://a.example"], None),
        ([], None),
    ],
)
def test_tracker_url_is_read_from_the_project_urls(
    entries: list[str], expected: str | None
) -> None:
    assert tracker_url(entries) == expected
