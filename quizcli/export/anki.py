"""Anki export: one note per question, ids derived from question ids.

Anki matches notes on import by guid; the note and card ids are derived from
the question id too, so exporting twice gives the same ids and re-importing
updates notes instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quizcli.bank.model import AnyQuestion
from quizcli.export import Formula, answer_parts, front_parts, pick, with_math

MODEL_NAME = "quizcli question v1"
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; }\n.meta { color: #888; font-size: 12px; }"  # noqa: E501
FRONT = '<div class="meta">{{Topic}} · {{Id}}</div>\n{{Question}}'
BACK = '{{FrontSide}}\n<hr id="answer">\n{{Answer}}\n<hr>\n{{Explanation}}\n<div class="meta">{{Sources}}</div>'  # noqa: E501
FIELDS = ["Id", "Topic", "Question", "Answer", "Explanation", "Sources"]


def stable_id(*parts: str) -> int:
    """A positive id below 2**53 (Anki ids are JavaScript-safe integers) from text."""
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return 1 + int.from_bytes(digest[:8], "big") % (2**53 - 1)


def export_deck(
    questions: Iterable[AnyQuestion], path: Path, lang: str, formula: Formula, deck: str
) -> int:
    """Write an .apkg with one note per question, in a subdeck per topic; returns the count."""
    import genanki

    class QuestionNote(genanki.Note):  # type: ignore[misc]
        """A note whose note and card ids come from its question id, not from the clock."""

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            question_id = self.fields[0]
            fixed = iter([stable_id(question_id), stable_id(question_id, "card")])
            super().write_to_db(cursor, timestamp, deck_id, itertools.chain(fixed, id_gen))

    model = genanki.Model(
        stable_id("quizcli-model", MODEL_NAME),
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card 1", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    decks: dict[str, Any] = {}
    count = 0
    with tempfile.TemporaryDirectory(prefix="quizcli-media-") as media_dir:
        media = []
        for question in questions:
            name = f"{deck}::{question.topic}"
            if name not in decks:
                decks[name] = genanki.Deck(stable_id("quizcli-deck", name), name)
            fields = _fields(question, lang, formula)
            if question.figure is not None:
                media.append(_write_figure(question, Path(media_dir), lang))
                fields[2] += f'<br><img src="{media[-1].name}">'
            tags = ["quizcli", question.topic, question.type, *question.tags]
            guid = genanki.guid_for(question.id)
            decks[name].add_note(QuestionNote(model=model, fields=fields, tags=tags, guid=guid))
            count += 1
        package = genanki.Package(list(decks.values()), media_files=[str(m) for m in media])
        package.write_to_file(str(path))
    return count


def _write_figure(question: AnyQuestion, directory: Path, lang: str) -> Path:
    """The figure as an SVG media file; the `quizcli-` prefix keeps clear of the user's media."""
    from quizcli.figure import svg

    assert question.figure is not None
    path = directory / f"quizcli-{question.id}.svg"
    path.write_text(svg(question.figure, lang), encoding="utf-8")
    return path


def _fields(question: AnyQuestion, lang: str, formula: Formula) -> list[str]:
    return [
        question.id,
        question.topic,
        _html("\n\n".join(front_parts(question, lang))),
        _html("\n".join(answer_parts(question, lang, formula))),
        _html(pick(question.explanation, lang, "\n\n")),
        html.escape("; ".join(question.sources)),
    ]


def _html(text: str) -> str:
    """Escape for Anki's HTML fields and turn `$...$` into MathJax's `\\(...\\)`; a fenced
    code block (a code question's stub or solution) becomes a <pre> block, kept as written."""
    parts = text.split("```")
    return "".join(_code(part) if index % 2 else _prose(part) for index, part in enumerate(parts))


def _prose(text: str) -> str:
    return with_math(html.escape(text, quote=False), r"\(", r"\)").replace("\n", "<br>")


def _code(block: str) -> str:
    body = block.split("\n", 1)[1].lstrip("\n") if "\n" in block else block
    return f"<pre><code>{html.escape(body.rstrip(), quote=False)}</code></pre>"
