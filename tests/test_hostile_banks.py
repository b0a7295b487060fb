"""Hostile or broken banks cost one line naming the file, never a hang, a crash or exit 70."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.bank import load_bank
from quizcli.bank.model import MAX_FORMULA
from quizcli.bank.yamlpos import MAX_ALIAS_VALUES
from quizcli.cli import app
from quizcli.controls import escape_controls
from tests.conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
MINI = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
runner = CliRunner()


@pytest.fixture(autouse=True)
def fixture_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def user_bank(home: Path, name: str, text: str) -> Path:
    (home / "banks").mkdir(parents=True, exist_ok=True)
    path = home / "banks" / name
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("billion_laughs", 4, f"aliases expand to more than {MAX_ALIAS_VALUES:,} values"),
        ("python_tag", 3, "unsupported YAML tag !!python/name:os.system"),
        ("recursive_alias", 2, "recursive alias"),
    ],
)
def test_lint_refuses_a_hostile_file_with_its_line(name: str, line: int, message: str) -> None:
    code, out, err = invoke("lint", str(HOSTILE / f"{name}.yaml"))
    assert code == 1, err
    (problem,) = out.strip().splitlines()
    assert re.search(rf"{name}\.yaml:{line}:\d+: ", problem) and message in problem
    assert "Traceback" not in out + err and "internal error" not in err


def test_billion_laughs_in_the_user_banks_is_skipped_and_the_rest_still_lists(
    quizcli_home: Path,
) -> None:
    user_bank(quizcli_home, "laughs.yaml", (HOSTILE / "billion_laughs.yaml").read_text("utf-8"))
    code, out, err = invoke("list", "--json")
    assert code == 0
    assert len(json.loads(out)) == 4
    (warning,) = err.strip().splitlines()
    assert "skipped the bank" in warning and "laughs.yaml: 1 problem(s)" in warning
    code, out, _ = invoke("lint")
    assert code == 1 and "laughs.yaml:4:" in out


def test_a_broken_user_bank_is_named_before_the_bundled_banks_are_read(
    quizcli_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a new data dir parsing the bundled banks is the slow part: the user's broken bank
    is named before any bundled file is read, and named once."""
    import quizcli.bank as bank_module

    user_bank(quizcli_home, "laughs.yaml", (HOSTILE / "billion_laughs.yaml").read_text("utf-8"))
    events: list[str] = []
    real_load_file = bank_module.load_file

    def recording(path: Path, *args: object, **kwargs: object) -> object:
        events.append(path.name)
        return real_load_file(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bank_module, "load_file", recording)
    monkeypatch.setattr(
        "quizcli.cli.common.typer.echo",
        lambda text, err=False: events.append(f"said: {text}"),
    )
    assert runner.invoke(app, ["list", "--json"]).exit_code == 0
    said = [i for i, event in enumerate(events) if event.startswith("said: quizcli:")]
    assert len(said) == 1 and "laughs.yaml" in events[said[0]]
    assert "mini.yaml" in events[said[0] :]
    assert "mini.yaml" not in events[: said[0]]


def test_a_broken_user_bank_does_not_block_show_check_or_export(
    quizcli_home: Path, tmp_path: Path
) -> None:
    user_bank(quizcli_home, "tagged.yaml", (HOSTILE / "python_tag.yaml").read_text("utf-8"))
    assert invoke("show", "mini-concept")[0] == 0
    code, out, _ = invoke("check", "mini-derivation", "sigmoid(x)*(1-sigmoid(x))")
    assert code == 0, out
    code, _, err = invoke("export", "markdown", str(tmp_path / "md"))
    assert code == 0 and "tagged.yaml" in err


def test_orphans_still_refuses_to_judge_with_a_broken_user_bank(quizcli_home: Path) -> None:
    user_bank(quizcli_home, "tagged.yaml", (HOSTILE / "python_tag.yaml").read_text("utf-8"))
    code, _, err = invoke("orphans", "--delete")
    assert code == 1 and "fix them and retry" in err


def test_a_ten_thousand_term_formula_is_a_lint_error_not_a_crash(
    quizcli_home: Path, tmp_path: Path
) -> None:
    huge = " + ".join(["x"] * 10_000)
    text = MINI.replace("reference: sigmoid(x)*(1 - sigmoid(x))", f"reference: {huge}")
    bank = tmp_path / "huge.yaml"
    bank.write_text(text.replace("id: mini-", "id: huge-"), "utf-8")
    code, out, err = invoke("lint", str(bank))
    assert code == 1 and "internal error" not in err
    (problem,) = out.strip().splitlines()
    assert "huge-derivation: answer.reference: " in problem
    assert f"at most {MAX_FORMULA} characters" in problem
    code, _, err = invoke("--bank", str(bank), "export", "markdown", str(tmp_path / "md"))
    assert code == 0 and "skipped the bank" in err
    code, out, err = invoke("--bank", str(bank), "show", "mini-derivation", "--answer")
    assert code == 0 and "mini-derivation" in out
    code, _, err = invoke("--bank", str(bank), "show", "huge-derivation", "--answer")
    assert code == 1 and "skipped the bank" in err and "no question 'huge-derivation'" in err


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    bank = tmp_path / "big.yaml"
    with bank.open("wb") as handle:
        handle.truncate(17 * 2**20)  # sparse: no time or disk spent
    loaded = load_bank([bank], use_cache=False)
    (problem,) = loaded.problems
    assert "larger than 16 MB; split it into several files" in str(problem)


def test_control_characters_in_bank_text_are_shown_escaped(tmp_path: Path) -> None:
    text = MINI.replace(
        "en: Why is a stack of linear layers still linear?",
        'en: "Why is a stack\\e[2J of linear layers still linear?\\x9b31m"',
    )
    bank = tmp_path / "ctl.yaml"
    bank.write_text(text.replace("id: mini-", "id: ctl-"), "utf-8")
    code, out, _ = invoke("--bank", str(bank), "show", "ctl-concept")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out
    assert "\\x1b[2J" in out and "\\x9b31m" in out


def test_escape_controls_keeps_text_newlines_and_chinese() -> None:
    assert escape_controls("a\tb\n中文\u202eevil\x07") == "a\tb\n中文\\u202eevil\\x07"


def test_a_control_character_in_a_file_name_is_escaped(tmp_path: Path) -> None:
    bank = tmp_path / "bad\x1b[2Jname.yaml"
    bank.write_text("format_version: 1\nquestions: []\n", "utf-8")
    code, out, err = invoke("lint", str(bank))
    assert code == 1 and "\x1b" not in out + err and "bad\\x1b[2Jname.yaml" in out
    assert os.path.exists(bank)
