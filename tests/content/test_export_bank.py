"""The bundled banks export whole: every stored formula reads in its question's scope."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quizcli.bank.model import TOPICS
from quizcli.cli import app


def test_every_bundled_question_exports_to_markdown(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "markdown", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.md")) == sorted(TOPICS)
    softmax = (tmp_path / "activations.md").read_text("utf-8")
    assert r"\delta_{i j}" in softmax
