"""Anki decks that read like a good shared deck, and Markdown sheets that render everywhere."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.bank import load_bank
from quizcli.cli import app
from quizcli.export.anki import MODEL_NAME, export_deck, stable_id
from quizcli.export.markdown import export_sheets
from tests.conftest import FIXTURES

BANK = load_bank([FIXTURES / "bank"], use_cache=False)
EXPORT = load_bank([FIXTURES / "export"], use_cache=False)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Field order of the quizcli note type.
ID, TOPIC, QUESTION, ANSWER, EXPLANATION, SOURCES = range(6)


def fake_latex(expression: str, symbols: list[str], setting: str | None) -> str:
    return f"LATEX[{expression}]"


def open_deck(apkg: Path, tmp_path: Path) -> dict[str, list[str]]:
    """The .apkg as Anki reads it: a zip holding a SQLite collection; fields by question id."""
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", tmp_path / apkg.stem)
    connection = sqlite3.connect(tmp_path / apkg.stem / "collection.anki2")
    try:
        rows = connection.execute("SELECT id, flds FROM notes").fetchall()
        cards = connection.execute("SELECT nid FROM cards").fetchall()
    finally:
        connection.close()
    assert sorted(nid for (nid,) in cards) == sorted(nid for nid, _ in rows)
    notes = [fields.split("\x1f") for _, fields in rows]
    return {fields[ID]: fields for fields in notes}


def collection_rows(apkg: Path, tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", tmp_path / apkg.stem)
    connection = sqlite3.connect(tmp_path / apkg.stem / "collection.anki2")
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_anki_cards_show_options_on_the_front_as_html_in_one_language(tmp_path: Path) -> None:
    path = tmp_path / "en.apkg"
    assert export_deck(EXPORT.questions, path, "en", fake_latex, deck="quizcli") == 2
    notes = open_deck(path, tmp_path)
    for fields in notes.values():
        shown = "".join(fields[QUESTION:])
        assert "**" not in shown and "`" not in shown, shown  # Markdown became HTML
        assert not CJK.search(shown), shown
    choice = notes["fx-export-choice"]
    assert "<li>A. <code>x.mean(dim=(2, 3))</code></li>" in choice[QUESTION]
    assert "<li>C. <code>x.amax(dim=(2, 3))</code></li>" in choice[QUESTION]
    assert choice[ANSWER].startswith("<p><strong>A, C</strong></p>")
    assert "<strong>A</strong> ✓ Right: it averages over <strong>both</strong>" in choice[ANSWER]
    assert r"leaving \(H_{out} \times W_{out}\)." in choice[ANSWER]  # MathJax, not emphasis
    concept = notes["fx-export-concept"]
    assert "<pre><code>price = &quot;$5&quot;\nprint(price * 2)\n</code></pre>" in concept[QUESTION]
    assert "<strong><code>$5$5</code></strong>" in concept[ANSWER]  # a dollar in code is no math
    assert "<li><code>str * int</code> repeats the string.</li>" in concept[ANSWER]
    assert concept[SOURCES] == "Sources: Python documentation, Sequence types"


def test_anki_in_chinese_is_chinese_on_both_sides_and_both_has_both(tmp_path: Path) -> None:
    export_deck(EXPORT.questions, tmp_path / "zh.apkg", "zh", fake_latex, deck="quizcli")
    choice = open_deck(tmp_path / "zh.apkg", tmp_path)["fx-export-choice"]
    assert "（对空间求均值）" in choice[QUESTION] and "Which calls" not in choice[QUESTION]
    assert "正确" in choice[ANSWER] and "Right" not in choice[ANSWER]
    assert choice[TOPIC] == "池化" and choice[SOURCES].startswith("出处：")
    export_deck(EXPORT.questions, tmp_path / "both.apkg", "both", fake_latex, deck="quizcli")
    choice = open_deck(tmp_path / "both.apkg", tmp_path)["fx-export-choice"]
    assert "Which calls" in choice[QUESTION] and "哪些调用" in choice[QUESTION]
    assert "Right: it averages" in choice[ANSWER] and "正确：" in choice[ANSWER]


def test_anki_formulas_are_mathjax(tmp_path: Path) -> None:
    export_deck(BANK.questions, tmp_path / "deck.apkg", "en", fake_latex, deck="quizcli")
    derivation = open_deck(tmp_path / "deck.apkg", tmp_path)["mini-derivation"]
    assert r"\(\sigma(x) = \frac{1}{1+e^{-x}}\)" in derivation[QUESTION]
    assert derivation[ANSWER] == r"<p>\(LATEX[sigmoid(x)*(1 - sigmoid(x))]\)</p>"


def test_the_package_is_deflated(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    export_deck(BANK.questions, path, "both", fake_latex, deck="quizcli")
    with zipfile.ZipFile(path) as archive:
        collection = archive.getinfo("collection.anki2")
    assert collection.compress_type == zipfile.ZIP_DEFLATED
    assert collection.compress_size < collection.file_size / 2


def test_two_exports_share_guids_note_type_and_decks(tmp_path: Path) -> None:
    """Anki matches notes by guid and note types by id (it renumbers notes and cards)."""
    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    export_deck(BANK.questions, first, "en", fake_latex, deck="quizcli")
    export_deck(BANK.questions, second, "zh", fake_latex, deck="quizcli")
    query = "SELECT guid, mid, flds FROM notes ORDER BY guid"
    one, two = collection_rows(first, tmp_path, query), collection_rows(second, tmp_path, query)
    assert [row[:2] for row in one] == [row[:2] for row in two]
    assert {row[1] for row in one} == {stable_id("quizcli-model", MODEL_NAME)}
    assert len({row[0] for row in one}) == len(BANK.questions)
    decks = "SELECT decks FROM col"
    assert collection_rows(first, tmp_path, decks) == collection_rows(second, tmp_path, decks)


def test_anki_imports_the_deck_with_its_own_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anki's collection library (not a dependency) imports the deck as a user's Anki would:
    options on the front, no raw Markdown, and a second import updates instead of adding."""
    anki = pytest.importorskip("anki.collection", reason="Anki's library is not installed")
    deck_en, deck_zh = tmp_path / "en.apkg", tmp_path / "zh.apkg"
    monkeypatch.setenv("QUIZCLI_NOW", "2026-03-01T09:00")
    export_deck(EXPORT.questions, deck_en, "en", fake_latex, deck="quizcli")
    monkeypatch.setenv("QUIZCLI_NOW", "2026-03-02T09:00")
    export_deck(EXPORT.questions, deck_zh, "zh", fake_latex, deck="quizcli")
    collection = anki.Collection(str(tmp_path / "collection.anki2"))
    try:

        def load(path: Path) -> object:
            request = anki.ImportAnkiPackageRequest(package_path=str(path))
            return collection.import_anki_package(request).log

        assert len(load(deck_en).new) == 2  # type: ignore[attr-defined]
        cards = {
            collection.get_card(cid).note()["Id"]: collection.get_card(cid)
            for cid in collection.find_cards("")
        }
        front = cards["fx-export-choice"].question()
        assert "A. <code>x.mean(dim=(2, 3))</code>" in front and "C. <code>x.amax" in front
        back = cards["fx-export-choice"].answer()
        assert "**" not in back and "`" not in back and not CJK.search(back)
        log = load(deck_zh)
        assert (len(log.new), len(log.updated)) == (0, 2)  # type: ignore[attr-defined]
        assert len(collection.find_notes("")) == 2
        note_types = [m.name for m in collection.models.all_names_and_ids()]
        assert note_types.count(MODEL_NAME) == 1
        note = collection.get_note(collection.find_notes("Id:fx-export-choice")[0])
        assert "哪些调用" in note["Question"]
    finally:
        collection.close()


