"""Markdown export: one cheat sheet per topic, for printing or a static site."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from quizcli.bank.model import AnyQuestion
from quizcli.export import Formula, answer_parts, front_parts, pick
from quizcli.messages import has, say


def export_sheets(
    questions: Iterable[AnyQuestion], directory: Path, lang: str, formula: Formula
) -> list[Path]:
    """Write `<topic>.md` for each topic present; returns the files written."""
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
    title = _label(f"sheet.{topic}", lang)
    lines = [f"# {title}", ""]
    for number, question in enumerate(questions, start=1):
        level = _label(f"level.{question.difficulty}", lang)
        kind = _label(f"type.{question.type}", lang)
        lines += [f"## {number}. {question.id}", "", f"*{kind} · {level}*", ""]
        lines += ["\n\n".join(front_parts(question, lang)), ""]
        if question.figure is not None:
            title = pick(question.figure.title, lang, " / ")
            lines += [f"![{title}]({figure_file(question)})", ""]
        lines += [f"**{_label('browse.answer', lang)}**", ""]
        lines += [*answer_parts(question, lang, formula), ""]
        lines += [f"**{_label('browse.explanation', lang)}**", ""]
        lines += [pick(question.explanation, lang, "\n\n"), ""]
        sources = "; ".join(question.sources)
        lines += [f"*{_label('browse.sources', lang)}: {sources}*", ""]
    return "\n".join(lines)


def _label(key: str, lang: str) -> str:
    """A catalogue label in the sheet's language; both, `English / 中文`, for `--lang both`.
    A name the catalogue does not know (a kind or topic from outside quizcli) stays as written.
    """
    if not has(key):
        return key.partition(".")[2]
    if lang in ("en", "zh"):
        return say(key, lang)
    return f"{say(key, 'en')} / {say(key, 'zh')}"
