"""Anki export: one note per question, matched on re-import by a guid from its question id.

Anki keys an imported note by its guid: a newer export of the same question updates
the note and keeps its review history. The guid, the note type's id and the decks'
ids come from names, so they are the same in every export; note and card ids are
left to genanki, since Anki gives every imported note and card its own id anyway.
"""

from __future__ import annotations

import hashlib
import html
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quizcli import env
from quizcli.bank.model import AnyQuestion
from quizcli.export import (
    Formula,
    answer_blocks,
    colon,
    front_blocks,
    label,
    prose,
    topic_title,
)
from quizcli.export.html import to_html

MODEL_NAME = "quizcli question v1"
FIELDS = ["Id", "Topic", "Question", "Answer", "Explanation", "Sources"]
FRONT = '<div class="meta">{{Topic}} · {{Id}}</div>\n<div class="question">{{Question}}</div>'
BACK = (
    "{{FrontSide}}\n"
    '<hr id="answer">\n'
    '<div class="answer">{{Answer}}</div>\n'
    '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}\n'
    '<div class="meta">{{Sources}}</div>'
)
CSS = """\
.card { font-family: sans-serif; font-size: 18px; text-align: left; line-height: 1.5;
        max-width: 40em; margin: 0 auto; }
.meta { color: #888; font-size: 12px; }
.explanation { margin-top: 1em; padding-top: .5em; border-top: 1px dashed #ccc; }
pre { background: rgba(127, 127, 127, .12); padding: .5em; overflow-x: auto; font-size: 15px; }
code { font-size: 90%; }
img { max-width: 100%; }
ul { padding-left: 1.4em; }
"""


def stable_id(*parts: str) -> int:
    """A positive id below 2**53 (Anki ids are JavaScript-safe integers) from text."""
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return 1 + int.from_bytes(digest[:8], "big") % (2**53 - 1)


def export_deck(
    questions: Iterable[AnyQuestion], path: Path, lang: str, formula: Formula, deck: str
) -> int:
    """Write a compressed .apkg with one note per question, a subdeck per topic; returns
    the count. `lang` is `en`, `zh` or `both` (each text in English, then Chinese)."""
    import genanki

    model = genanki.Model(
        stable_id("quizcli-model", MODEL_NAME),
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card 1", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )
    decks: dict[str, Any] = {}
    count = 0
    with tempfile.TemporaryDirectory(prefix="quizcli-anki-") as scratch:
        media = []
        for question in questions:
            name = f"{deck}::{question.topic}"
            if name not in decks:
                decks[name] = genanki.Deck(stable_id("quizcli-deck", name), name)
            fields = card_fields(question, lang, formula)
            if question.figure is not None:
                media.append(_write_figure(question, Path(scratch), lang))
                fields[2] += f'\n<img src="{media[-1].name}">'
            tags = ["quizcli", question.topic, question.type, *question.tags]
            guid = genanki.guid_for(question.id)
            decks[name].add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=guid))
            count += 1
        package = genanki.Package(list(decks.values()), media_files=[str(m) for m in media])
        stored = Path(scratch) / "stored.apkg"
        # The notes' modification time: a later export updates the notes it changed.
        package.write_to_file(str(stored), timestamp=env.now().timestamp())
        _compress(stored, path)
    return count


def card_fields(question: AnyQuestion, lang: str, formula: Formula) -> list[str]:
    """The note's fields as HTML: the front's prompt and options, the back's answer."""
    sources = "; ".join(question.sources)
    return [
        question.id,
        html.escape(topic_title(question.topic, lang)),
        to_html("\n\n".join(front_blocks(question, lang))),
        to_html("\n\n".join(answer_blocks(question, lang, formula))),
        to_html(prose(question.explanation, lang)),
        html.escape(f"{label('sources', lang)}{colon(lang)}{sources}"),
    ]


def _compress(stored: Path, path: Path) -> None:
    """genanki stores its zip uncompressed; Anki reads a deflated one, a third the size."""
    with (
        zipfile.ZipFile(stored) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))


def _write_figure(question: AnyQuestion, directory: Path, lang: str) -> Path:
    """The figure as an SVG media file; the `quizcli-` prefix keeps clear of the user's media."""
    from quizcli.figure import svg

    assert question.figure is not None
    path = directory / f"quizcli-{question.id}.svg"
    path.write_text(svg(question.figure, lang), encoding="utf-8")
    return path