def markdown_lists(text: str) -> tuple[set[int], set[int], list[int]]:
    """The lines that look like list items (outside code), the lines markdown-it parses as
    list items, and the first line of each list."""
    from markdown_it import MarkdownIt

    looks, fenced = set(), False
    for number, line in enumerate(text.splitlines()):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"\s*([-*+]|\d+[.)]) ", line):
            looks.add(number)
    tokens = MarkdownIt("commonmark").parse(text)
    items = {t.map[0] for t in tokens if t.type == "list_item_open" and t.map}
    starts = [t.map[0] for t in tokens if t.type.endswith("_list_open") and t.map]
    return looks, items, starts


@pytest.mark.parametrize("lang", ["en", "zh", "both"])
def test_markdown_lists_are_lists_with_a_blank_line_before(tmp_path: Path, lang: str) -> None:
    """CommonMark reads each list as a list; pandoc and MkDocs also need the blank line."""
    export_sheets([*BANK.questions, *EXPORT.questions], tmp_path, lang, fake_latex)
    for sheet in tmp_path.glob("*.md"):
        text = sheet.read_text("utf-8")
        looks, items, starts = markdown_lists(text)
        assert looks and looks == items, sheet.name
        lines = text.splitlines()
        assert all(lines[start - 1] == "" for start in starts), sheet.name


