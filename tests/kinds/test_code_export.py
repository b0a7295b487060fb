"""Code questions in the exports: Markdown with the reference solution; Anki with the stub on
the front and the solution on the back, as code blocks."""

from __future__ import annotations

from pathlib import Path

from quizcli.bank import load_bank
from quizcli.export.anki import export_deck
from quizcli.export.markdown import export_sheets
from tests.kinds.conftest import CODE_BANK
from tests.test_export import read_notes

BANK = load_bank([CODE_BANK], use_cache=False)


def no_formula(expression: str, symbols: list[str], setting: str | None) -> str:
    raise AssertionError("code questions have no formulas")


def test_markdown_shows_the_stub_with_the_prompt_and_the_reference_as_the_answer(
    tmp_path: Path,
) -> None:
    export_sheets(BANK.questions, tmp_path, "en", no_formula)
    sheet = (tmp_path / "activations.md").read_text(encoding="utf-8")
    prompt, answer = sheet.split("**Answer**")
    assert "def softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:" in prompt
    assert "```python\nimport numpy as np" in answer
    assert "shifted = z - np.max(z, axis=axis, keepdims=True)" in answer


def test_anki_puts_the_stub_on_the_front_and_the_solution_on_the_back(tmp_path: Path) -> None:
    deck = tmp_path / "code.apkg"
    export_deck(BANK.questions, deck, "en", no_formula, "code")
    notes = {fields[0]: fields for _, _, fields, _ in read_notes(deck, tmp_path)}
    front, back = notes["fx-softmax"][2], notes["fx-softmax"][3]
    assert "<pre><code>import numpy as np\n\n\ndef softmax(z: np.ndarray" in front
    assert "raise NotImplementedError" in front and "shifted" not in front
    assert "<pre><code>" in back and "shifted = z - np.max(z, axis=axis, keepdims=True)" in back
