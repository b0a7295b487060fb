"""`-h` means `--help` on every command and subcommand, `check` included."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from quizcli import env
from quizcli.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixture_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")


def _paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command line that names a command: the root, each command, each subcommand.
    (Duck-typed: newer Typer versions carry their own copy of click's classes.)"""
    found = [prefix]
    if hasattr(command, "list_commands"):
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                found += _paths(sub, (*prefix, name))
    return found


COMMANDS = _paths(typer.main.get_command(app))


def test_the_walk_finds_every_command() -> None:
    names = {path[0] for path in COMMANDS if path}
    assert {"check", "show", "list", "study", "history", "config", "export"} <= names
    assert ("export", "anki") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "quizcli")
def test_dash_h_prints_the_same_help_as_dash_dash_help(path: tuple[str, ...]) -> None:
    long = runner.invoke(app, [*path, "--help"])
    short = runner.invoke(app, [*path, "-h"])
    assert long.exit_code == 0, long.output
    assert short.exit_code == 0, short.output
    assert short.stdout == long.stdout
    assert "Usage: quizcli" in short.stdout


def test_check_reads_dash_h_inside_an_answer_as_the_answer() -> None:
    """-tanh(x) holds an h; only -h standing alone asks for help."""
    result = runner.invoke(app, ["check", "mini-derivation", "-tanh(x)"])
    assert "Usage:" not in result.stdout
    assert result.exit_code == 1  # read and judged: incorrect, not a usage error


def test_check_reads_a_bare_dash_h_after_an_id_as_an_answer() -> None:
    result = runner.invoke(app, ["check", "mini-derivation", "-h"])
    assert "Usage:" not in result.stdout
    assert "'h'" in result.stdout  # the checker read it and names the unknown symbol
