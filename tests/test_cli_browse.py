"""`quizcli list`, `show`, `search`, `lint` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.bank import load_bank
from quizcli.cli import app
from quizcli.textfmt import width
from tests.conftest import FIXTURES

runner = CliRunner()


@pytest.fixture(autouse=True)
def fixture_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Engine tests see the small fixture bank as if it were bundled."""
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")


def invoke(*args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr; formulas' no-break spaces read as spaces."""
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout.replace("\xa0", " "), result.stderr


def test_list_suggests_the_type_meant() -> None:
    code, out, err = invoke("list", "--type", "choise")
    assert (code, out) == (2, "")
    assert "quizcli: --type 'choise' is not a question type; did you mean 'choice'?" in err


def test_list_json_has_the_stable_fields() -> None:
    code, out, _ = invoke("list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [
        "mini-concept",
        "mini-choice",
        "mini-numeric",
        "mini-derivation",
    ]
    assert set(rows[0]) >= {"id", "topic", "type", "difficulty", "tags", "prompt"}
    assert rows[1]["prompt"]["zh"] == "哪些层没有可学习参数？"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--topic", "pooling"], ["mini-choice", "mini-numeric"]),
        (["--type", "derivation"], ["mini-derivation"]),
        (["--tag", "max-pooling"], ["mini-choice"]),
        (["--difficulty", "2"], ["mini-choice"]),
        (["--topic", "pooling", "--difficulty", "1"], ["mini-numeric"]),
    ],
)
def test_list_filters(options: list[str], expected: list[str]) -> None:
    code, out, _ = invoke("list", *options, "--json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == expected


def test_list_table_groups_by_topic() -> None:
    code, out, _ = invoke("list")
    assert code == 0
    assert out.index("activations") < out.index("mini-concept") < out.index("pooling")
    assert out.index("pooling") < out.index("mini-choice")


def test_show_renders_latex_as_unicode_and_hides_the_answer() -> None:
    code, out, _ = invoke("show", "mini-derivation")
    assert code == 0
    assert "σ(x) = 1/(1+e⁻ˣ)" in out
    assert "\\frac" not in out
    assert "Why" not in out


def test_show_answer_in_chinese() -> None:
    code, out, _ = invoke("--lang", "zh", "show", "mini-choice", "--answer")
    assert code == 0
    assert "✓ A. 最大池化" in out and "✓ C. 平均池化" in out
    assert "  B. 卷积" in out
    assert "解析" in out


def test_show_json_is_the_whole_question() -> None:
    code, out, _ = invoke("show", "mini-numeric", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["answer"] == {
        "value": 4.0,
        "tolerance": 0.5,
        "unit": {"en": "pixels", "zh": "像素"},
    }
    assert data["sources"] == ["PyTorch docs, MaxPool2d"]


def test_unknown_id_suggests_the_closest() -> None:
    code, _, err = invoke("show", "mini-numerc")
    assert code == 1
    assert err.strip() == "quizcli: no question 'mini-numerc'; did you mean 'mini-numeric'?"


def test_chinese_wraps_without_gaps() -> None:
    code, out, _ = invoke("--lang", "zh", "show", "mini-concept")
    assert code == 0
    body = [line.strip("│ ") for line in out.splitlines() if line.startswith("│")]
    first, second = body[0], body[1]
    assert first.startswith("为什么多个线性层") and second
    assert len(first) >= 30  # a full line of Chinese, not one cut short at a space


def test_search_finds_both_languages_best_first() -> None:
    code, out, _ = invoke("search", "pooling", "--json")
    assert code == 0
    ids = [r["id"] for r in json.loads(out)]
    assert ids[0] == "mini-choice" and set(ids) == {"mini-choice", "mini-numeric"}
    code, out, _ = invoke("search", "池化", "--json")
    assert [r["id"] for r in json.loads(out)][:2] == ["mini-choice", "mini-numeric"]


def test_user_banks_and_bank_option(tmp_path: Path, quizcli_home: Path) -> None:
    extra = tmp_path / "extra.yaml"
    text = (FIXTURES / "bad" / "duplicate_id.yaml").read_text("utf-8")
    extra.write_text(
        text.replace(
            "id: twice\n    topic: pooling\n    type: numeric\n    difficulty: 2",
            "id: thrice\n    topic: pooling\n    type: numeric\n    difficulty: 2",
        )
    )
    code, out, _ = invoke("--bank", str(extra), "list", "--json")
    assert code == 0 and {"twice", "thrice"} <= {r["id"] for r in json.loads(out)}
    (quizcli_home / "banks").mkdir(parents=True)
    (quizcli_home / "banks" / "mine.yaml").write_text(extra.read_text("utf-8"))
    code, out, _ = invoke("list", "--topic", "pooling", "--json")
    assert code == 0 and len(json.loads(out)) == 4


def test_user_bank_clashing_with_bundled_is_skipped_and_lint_names_both_files(
    quizcli_home: Path,
) -> None:
    (quizcli_home / "banks").mkdir(parents=True)
    (quizcli_home / "banks" / "copy.yaml").write_text((FIXTURES / "bank" / "mini.yaml").read_text())
    code, out, err = invoke("list", "--json")
    assert code == 0 and len(json.loads(out)) == 4
    (warning,) = err.strip().splitlines()
    assert warning.startswith("quizcli: warning: skipped the bank ")
    assert "copy.yaml: 4 problem(s)" in warning and "quizcli lint " in warning
    code, out, err = invoke("lint")
    assert code == 1
    lines = out.strip().splitlines()
    assert "copy.yaml:3:5: mini-concept: id: duplicate id; also defined at" in lines[0]
    assert "fixtures/bank/mini.yaml:3" in lines[0]
    assert "Traceback" not in out + err


@pytest.mark.parametrize("name", sorted(p.stem for p in (FIXTURES / "bad").glob("*.yaml")))
def test_lint_exits_1_with_file_and_line(name: str) -> None:
    path = FIXTURES / "bad" / f"{name}.yaml"
    code, out, err = invoke("lint", str(path))
    assert code == 1
    assert f"{name}.yaml:" in out and "Traceback" not in out + err
    assert "1 problem(s) in 1 file(s)" in err


def test_lint_clean_bank_exits_0_and_counts() -> None:
    code, out, err = invoke("lint", str(FIXTURES / "bank"), "--stats")
    assert code == 0
    assert "concept" in out and "derivation" in out and "language" in out
    assert "ok: 4 questions in 1 file(s)" in err
    code, out, _ = invoke("lint", str(FIXTURES / "bank"), "--json")
    report = json.loads(out)
    assert report["problems"] == []
    assert report["stats"]["type"] == {"concept": 1, "choice": 1, "numeric": 1, "derivation": 1}
    assert report["stats"]["language"] == {"en": 4, "zh": 4}


def test_lint_json_lists_problems() -> None:
    code, out, _ = invoke("lint", str(FIXTURES / "bad" / "missing_zh.yaml"), "--json")
    assert code == 1
    (problem,) = json.loads(out)["problems"]
    assert problem.endswith(
        "missing_zh.yaml:8:5: no-chinese: prompt.zh: is missing; add it (see questions/README.md)"
    )


def test_internal_error_is_one_line_and_logged(
    monkeypatch: pytest.MonkeyPatch, quizcli_home: Path
) -> None:
    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("quizcli.bank.search.search", boom)
    code, _, err = invoke("search", "x")
    assert code == 70
    log = quizcli_home / "logs" / "errors.log"
    assert err.strip() == f"quizcli: internal error: RuntimeError: disk on fire; details in {log}"
    assert "Traceback" in log.read_text("utf-8")


def test_version_and_module_entry_point() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.startswith("quizcli ")
    done = subprocess.run(
        [sys.executable, "-m", "quizcli", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout == out


def test_help_keeps_bracketed_text() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    assert "[default: QUIZCLI_LANG," in out


def test_ascii_option_spells_out_symbols_and_boxes() -> None:
    code, out, _ = invoke("--ascii", "show", "mini-derivation", "--answer")
    assert code == 0
    assert "Differentiate sigma(x) = 1/(1+e^(-x))." in out
    assert out.isascii()
    code, out, _ = invoke("--ascii", "--lang", "zh", "show", "mini-choice", "--answer")
    assert code == 0 and "v A. 最大池化" in out
    assert all(c.isascii() or "\u4e00" <= c <= "\u9fff" or c in "？。，：" for c in out)
    code, out, _ = invoke("show", "mini-derivation")
    assert "σ(x)" in out  # the option lasts one invocation


def test_ascii_show_spells_out_the_section_sign_in_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "list")
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = invoke("--ascii", "show", "fx-short", "--answer")
    assert code == 0 and out.isascii(), out
    assert "Deep Learning, sec. 9.3" in " ".join(out.replace("|", " ").split())


def test_a_malformed_pinned_clock_is_named_with_its_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZCLI_NOW", "tomorrow")
    code, _, err = invoke("stats")
    assert code == 2
    assert err == (
        "quizcli: QUIZCLI_NOW is 'tomorrow', not an ISO 8601 time such as"
        " 2025-03-01T09:00; fix or unset it\n"
    )


def test_show_answer_pretty_prints_the_reference_as_stated_in_its_own_names() -> None:
    """The bank's order (σ(x)·(1 − σ(x)), not sympy's (1 - σ(x))⋅σ(x)); H is a height."""
    code, out, _ = invoke("show", "mini-derivation", "--answer")
    assert code == 0 and "σ(x)·(1 − σ(x))" in out
    code, out, _ = invoke(
        "--bank", str(FIXTURES / "shadow"), "show", "pool-output-size", "--answer"
    )
    assert code == 0
    assert "⌊(H − k)/s⌋ + 1" in out
    code, out, _ = invoke("--ascii", "show", "mini-derivation", "--answer")
    assert code == 0 and "sigmoid(x)*(1 - sigmoid(x))" in out


def test_option_reasons_show_with_the_answer_only() -> None:
    reason = "Its kernel weights are learned."
    code, out, _ = invoke("show", "mini-choice")
    assert code == 0 and reason not in out
    code, out, _ = invoke("show", "mini-choice", "--answer")
    assert code == 0 and reason in out
    assert out.index("B. Convolution") < out.index(reason) < out.index("C. Average pooling")
    code, out, _ = invoke("--lang", "zh", "show", "mini-choice", "--answer")
    assert "卷积核的权重是学出来的。" in out


def _concept(qid: str, prompt: str) -> str:
    return f"""  - id: {qid}
    topic: activations
    type: concept
    difficulty: 1
    tags: [basics]
    prompt: {{en: "{prompt}", zh: 中文题目}}
    answer:
      text: {{en: An answer., zh: 答案。}}
      key_points: [{{en: A point., zh: 一点。}}]
    explanation: {{en: Why., zh: 原因。}}
    hints: [{{en: Think., zh: 想一想。}}]
    sources: [Goodfellow et al. 2016]
"""


@pytest.fixture
def search_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three questions: the phrase once; both words apart, often; one word only."""
    bank = tmp_path / "bank"
    bank.mkdir()
    questions = [
        _concept("fx-phrase", "What causes a vanishing gradient?"),
        _concept("fx-apart", "Gradient, gradient, gradient: when is a signal vanishing?"),
        _concept("fx-one-word", "What is a gradient?"),
    ]
    (bank / "b.yaml").write_text("format_version: 1\nquestions:\n" + "".join(questions), "utf-8")
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: bank)


@pytest.mark.usefixtures("search_bank")
def test_search_ranks_the_phrase_first_and_needs_every_word() -> None:
    code, out, _ = invoke("search", "vanishing gradient", "--json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ["fx-phrase", "fx-apart"]


@pytest.mark.usefixtures("search_bank")
def test_search_any_matches_a_single_word_too() -> None:
    code, out, _ = invoke("search", "vanishing gradient", "--any", "--json")
    assert code == 0
    assert {r["id"] for r in json.loads(out)} == {"fx-phrase", "fx-apart", "fx-one-word"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--topic", "poolng"], "--topic 'poolng' matches no question; did you mean 'pooling'?"),
        (["--tag", "sigmod"], "--tag 'sigmod' matches no question; did you mean 'sigmoid'?"),
        (["--tag", "zzz"], "--tag 'zzz' matches no question; `quizcli list --json` shows"),
    ],
)
def test_a_misspelt_filter_is_a_usage_error_with_a_suggestion(
    args: list[str], message: str
) -> None:
    code, _, err = invoke("list", *args)
    assert code == 2 and message in err


@pytest.mark.parametrize(
    "command", [["list"], ["search", "pooling"], ["list", "--topic", "pooling"]]
)
def test_ascii_tables_are_pure_ascii_even_when_cut(command: list[str]) -> None:
    result = runner.invoke(app, ["--ascii", *command], terminal_width=50)
    assert result.exit_code == 0 and result.stdout.isascii()


def test_list_gives_the_level_in_words_and_keeps_prompts_short() -> None:
    result = runner.invoke(app, ["list"], terminal_width=200)
    rows = [line for line in result.stdout.splitlines() if "mini-concept" in line]
    assert "●○○ easy" in rows[0]
    prompt_cells = max(len(cell) for cell in rows[0].split("│")[4:5])
    assert prompt_cells <= 60 + 2
    result = runner.invoke(app, ["--lang", "zh", "list"], terminal_width=200)
    assert "●○○ 基础" in result.stdout


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_list_shows_whole_ids_and_30_columns_of_prompt_in_a_narrow_terminal(
    monkeypatch: pytest.MonkeyPatch, columns: int, lang: str
) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "list")
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(app, ["--lang", lang, "list"], terminal_width=columns)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(map(width, lines)) <= columns
    for qid, dots in (("fx-sampling-with-replacement-unseen-fraction", "●●○"), ("fx-short", "●●●")):
        assert any(qid in line and dots in line for line in lines), qid
    bank = load_bank([FIXTURES / "list"], use_cache=False)
    for question in bank.questions:
        start = question.prompt.get(lang)[: 15 if lang == "zh" else 30]
        assert any(start in line for line in lines), start


@pytest.mark.parametrize("level", ["2", "medium", "Medium", "进阶"])
def test_list_difficulty_takes_the_digit_or_the_word(level: str) -> None:
    code, out, err = invoke("list", "--difficulty", level, "--json")
    assert code == 0, err
    assert [row["id"] for row in json.loads(out)] == ["mini-choice"]


def test_list_difficulty_names_the_levels_when_it_is_none_of_them() -> None:
    code, _, err = invoke("list", "--difficulty", "expert")
    assert code == 2
    assert "'expert' is not a level; use one of 1, easy, 基础, 2, medium, 进阶, 3, hard" in err


def test_lint_of_a_folder_without_bank_files_is_not_ok(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# not a bank\n", "utf-8")
    code, out, err = invoke("lint", str(tmp_path))
    assert code == 1 and out == ""
    assert err == f"quizcli: no bank files (*.yaml) in {tmp_path}; give a folder that holds them\n"
