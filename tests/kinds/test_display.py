"""Kinds take the display settings as arguments: grading never reads the global --ascii,
and no module outside quizcli/kinds branches on a question's class."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import quizcli
from quizcli import env, kinds
from quizcli.bank import load_bank
from quizcli.kinds.base import Display
from tests.session.conftest import BANK

QUESTION = load_bank([BANK], use_cache=False).get("fx-sigmoid-derivative")
assert QUESTION is not None
ANSWER = "sigmoid(x)*(1 - sigmoid(x))"


@pytest.mark.parametrize("global_ascii", [True, None])
def test_the_reading_follows_the_display_given_whatever_the_global_setting(
    monkeypatch: pytest.MonkeyPatch, global_ascii: bool | None
) -> None:
    monkeypatch.setattr(env, "_ascii_override", global_ascii)
    kind = kinds.of(QUESTION)
    spelled = kind.grade(QUESTION, ANSWER, Display(ascii=True))
    drawn = kind.grade(QUESTION, ANSWER, Display(ascii=False))
    assert spelled.verdict == drawn.verdict == "correct"
    assert spelled.read_as.isascii(), spelled.read_as
    assert "σ" in drawn.read_as


def question_classes() -> set[str]:
    return {kinds.get(name).model.__name__ for name in kinds.names()} | {"AnyQuestion"}


def test_no_module_outside_kinds_asks_isinstance_of_a_question_class() -> None:
    """The registry answers what a kind does (`kinds.of(q)`); branching on classes elsewhere
    is how a new kind came to crash `show --answer` and export (issue 12)."""
    root = Path(quizcli.__file__).parent
    classes = question_classes()
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.parent.name == "kinds":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance":
                names = {n.id for n in ast.walk(node.args[1]) if isinstance(n, ast.Name)}
                names |= {n.attr for n in ast.walk(node.args[1]) if isinstance(n, ast.Attribute)}
                if names & classes:
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not found
