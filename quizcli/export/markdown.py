"""Markdown export: one cheat sheet per topic, for printing or a static site.

Every block is separated by a blank line, lists included: CommonMark lets a list
follow a paragraph directly, but pandoc and MkDocs (Python-Markdown) then read the
list as part of the paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from quizcli.bank.model import AnyQuestion
from quizcli.export import (
    Formula,
    answer_blocks,
    colon,
    front_blocks,
    kind_line,
    label,
    prose,
    topic_title,
)
from quizcli.kinds.base import pick


def export_sheets(
    questions: Iterable[AnyQuestion], directory: Path, lang: str, formula: Formula
) -> list[Path]:
    """Write `<topic>.md` for each topic present, and each figure as an SVG beside it;
    returns the files written."""
    by_topic: dict[str, list[AnyQuestion]] = {}
    for question in questions:
        by_topic.setdefault(question.topic, []).append(question)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for topic, items in by_topic.items():
        path = sheet_path(directory, topic)
        path.write_text(sheet(topic, items, lang, formula), encoding="utf-8")
        written.append(path)
        written.extend(_figures(items, directory, lang))
    return written


def figure_file(question: AnyQuestion) -> str:
    """The name of a question's figure image beside the sheet that links it."""
    return f"{question.id}.svg"


def _figures(questions: list[AnyQuestion], directory: Path, lang: str) -> list[Path]:
    from quizcli.figure import svg

    written = []
    for question in questions:
        if question.figure is not None:
            path = directory / figure_file(question)
            path.write_text(svg(question.figure, lang), encoding="utf-8")
            written.append(path)
    return written


def sheet_path(directory: Path, topic: str) -> Path:
    return directory / f"{topic}.md"


def sheet(topic: str, questions: list[AnyQuestion], lang: str, formula: Formula) -> str:
    """The sheet's text: a heading, then each question with its answer, blocks apart."""
    blocks = [f"# {topic_title(topic, lang)}"]
    for number, question in enumerate(questions, start=1):
        blocks += [f"## {number}. {question.id}", f"*{kind_line(question, lang)}*"]
        blocks += front_blocks(question, lang)
        if question.figure is not None:
            title = pick(question.figure.title, lang)
            blocks.append(f"![{title}]({figure_file(question)})")
        blocks += [f"**{label('answer', lang)}**", *answer_blocks(question, lang, formula)]
        blocks += [f"**{label('explanation', lang)}**", prose(question.explanation, lang)]
        sources = "; ".join(question.sources)
        blocks.append(f"*{label('sources', lang)}{colon(lang)}{sources}*")
    return "\n\n".join(blocks) + "\n"
