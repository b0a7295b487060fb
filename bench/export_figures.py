"""Figures for docs/benchmarks.md: what the exports of the bundled bank weigh and read like.

Run from a checkout with its venv: `.venv/bin/python bench/export_figures.py`. For each
--lang it prints the .apkg's size, its zip compression, the median characters a card's
back shows (prompt, options, answer, explanation, sources; HTML tags stripped), and for
Markdown the lists that follow a paragraph line with no blank line between (pandoc and
MkDocs merge those into the paragraph). Needs no network; takes a few seconds per export.
"""

from __future__ import annotations

import html
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

TAG = re.compile(r"<[^>]+>")
LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")
CARD_FIELDS = (2, 3, 4, 5)  # Question, Answer, Explanation, Sources


def quizcli(*args: str, home: Path) -> None:
    command = [sys.executable, "-m", "quizcli", *args]
    subprocess.run(
        command, check=True, capture_output=True, env={**os.environ, "QUIZCLI_HOME": str(home)}
    )


def card_lengths(apkg: Path, scratch: Path) -> list[int]:
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", scratch)
    connection = sqlite3.connect(scratch / "collection.anki2")
    try:
        rows = [fields.split("\x1f") for (fields,) in connection.execute("SELECT flds FROM notes")]
    finally:
        connection.close()
    return [sum(len(html.unescape(TAG.sub("", row[i]))) for i in CARD_FIELDS) for row in rows]


def compression(apkg: Path) -> str:
    with zipfile.ZipFile(apkg) as archive:
        infos = archive.infolist()
    stored = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    return f"{packed / 1e6:.2f} MB of {stored / 1e6:.2f} MB ({packed / stored:.0%})"


def loose_lists(directory: Path) -> int:
    count = 0
    for sheet in sorted(directory.glob("*.md")):
        fenced, previous = False, ""
        for line in sheet.read_text("utf-8").splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            after_text = previous.strip() and not LIST_ITEM.match(previous)
            if not fenced and LIST_ITEM.match(line) and after_text:
                count += 1
            previous = line
    return count


def rendered_lists(directory: Path) -> str:
    """Lists as CommonMark (markdown-it) reads the sheets, and as Python-Markdown (MkDocs'
    engine) does, if it is installed (`pip install markdown`; not a dependency)."""
    from markdown_it import MarkdownIt

    texts = [sheet.read_text("utf-8") for sheet in sorted(directory.glob("*.md"))]
    commonmark = sum(MarkdownIt("commonmark").render(t).count("<ul>") for t in texts)
    try:
        import markdown
    except ImportError:
        return f"{commonmark} lists in CommonMark (Python-Markdown not installed)"
    mkdocs = sum(markdown.markdown(t, extensions=["fenced_code"]).count("<ul>") for t in texts)
    return f"{commonmark} lists in CommonMark, {mkdocs} in Python-Markdown"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for lang in ("en", "zh", "both"):
            apkg = root / f"deck-{lang}.apkg"
            quizcli("export", "anki", str(apkg), "--lang", lang, home=root / "home")
            lengths = card_lengths(apkg, root / lang)
            print(
                f"anki --lang {lang}: {apkg.stat().st_size / 1e6:.2f} MB on disk, "
                f"zip {compression(apkg)}; {len(lengths)} cards, "
                f"median {statistics.median(lengths):.0f} characters"
            )
            sheets = root / f"md-{lang}"
            quizcli("export", "markdown", str(sheets), "--lang", lang, home=root / "home")
            print(
                f"markdown --lang {lang}: {loose_lists(sheets)} lists right after a paragraph; "
                f"{rendered_lists(sheets)}"
            )


if __name__ == "__main__":
    main()
