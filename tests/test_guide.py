"""The user guide shows every picture make_pictures.py draws, and only those."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_guide_pictures_exist_and_all_are_shown() -> None:
    shown = set(re.findall(r"\]\((pictures/[\w-]+\.svg)\)", (DOCS / "guide.md").read_text()))
    drawn = {f"pictures/{path.name}" for path in (DOCS / "pictures").glob("*.svg")}
    made = {
        f"pictures/{name}.svg"
        for name in re.findall(r'picture\("([\w-]+)"', (DOCS / "make_pictures.py").read_text())
    }
    assert shown == drawn == made
