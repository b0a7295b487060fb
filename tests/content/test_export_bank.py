"""The bundled banks export whole: every stored formula reads in its question's scope."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quizcli.bank import default_sources, load_bank
from quizcli.bank.model import TOPICS
from quizcli.cli import app


def test_every_bundled_question_exports_to_markdown(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "markdown", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.md")) == sorted(TOPICS)
    softmax = (tmp_path / "activations.md").read_text("utf-8")
    assert r"\delta_{i j}" in softmax


def test_every_list_and_code_block_in_the_bundled_sheets_opens_after_a_blank_line(
    tmp_path: Path,
) -> None:
    """Checked with a CommonMark parser: each list-looking line parses as a list item, and each
    list and fenced code block opens after a blank line, as pandoc and MkDocs need."""
    from markdown_it import MarkdownIt

    from tests.test_export import markdown_lists

    for lang in ("en", "zh"):
        result = CliRunner().invoke(
            app, ["export", "markdown", str(tmp_path / lang), "--lang", lang]
        )
        assert result.exit_code == 0, result.stderr
        for sheet in (tmp_path / lang).glob("*.md"):
            text = sheet.read_text("utf-8")
            looks, items, starts = markdown_lists(text)
            assert looks == items, sheet
            fences = [t.map[0] for t in MarkdownIt("commonmark").parse(text) if t.type == "fence"]
            lines = text.splitlines()
            assert [s for s in starts + fences if lines[s - 1] != ""] == [], sheet
            assert len(fences) == text.count("```") // 2, sheet


def english_texts(data: object) -> list[str]:
    """Every English text in a dumped question (any `en` of a bilingual text)."""
    if isinstance(data, dict):
        own = [data["en"]] if isinstance(data.get("en"), str) else []
        return own + [t for value in data.values() for t in english_texts(value)]
    if isinstance(data, list):
        return [t for item in data for t in english_texts(item)]
    return []


def test_every_bundled_card_is_html_in_one_language_with_its_options(tmp_path: Path) -> None:
    import re

    from tests.test_export import ANSWER, QUESTION, open_deck

    deck = tmp_path / "deck.apkg"
    result = CliRunner().invoke(app, ["export", "anki", str(deck), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    notes = open_deck(deck, tmp_path)
    bank = load_bank(default_sources(), use_cache=False)
    assert set(notes) == set(bank.ids())
    # Outside code (where `**` is Python's power), no Markdown is left.
    prose = {
        i: re.sub(r"<code[^>]*>.*?</code>", "", "".join(f), flags=re.S) for i, f in notes.items()
    }
    assert {i for i, text in prose.items() if "**" in text or "`" in text} == set()
    for question in bank.questions:  # English prose may quote Chinese, never the zh text
        chinese = re.findall(r"[\u4e00-\u9fff]{4,}", question.prompt.zh + question.explanation.zh)
        shown = "".join(notes[question.id])
        english = " ".join(english_texts(question.model_dump()))
        assert [c for c in chinese if c in shown and c not in english] == [], question.id
    for question in bank.questions:
        if question.type == "choice":
            front, back = notes[question.id][QUESTION], notes[question.id][ANSWER]
            assert front.count("<li>") >= len(question.answer.options), question.id
            assert back.startswith(f"<p><strong>{', '.join(question.answer.correct)}"), question.id
