"""What TAB offers: question ids, topics, tags, types and setting names, from the banks
quizcli reads, cheaply (a warm completion loads no bank module, nor sympy or numpy; older
Typer versions import rich themselves while completing)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixture_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")


def offered(line: str) -> list[str]:
    """What bash's TAB would offer at the end of `line` (a trailing space starts a new word)."""
    words = line.split()
    current = len(words) if line.endswith(" ") else len(words) - 1
    result = runner.invoke(
        app,
        [],
        env={"_QUIZCLI_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(current)},
        prog_name="quizcli",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("quizcli show mini-c", ["mini-concept", "mini-choice"]),
        ("quizcli history mini-n", ["mini-numeric"]),
        ("quizcli history ex", ["export"]),
        ("quizcli report mini-d", ["mini-derivation"]),
        ("quizcli drill mini-concept mini-ch", ["mini-choice"]),
        ("quizcli bury mini-", ["mini-concept", "mini-choice", "mini-numeric", "mini-derivation"]),
        ("quizcli check mini-", ["mini-derivation"]),  # check decides derivations only
        ("quizcli list --topic p", ["pooling"]),
        ("quizcli study --tag s", ["sigmoid"]),
        ("quizcli drill --type c", ["concept", "choice", "code"]),  # every registered kind
        ("quizcli config new", ["new_per_day"]),
        ("quizcli config interview_", ["interview_date"]),
        ("quizcli config trust", ["trust_bank"]),
        ("quizcli code mini-", []),  # the fixture bank has no code question
    ],
)
def test_tab_offers(line: str, expected: list[str]) -> None:
    assert offered(line) == expected


def test_completion_sees_a_bank_added_and_edited_later(quizcli_home: Path) -> None:
    assert offered("quizcli show extra-") == []
    banks = quizcli_home / "banks"
    banks.mkdir(parents=True)
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8").replace("id: mini-", "id: extra-")
    (banks / "extra.yaml").write_text(text, "utf-8")
    assert "extra-choice" in offered("quizcli show extra-")
    (banks / "extra.yaml").write_text(text.replace("extra-choice", "extra-pick"), "utf-8")
    assert "extra-pick" in offered("quizcli show extra-")
    assert "extra-choice" not in offered("quizcli show extra-")


def test_completion_reads_banks_given_with_dash_dash_bank(tmp_path: Path) -> None:
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8").replace("id: mini-", "id: mine-")
    (tmp_path / "mine.yaml").write_text(text, "utf-8")
    assert offered(f"quizcli --bank {tmp_path / 'mine.yaml'} show mine-co") == ["mine-concept"]


def test_a_broken_bank_offers_what_loads_and_prints_nothing(quizcli_home: Path) -> None:
    banks = quizcli_home / "banks"
    banks.mkdir(parents=True)
    (banks / "broken.yaml").write_text("questions: [unclosed\n", "utf-8")
    assert offered("quizcli show mini-n") == ["mini-numeric"]  # offered() checks stderr is empty


def test_a_warm_completion_loads_no_bank_and_nothing_heavy(quizcli_home: Path) -> None:
    """The first TAB fills the completion cache; the next reads only that."""
    probe = (
        "import os, sys, json\n"
        "from quizcli.cli import app\n"
        "try:\n"
        "    app(prog_name='quizcli')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('quizcli.bank', 'quizcli.store', 'quizcli.ui', 'sympy', 'numpy', 'sqlite3')\n"
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)\n"
    )
    environment = {
        **os.environ,
        "QUIZCLI_HOME": str(quizcli_home),
        "_QUIZCLI_COMPLETE": "complete_bash",
        "COMP_WORDS": "quizcli show sigmoid-deri",
        "COMP_CWORD": "2",
    }

    def run() -> tuple[list[str], list[str]]:
        done = subprocess.run(
            [sys.executable, "-c", probe], env=environment, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split(), json.loads(done.stderr.strip().splitlines()[-1])

    first, _ = run()  # the real bundled bank: ids this test cannot know in advance
    assert "sigmoid-derivative" in first
    second, imported = run()
    assert second == first
    assert imported == []


def test_the_zsh_script_calls_itself_when_autoloaded() -> None:
    """What `--install-completion` writes to ~/.zfunc and `source_zsh` prints."""
    result = runner.invoke(app, [], env={"_QUIZCLI_COMPLETE": "source_zsh"}, prog_name="quizcli")
    script = result.stdout
    assert script.startswith("#compdef quizcli")
    assert "[[ $zsh_eval_context[-1] == loadautofunc ]]" in script
    assert "compdef _quizcli quizcli" in script
    if shutil.which("zsh"):  # the script is valid zsh
        done = subprocess.run(["zsh", "-n"], input=script, text=True, capture_output=True)
        assert done.returncode == 0, done.stderr
