"""Code shown in a narrow terminal keeps every character: a cropped line would show a
reference solution that does not run (`...keepdims=True` without its closing brackets)."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from quizcli.kinds.base import Part
from quizcli.ui.browse import Prose, render_part

LINE = "    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))"


def shown(renderable: RenderableType, width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_a_code_part_wider_than_the_terminal_is_folded_not_cropped() -> None:
    text = shown(render_part(Part("Reference solution", "code", ("def f(z):", LINE))), 40)
    assert "".join(text.split()).endswith("".join(LINE.split()))
    assert all(len(line) <= 40 for line in text.splitlines())


def test_a_fenced_block_in_prose_is_folded_not_cropped() -> None:
    text = shown(Prose(f"Start from\n```python\n{LINE}\n```"), 40)
    assert "keepdims=True))" in "".join(text.split())
