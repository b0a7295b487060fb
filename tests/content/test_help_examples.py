"""Every question id a help example names exists in the bundled bank: users copy them."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from quizcli import env
from quizcli.bank import load_bank
from quizcli.cli import app

TAKES_AN_ID = ("show", "history", "suspend", "unsuspend", "bury", "check", "forget", "drill")
EXAMPLE = re.compile(r"Example: quizcli (\S+) ([a-z0-9]+(?:-[a-z0-9]+)+)")


def test_help_examples_name_real_question_ids() -> None:
    ids = set(load_bank([env.bundled_banks_dir()], use_cache=False).ids())
    runner = CliRunner()
    named = []
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        result = runner.invoke(app, [name, "--help"], terminal_width=200)
        for verb, question_id in EXAMPLE.findall(result.output):
            if verb in TAKES_AN_ID:
                named.append(question_id)
    assert named, "the help texts give examples with ids"
    assert sorted(set(named) - ids) == []
