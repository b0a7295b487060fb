"""`quizcli check` as a user and a script see it: rendering, JSON, exit codes."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli import env
from quizcli.cli import app
from tests.conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("checker_bank")
runner = CliRunner()


def check(*args: str, lang: str = "en", stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, ["--lang", lang, "check", *args], input=stdin)
    return result.exit_code, result.output


def test_correct_answer_shows_reading_and_exits_0() -> None:
    code, output = check("sigmoid-derivative", "σ(x)(1−σ(x))")
    assert code == 0
    assert output.startswith("read as:\n  (1 - σ(x))⋅σ(x)\n")
    assert "✓ correct  (proved" in output


def test_wrong_tanh_derivative_is_diagnosed_and_exits_1() -> None:
    code, output = check("tanh-derivative", "-tanh(x)^2")
    assert code == 1
    assert "✗ incorrect  (known mistake" in output
    assert "1 − tanh²(x)" in output


def test_generic_diagnosis_without_a_listed_mistake() -> None:
    code, output = check("tanh-derivative", "2*(1 - tanh(x)^2)")
    assert code == 1
    assert "constant factor: your answer is 2 times the correct one" in output


def test_softmax_jacobian_element_form_is_correct() -> None:
    code, output = check("softmax-jacobian", "s_i(δ_ij − s_j)")
    assert code == 0
    assert "correct" in output


def test_softmax_jacobian_matrix_form_reads_as_typed() -> None:
    code, output = check("softmax-jacobian", "diag(s) − s sᵀ")
    assert code == 0
    assert "+ diag(s)\n" in output
    assert "DiagMatrix" not in output


def test_a_vector_exponent_is_invalid_input_not_an_internal_error() -> None:
    code, output = check("softmax-cross-entropy-gradient", "e^z")
    assert code == 2
    assert "^ cannot be applied to a vector or matrix" in output


def test_hostile_input_is_invalid_and_touches_nothing(tmp_path: Path) -> None:
    target = tmp_path / "quizcli-x"
    code, output = check("sigmoid-derivative", f"__import__('os').system('touch {target}')")
    assert code == 2
    assert "! invalid input" in output
    assert not target.exists()


def test_invalid_input_names_column_and_suggestion() -> None:
    code, output = check("sigmoid-derivative", "xe^x")
    assert code == 2
    assert "column 1" in output
    assert "did you mean x*e?" in output


def test_json_has_the_documented_keys() -> None:
    code, output = check("sigmoid-derivative", "σ(x)σ(−x)", "--json")
    data = json.loads(output)
    assert code == 0
    assert set(data) == {"id", "verdict", "read_as", "feedback", "method", "ms", "step"}
    assert data["id"] == "sigmoid-derivative"
    assert (data["verdict"], data["method"]) == ("correct", "proved")
    assert data["read_as"] == "σ(-x)⋅σ(x)"
    assert data["ms"] > 0


@pytest.mark.parametrize(
    ("answer", "verdict", "code"),
    [("σ(x)(1+σ(x))", "incorrect", 1), ("σ(x", "invalid", 2), ("e^(x", "invalid", 2)],
)
def test_json_exit_codes(answer: str, verdict: str, code: int) -> None:
    exit_code, output = check("sigmoid-derivative", answer, "--json")
    assert exit_code == code
    assert json.loads(output)["verdict"] == verdict


def test_chinese_feedback() -> None:
    code, output = check("sigmoid-derivative", "-σ(x)(1-σ(x))", lang="zh")
    assert code == 1
    assert output.startswith("读作：")
    assert "符号反了" in output


def test_steps_from_stdin_name_the_first_wrong_step() -> None:
    steps = "e^-x/(1+e^-x)^2\n= σ(x)(1-σ(x))\n= σ(x)^2\n"
    code, output = check("sigmoid-derivative", "-", "--json", stdin=steps)
    data = json.loads(output)
    assert code == 1
    assert data["step"] == 3
    assert data["feedback"].startswith("Step 3 does not follow from step 2.")


def test_unknown_id_exits_2_with_a_suggestion() -> None:
    result = runner.invoke(app, ["check", "sigmoid-derivatve", "x"])
    assert result.exit_code == 2
    assert "did you mean 'sigmoid-derivative'?" in result.output


def test_a_non_derivation_question_is_refused() -> None:
    result = runner.invoke(
        app, ["--bank", str(FIXTURES / "bank" / "mini.yaml"), "check", "mini-choice", "A"]
    )
    assert result.exit_code == 2
    assert "is a choice question" in result.output


def test_ascii_mode_spells_out_the_reading_and_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "_ascii_override", None)  # --ascii is process-wide: undo it after
    result = runner.invoke(app, ["--ascii", "check", "sigmoid-derivative", "σ(x)(1+σ(x))"])
    assert result.exit_code == 1
    assert result.output.isascii()
    assert "(sigmoid(x) + 1)*sigmoid(x)" in result.output
    assert "x incorrect" in result.output


def test_check_file_prints_one_json_verdict_per_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.tsv"
    answers.write_text(
        "sigmoid-derivative\tσ(x)(1−σ(x))\n"
        "# teachers may comment\n\n"
        "relu-derivative-pytorch\t1 if x >= 0 else 0\n"
        "no-such-question\tx\n"
        "softmax-jacobian\ts_i(δ_ij − s_j)\n"
        "tanh-derivative 1 - tanh(x)^2\n",
        encoding="utf-8",
    )
    code, output = check("--file", str(answers), "--json")
    rows = [json.loads(line) for line in output.splitlines()]
    assert code == 1
    assert [(r["line"], r["id"], r["verdict"]) for r in rows] == [
        (1, "sigmoid-derivative", "correct"),
        (4, "relu-derivative-pytorch", "incorrect"),
        (5, "no-such-question", "invalid"),
        (6, "softmax-jacobian", "correct"),
        (7, "tanh-derivative 1 - tanh(x)^2", "invalid"),
    ]
    assert "ID<TAB>ANSWER" in rows[-1]["feedback"]
    assert rows[1]["method"] == "kink"


def test_check_file_exits_0_when_all_are_correct_and_reads_stdin() -> None:
    code, output = check("--file", "-", stdin="tanh-derivative\tsech²(x)\n")
    assert code == 0
    assert output.startswith("1\ttanh-derivative\tcorrect\t")


def test_check_file_and_an_answer_are_not_both_given(tmp_path: Path) -> None:
    code, output = check("--file", str(tmp_path / "missing.tsv"))
    assert code == 2 and "cannot read" in output
    code, output = check("tanh-derivative", "x", "--file", "-")
    assert code == 2 and "not both" in output


def test_h_alone_shows_help_and_an_answer_starting_with_minus_is_still_an_answer() -> None:
    code, output = check("-h")
    assert code == 0
    assert "Usage: " in output and "--file" in output
    code, output = check("tanh-derivative", "-h")
    assert code == 2  # read as an answer (a formula that cannot be read), not as help
    assert "Usage: " not in output


def test_an_answer_past_float_range_is_too_large_not_unreal_and_warns_nothing() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code, output = check("sigmoid-derivative", "exp(exp(exp(exp(x))))")
    assert [str(w.message) for w in caught] == []
    assert code == 1
    assert "your answer is too large to evaluate in floating point at x = " in " ".join(
        output.split()
    )
    assert "not a real number" not in output
