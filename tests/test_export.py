"""Anki decks with stable note ids, and Markdown cheat sheets per topic."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.bank import load_bank
from quizcli.cli import app
from quizcli.export.anki import export_deck, stable_id
from quizcli.export.markdown import export_sheets
from tests.conftest import FIXTURES

BANK = load_bank([FIXTURES / "bank"], use_cache=False)


def fake_latex(expression: str, symbols: list[str], setting: str | None) -> str:
    return f"LATEX[{expression}]"


def read_notes(apkg: Path, tmp_path: Path) -> list[tuple[int, str, list[str], str]]:
    with zipfile.ZipFile(apkg) as archive:
        archive.extract("collection.anki2", tmp_path / apkg.stem)
    connection = sqlite3.connect(tmp_path / apkg.stem / "collection.anki2")
    try:
        rows = connection.execute("SELECT id, guid, flds, tags FROM notes ORDER BY id").fetchall()
        cards = connection.execute("SELECT nid FROM cards").fetchall()
    finally:
        connection.close()
    assert sorted(nid for (nid,) in cards) == sorted(row[0] for row in rows)
    return [(nid, guid, fields.split("\x1f"), tags) for nid, guid, fields, tags in rows]


def test_two_exports_have_the_same_note_ids_one_note_per_question(tmp_path: Path) -> None:
    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    assert export_deck(BANK.questions, first, "both", fake_latex, deck="quizcli") == 4
    export_deck(BANK.questions, second, "both", fake_latex, deck="quizcli")
    notes_one, notes_two = read_notes(first, tmp_path), read_notes(second, tmp_path)
    assert [(n[0], n[1]) for n in notes_one] == [(n[0], n[1]) for n in notes_two]
    by_id = {fields[0]: (nid, fields, tags) for nid, _, fields, tags in notes_one}
    assert set(by_id) == set(BANK.ids())
    nid, fields, tags = by_id["mini-derivation"]
    assert nid == stable_id("mini-derivation")
    assert r"\(\sigma(x) = \frac{1}{1+e^{-x}}\)" in fields[2]
    assert "求" in fields[2] and "LATEX[sigmoid(x)*(1 - sigmoid(x))]" in fields[3]
    assert set(tags.split()) >= {"quizcli", "activations", "derivation", "sigmoid"}


def test_anki_fields_escape_html_and_mark_the_right_options(tmp_path: Path) -> None:
    path = tmp_path / "en.apkg"
    export_deck(BANK.questions, path, "en", fake_latex, deck="quizcli")
    fields = {f[0]: f for _, _, f, _ in read_notes(path, tmp_path)}
    choice = fields["mini-choice"][3]
    assert "**A. Max pooling** ✓" in choice and "- B. Convolution<br>" in choice
    assert "最大池化" not in choice


def test_markdown_writes_one_sheet_per_topic(tmp_path: Path) -> None:
    written = export_sheets(BANK.questions, tmp_path / "out", "zh", fake_latex)
    assert sorted(p.name for p in written) == ["activations.md", "pooling.md"]
    pooling = (tmp_path / "out" / "pooling.md").read_text("utf-8")
    assert pooling.startswith("# 池化\n")
    assert "## 2. mini-numeric" in pooling and "4 像素 (± 0.5)" in pooling
    activations = (tmp_path / "out" / "activations.md").read_text("utf-8")
    assert "$LATEX[sigmoid(x)*(1 - sigmoid(x))]$" in activations


def test_export_commands_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    runner = CliRunner()
    result = runner.invoke(app, ["export", "anki", str(tmp_path / "deck.apkg"), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "wrote 4 notes" in result.stdout
    fields = {f[0]: f for _, _, f, _ in read_notes(tmp_path / "deck.apkg", tmp_path)}
    assert (
        r"\(\left(1 - \sigma\left(x\right)\right) \sigma\left(x\right)\)"
        in fields["mini-derivation"][3]
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
