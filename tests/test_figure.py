"""A question's `figure:`: validated, drawn in the terminal, exported as SVG beside Markdown and
into Anki's media."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from quizcli.bank import load_bank
from quizcli.bank.model import Figure, Series
from quizcli.cli import app
from quizcli.export.anki import export_deck
from quizcli.export.markdown import export_sheets
from quizcli.figure import sampled, svg
from tests.conftest import FIXTURES

FIGURES = FIXTURES / "figure"
BANK = load_bank([FIGURES], use_cache=False)
SVG = "{http://www.w3.org/2000/svg}"


def figure_of(question_id: str) -> Figure:
    question = BANK.get(question_id)
    assert question is not None and question.figure is not None
    return question.figure


def no_latex(expression: str, symbols: list[str], setting: str | None) -> str:
    return expression


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ({"curve": "relu", "points": [[0, 0], [1, 1]]}, "either points or a curve"),
        ({"name": {"en": "a", "zh": "甲"}}, "either points or a curve"),
        ({"points": [[0, 0], [1, 1]]}, "needs a name"),
        ({"name": {"en": "a", "zh": "甲"}, "points": [[1, 0], [0, 1]]}, "must increase"),
        ({"curve": "rleu"}, "did you mean 'relu'"),
        ({"curve": "relu", "range": [2, 1]}, "is empty"),
    ],
)
def test_a_series_that_cannot_be_drawn_is_a_schema_error(series: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Series.model_validate(series)


def test_points_are_joined_by_straight_lines_and_curves_sampled_only_on_their_range() -> None:
    xs, series = sampled(figure_of("fx-figure-loss"), "en")
    assert [s.name for s in series] == ["train", "validation"]
    assert series[0].ys[0] == 2.0 and series[1].ys[-1] == 1.4
    middle = xs.index(0.5)
    assert series[0].ys[middle] == pytest.approx(1.6)
    xs, (sigmoid, derivative) = sampled(figure_of("fx-figure-curve"), "zh")
    assert (xs[0], xs[-1]) == (-4.0, 4.0) and derivative.name == "sigmoid′"
    assert derivative.ys[xs.index(0.0)] == pytest.approx(0.25)
    assert derivative.ys[0] != derivative.ys[0]  # NaN: x = -4 is outside [-2, 2]
    assert sigmoid.ys[0] == pytest.approx(1 / (1 + 2.718281828459045**4))


def test_svg_has_a_polyline_per_series_with_title_labels_and_legend() -> None:
    root = ElementTree.fromstring(svg(figure_of("fx-figure-loss"), "zh"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"每轮损失", "轮次", "损失", "训练", "验证"} <= set(texts)
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 2
    first = [tuple(map(float, p.split(","))) for p in lines[0].get("points", "").split()]
    assert first[0][1] < first[-1][1]  # the loss falls, and SVG y grows downwards


def test_show_draws_the_figure_under_the_question(tmp_path: Path) -> None:
    args = ["--lang", "zh", "--bank", str(FIGURES), "show", "fx-figure-loss"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "每轮损失" in result.stdout and "训练" in result.stdout and "轮次" in result.stdout
    assert "⠀" in result.stdout or "•" in result.stdout  # something was plotted
    data = json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout)
    assert data["figure"]["series"][1]["name"]["en"] == "validation"


def test_markdown_links_an_svg_written_beside_the_sheet(tmp_path: Path) -> None:
    written = export_sheets(BANK.questions, tmp_path, "en", no_latex)
    assert {p.name for p in written} >= {"fx-figure-loss.svg", "fx-figure-curve.svg"}
    sheet = (tmp_path / "optimization.md").read_text("utf-8")
    assert "![Loss per epoch](fx-figure-loss.svg)" in sheet
    ElementTree.parse(tmp_path / "fx-figure-loss.svg")  # well-formed


def test_anki_deck_carries_the_svg_as_media_shown_on_the_front(tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    export_deck(BANK.questions, deck, "en", no_latex, deck="quizcli")
    with zipfile.ZipFile(deck) as archive:
        media = json.loads(archive.read("media"))
        names = ["quizcli-fx-figure-curve.svg", "quizcli-fx-figure-loss.svg"]
        assert sorted(media.values()) == names
        number = next(k for k, v in media.items() if v == "quizcli-fx-figure-loss.svg")
        ElementTree.fromstring(archive.read(number))
        archive.extract("collection.anki2", tmp_path)
    import sqlite3

    connection = sqlite3.connect(tmp_path / "collection.anki2")
    fields = [row[0] for row in connection.execute("SELECT flds FROM notes")]
    connection.close()
    assert any('<img src="quizcli-fx-figure-loss.svg">' in f.split("\x1f")[2] for f in fields)


def test_code_in_a_prompt_keeps_its_indentation_on_screen_and_in_anki(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--bank", str(FIGURES), "show", "fx-code-bug"])
    assert result.exit_code == 0, result.output
    assert "2      return x * (np.random.rand(*x.shape) >= p)" in result.stdout
    assert "```" not in result.stdout
    deck = tmp_path / "deck.apkg"
    export_deck([q for q in BANK.questions if q.id == "fx-code-bug"], deck, "en", no_latex, "q")
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    import sqlite3

    connection = sqlite3.connect(tmp_path / "collection.anki2")
    (fields,) = connection.execute("SELECT flds FROM notes").fetchone()
    connection.close()
    front = fields.split("\x1f")[2]
    assert (
        "<pre><code>1  def dropout(x, p):\n2      return x * (np.random.rand(*x.shape) &gt;= p)"
        in front
    )


def test_list_json_says_which_questions_have_a_figure() -> None:
    result = CliRunner().invoke(app, ["--bank", str(FIGURES), "list", "--json"])
    assert result.exit_code == 0, result.output
    shown = {row["id"]: row["figure"] for row in json.loads(result.stdout)}
    assert {k: v for k, v in shown.items() if k.startswith("fx-")} == {
        "fx-figure-loss": True,
        "fx-figure-curve": True,
        "fx-code-bug": False,
    }


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [(0.6, 9.1, [2, 4, 6, 8]), (-4, 4, [-4, -2, 0, 2, 4]), (2, 3, [2, 2.5, 3])],
)
def test_an_axis_gets_at_least_three_round_ticks(
    low: float, high: float, ticks: list[float]
) -> None:
    from quizcli.figure import nice_ticks

    assert nice_ticks(low, high) == pytest.approx(ticks)
