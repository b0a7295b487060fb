"""The id index: one question found and validated alone, the same as a full load finds it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.bank import load_bank
from quizcli.bank.index import find_question
from quizcli.cli import app
from tests.conftest import FIXTURES

SOURCES = [FIXTURES / "bank", FIXTURES / "session", FIXTURES / "checker"]


def test_every_question_is_found_as_a_full_load_finds_it(tmp_path: Path) -> None:
    bank = load_bank(SOURCES, use_cache=False)
    assert len(bank.questions) > 20
    for question in bank.questions:
        found = find_question(SOURCES, question.id, tmp_path)
        assert found is not None, question.id
        assert found[0] == question
        assert found[1] == bank.origins[question.id]


def test_an_edited_file_is_indexed_again(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    bank.write_text(text, "utf-8")
    cache = tmp_path / "cache"
    first = find_question([bank], "mini-numeric", cache)
    assert first is not None
    bank.write_text("# a comment that moves every line\n" + text.replace("mini-", "new-"), "utf-8")
    os.utime(bank, ns=(1, 1))
    assert find_question([bank], "mini-numeric", cache) is None
    again = find_question([bank], "new-numeric", cache)
    assert again is not None and again[1].line == first[1].line + 1


def test_a_question_with_a_problem_is_left_to_the_full_load(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    bank.write_text(text.replace("difficulty: 2", "difficulty: 9", 1), "utf-8")
    assert find_question([bank], "mini-choice", tmp_path) is None
    assert find_question([bank], "mini-concept", tmp_path) is not None
    assert find_question([bank], "no-such-id", tmp_path) is None


def test_show_validates_only_the_question_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    bank = tmp_path / "mine.yaml"
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8").replace("id: mini-", "id: my-")
    bank.write_text(text.replace("difficulty: 2", "difficulty: 9", 1), "utf-8")
    runner = CliRunner()
    shown = runner.invoke(app, ["--bank", str(bank), "show", "my-concept"])
    assert shown.exit_code == 0 and shown.stderr == ""
    listed = runner.invoke(app, ["--bank", str(bank), "list"])
    assert listed.exit_code == 0 and "skipped the bank" in listed.stderr
    broken = runner.invoke(app, ["--bank", str(bank), "show", "my-choice"])
    assert broken.exit_code == 1 and "skipped the bank" in broken.stderr


def test_windows_line_ends_and_unusual_breaks(tmp_path: Path) -> None:
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    found = find_question([crlf], "mini-derivation", tmp_path)
    full = load_bank([crlf], use_cache=False)
    assert found is not None and found[1] == full.origins["mini-derivation"]
    odd = tmp_path / "odd.yaml"  # YAML counts U+2028 as a line break; the index leaves it
    odd.write_text(text.replace("Expand two layers.", "Expand\u2028two layers."), "utf-8")
    assert find_question([odd], "mini-derivation", tmp_path) is None
