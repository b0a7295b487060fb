"""Code questions in the exports: Markdown with the reference solution; Anki with the stub on
the front and the solution on the back, as code blocks."""

from __future__ import annotations

from pathlib import Path

from quizcli.bank import load_bank
from quizcli.export.anki import export_deck
from quizcli.export.markdown import export_sheets
from tests.kinds.conftest import CODE_BANK
from tests.test_export import ANSWER, QUESTION, open_deck

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
    notes = open_deck(deck, tmp_path)
    front, back = notes["fx-softmax"][QUESTION], notes["fx-softmax"][ANSWER]
    stub = '<pre><code class="language-python">import numpy as np\n\n\ndef softmax(z: np.ndarray'
    assert stub in front
    assert "raise NotImplementedError" in front and "shifted" not in front
    assert (
        '<pre><code class="language-python">' in back
        and "shifted = z - np.max(z, axis=axis, keepdims=True)" in back
    )


def test_markdown_in_chinese_labels_the_stub_and_the_solution_as_python_blocks(
    tmp_path: Path,
) -> None:
    from markdown_it import MarkdownIt

    export_sheets(BANK.questions, tmp_path, "zh", no_formula)
    sheet = (tmp_path / "activations.md").read_text(encoding="utf-8")
    prompt, answer = sheet.split("**答案**")
    assert "*从这里开始*\n\n```python\nimport numpy as np" in prompt
    assert "*参考实现*\n\n```python\nimport numpy as np" in answer
    assert "Reference solution" not in sheet and "Start from" not in sheet
    fences = [t for t in MarkdownIt("commonmark").parse(sheet) if t.type == "fence"]
    assert [t.info for t in fences] == ["python", "python"]
    assert "shifted = z - np.max" in fences[1].content
