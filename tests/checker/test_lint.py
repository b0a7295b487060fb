"""`quizcli lint` reads bank formulas with the checker's reader, in each question's scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli.checker.lint import domain_problems
from quizcli.cli import app
from quizcli.kinds.derivation import SIGNS, DerivationAnswer
from tests.conftest import FIXTURES

QUESTION = """\
format_version: 1
questions:
  - id: broken-derivation
    topic: activations
    type: derivation
    difficulty: 1
    tags: [sigmoid]
    prompt: {{en: "p", zh: "p"}}
    answer:
      definition: sigmoid(x)
      wrt: x
      reference: {reference}
      symbols: [x]
      mistakes:
        - expr: {mistake}
          feedback: {{en: "f", zh: "f"}}
    explanation: {{en: "e", zh: "e"}}
    hints: [{{en: "h", zh: "h"}}]
    sources: [fixture]
"""


def lint(tmp_path: Path, reference: str, mistake: str) -> tuple[int, str]:
    bank = tmp_path / "bank.yaml"
    bank.write_text(QUESTION.format(reference=reference, mistake=mistake), encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(bank)])
    return result.exit_code, result.output


def test_unknown_names_and_code_are_reported_per_field(tmp_path: Path) -> None:
    code, output = lint(tmp_path, '"y*sigmoid(x)"', "\"__import__('os')\"")
    lines = [line for line in output.splitlines() if "broken-derivation" in line]
    assert code == 1
    assert len(lines) == 2
    assert "answer.reference: column 1: unknown name 'y'" in lines[1]
    assert "answer.mistakes[0].expr: column 1: '_' only joins" in lines[0]
    assert all("bank.yaml:3:5: broken-derivation: answer." in line for line in lines)


def test_a_readable_bank_is_clean(tmp_path: Path) -> None:
    code, output = lint(tmp_path, "sigmoid(x)*(1 - sigmoid(x))", "sigmoid(x)**2")
    assert code == 0
    assert "ok: 1 questions" in output


@pytest.mark.parametrize("reference", ["sigmoid(x)*(1 - sigmoid(x))", "σ(x)*(1 - σ(x))"])
def test_forbidden_functions_must_be_known_and_unused_by_the_reference(
    tmp_path: Path, reference: str
) -> None:
    bank = tmp_path / "forbid.yaml"
    text = (FIXTURES / "bank" / "mini.yaml").read_text("utf-8")
    marker = "      reference: sigmoid(x)*(1 - sigmoid(x))\n"
    assert marker in text
    answer = f"      reference: {reference}\n      forbid: [sigmoid, tangent]\n"
    bank.write_text(text.replace(marker, answer, 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(bank)])
    assert result.exit_code == 1
    assert "answer.forbid: 'tangent' is not a function the checker knows" in result.stdout
    assert "answer.forbid: the reference uses sigmoid, which the answer may not" in result.stdout


SCALE = """\
format_version: 1
questions:
  - id: scaled
    topic: normalization
    type: derivation
    difficulty: 1
    tags: [scale]
    prompt: {{en: "p", zh: "p"}}
    answer:
      definition: gamma*x
      reference: gamma*x
      symbols: [x, gamma]
      {fields}
    explanation: {{en: "e", zh: "e"}}
    hints: [{{en: "h", zh: "h"}}]
    sources: [fixture]
"""


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("domain: {gamma: [0.3, 2.5]}", "gamma is declared real but sampled only over [0.3, 2.5]"),
        (
            "domain: {gamma: [-1, 2]}\n      assume: {gamma: positive}",
            "gamma is declared positive but sampled over [-1, 2]",
        ),
        (
            "domain: {gamma: [0.5, 3]}\n      assume: {gamma: [0, 1]}",
            "gamma is declared in [0.0, 1.0] but sampled over [0.5, 3]",
        ),
    ],
)
def test_a_sample_narrower_or_wider_than_the_declared_domain_is_refused(
    tmp_path: Path, fields: str, message: str
) -> None:
    bank = tmp_path / "scale.yaml"
    bank.write_text(SCALE.format(fields=fields), encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(bank)])
    assert result.exit_code == 1
    assert f"scaled: answer.domain: {message}" in result.stdout


@pytest.mark.parametrize(
    "fields",
    ["domain: {x: [-2, 2]}", "domain: {gamma: [0.3, 2.5]}\n      assume: {gamma: positive}"],
)
def test_a_sample_covering_the_declared_domain_is_clean(tmp_path: Path, fields: str) -> None:
    bank = tmp_path / "scale.yaml"
    bank.write_text(SCALE.format(fields=fields), encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(bank)])
    assert result.exit_code == 0, result.stdout


def test_the_checker_fixture_bank_is_lint_clean() -> None:
    result = CliRunner().invoke(app, ["lint", str(FIXTURES / "checker")])
    assert result.exit_code == 0, result.stdout


def test_a_kink_value_must_read_in_the_question_symbols(tmp_path: Path) -> None:
    bank = tmp_path / "kink.yaml"
    fields = 'kinks:\n        - {at: {x: 0}, value: "slope"}'
    bank.write_text(SCALE.format(fields=fields), encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", str(bank)])
    assert result.exit_code == 1
    assert "scaled: answer.kinks[0].value: column 1: unknown name 'slope'" in result.stdout


@pytest.mark.parametrize("sign", SIGNS)
def test_every_sign_word_is_documented_and_sampled_inside_itself(sign: str) -> None:
    """The one list of sign words (the schema's `Sign`) drives the docs and the sampling."""
    answer = DerivationAnswer(
        definition="n*x", wrt="x", reference="n", symbols=["x", "n"], assume={"n": sign}
    )
    assert domain_problems(answer) == []
    assert f"`{sign}`" in (Path(__file__).parents[2] / "questions" / "README.md").read_text("utf-8")