def test_markdown_in_chinese_has_chinese_labels_and_no_english(tmp_path: Path) -> None:
    export_sheets([*BANK.questions, *EXPORT.questions], tmp_path, "zh", fake_latex)
    pooling = (tmp_path / "pooling.md").read_text("utf-8")
    assert pooling.startswith("# 池化\n")
    assert "*选择题 · 进阶*" in pooling and "*计算题 · 基础*" in pooling
    assert "**答案**" in pooling and "**解析**" in pooling and "*出处：PyTorch docs" in pooling
    assert "4 像素 (± 0.5)" in pooling
    assert "- **A** ✓ 正确：对**两个**空间轴求均值。" in pooling
    for english in ("Answer", "Explanation", "Sources", "Choice", "medium", "Which layers"):
        assert english not in pooling


def test_markdown_in_both_languages_labels_both(tmp_path: Path) -> None:
    export_sheets(EXPORT.questions, tmp_path, "both", fake_latex)
    pooling = (tmp_path / "pooling.md").read_text("utf-8")
    assert "*Choice / 选择题 · medium / 进阶*" in pooling and "**Answer / 答案**" in pooling
    assert "What does this print, and why?\n\n```" in pooling  # a fence is its own block
    assert "这段代码输出什么？为什么？\n\n```" in pooling


def test_markdown_writes_one_sheet_per_topic_with_each_option_and_reason(
    tmp_path: Path,
) -> None:
    written = export_sheets(BANK.questions, tmp_path / "out", "en", fake_latex)
    assert sorted(p.name for p in written) == ["activations.md", "pooling.md"]
    pooling = (tmp_path / "out" / "pooling.md").read_text("utf-8")
    assert "## 1. mini-choice\n\n*Choice · medium*\n\nWhich layers" in pooling
    assert "- A. Max pooling\n- B. Convolution\n- C. Average pooling\n" in pooling
    assert "**A, C**\n\n- **A** ✓ It takes the largest value" in pooling
    assert "- **B** ✗ Its kernel weights are learned." in pooling
    activations = (tmp_path / "out" / "activations.md").read_text("utf-8")
    assert "$LATEX[sigmoid(x)*(1 - sigmoid(x))]$" in activations


def test_export_follows_quizcli_language_unless_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    runner = CliRunner()
    out = tmp_path / "md"
    result = runner.invoke(app, ["--lang", "zh", "export", "markdown", str(out)])
    assert result.exit_code == 0, result.output
    pooling = (out / "pooling.md").read_text("utf-8")
    assert "哪些层没有可学习参数" in pooling and "Which layers" not in pooling
    args = ["--lang", "zh", "export", "anki", str(tmp_path / "deck.apkg"), "--lang", "both"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "已写入 4 张卡片" in result.stdout  # quizcli speaks Chinese; the cards hold both
    choice = open_deck(tmp_path / "deck.apkg", tmp_path)["mini-choice"]
    assert "Which layers" in choice[QUESTION] and "哪些层" in choice[QUESTION]


def test_export_commands_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    runner = CliRunner()
    result = runner.invoke(app, ["export", "anki", str(tmp_path / "deck.apkg"), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "wrote 4 notes" in result.stdout
    fields = open_deck(tmp_path / "deck.apkg", tmp_path)
    assert (
        r"\(\left(1 - \sigma\left(x\right)\right) \sigma\left(x\right)\)"
        in fields["mini-derivation"][ANSWER]
    )
    result = runner.invoke(app, ["export", "markdown", str(tmp_path / "md"), "--topic", "pooling"])
    assert result.exit_code == 0
    assert [p.name for p in (tmp_path / "md").iterdir()] == ["pooling.md"]
    result = runner.invoke(app, ["export", "markdown", str(tmp_path / "md"), "--topic", "nope"])
    assert result.exit_code == 2 and "--topic 'nope' matches no question" in result.stderr


def test_formulas_are_read_with_the_question_own_symbols(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`H` is a symbol here, not the step function, as `quizcli lint` reads it."""
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    shadow = str(FIXTURES / "shadow" / "pool.yaml")
    out = tmp_path / "md"
    result = CliRunner().invoke(app, ["--bank", shadow, "export", "markdown", str(out)])
    assert result.exit_code == 0, result.stderr
    sheet = (out / "pooling.md").read_text("utf-8")
    assert r"$\left\lfloor{\frac{H - k}{s}}\right\rfloor + 1$" in sheet


def test_an_unwritable_target_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    taken = tmp_path / "taken"
    taken.write_text("not a directory")
    runner = CliRunner()
    result = runner.invoke(app, ["export", "markdown", str(taken)])
    assert result.exit_code == 1
    assert result.stderr == f"quizcli: cannot write {taken}: File exists; choose another path\n"
    deck = tmp_path / "missing" / "deck.apkg"
    result = runner.invoke(app, ["export", "anki", str(deck)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"quizcli: cannot write {deck}: No such file or directory")
