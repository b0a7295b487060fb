"""One function table: every function the checker reads, `plot` draws and the docs list."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizcli import curves
from quizcli.checker import check, parse
from quizcli.functions import CURVES, TABLE
from tests.checker.test_engine import question

README = Path(__file__).parent.parent / "questions" / "README.md"


@pytest.mark.parametrize("entry", TABLE, ids=lambda entry: entry.name)
def test_every_function_is_listed_in_the_bank_docs(entry: object) -> None:
    text = README.read_text("utf-8")
    assert f"`{entry.name}`" in text  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(CURVES))
def test_every_curve_is_readable_by_the_checker_under_each_spelling(name: str) -> None:
    """`plot silu` and `check … "silu(x)"` know the same functions, as the same formula."""
    import sympy

    x = sympy.Symbol("x", real=True)
    drawn = curves.expression(name, x)
    for spelling in CURVES[name].spellings:
        typed = parse(f"{spelling}(x)", ["x"]).xreplace({sympy.Symbol("x", real=True): x})
        assert sympy.simplify(typed - drawn) == 0 or typed == drawn, spelling


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("silu(x) + sigmoid(x)*(1 - silu(x))", "correct"), ("swish(x)", "incorrect")],
)
def test_an_activation_by_name_is_checked_like_its_formula(answer: str, verdict: str) -> None:
    reference = "sigmoid(x) + x*sigmoid(x)*(1 - sigmoid(x))"
    swish = question("fx-swish-by-name", definition="x*sigmoid(x)", wrt="x",
                     reference=reference, symbols=["x"])  # fmt: skip
    assert check(swish, answer).verdict == verdict


def test_gelu_and_mish_read_as_their_formulas() -> None:
    gelu = question("fx-gelu-by-name", definition="gelu(x)", wrt="x",
                    reference="Phi(x) + x*phi(x)", symbols=["x"])  # fmt: skip
    assert check(gelu, "Phi(x) + x phi(x)").verdict == "correct"
    mish = question("fx-mish-by-name", definition="x*tanh(softplus(x))", reference="mish(x)",
                    symbols=["x"])  # fmt: skip
    assert check(mish, "x tanh(log(1 + e^x))").verdict == "correct"
