"""A bank formula as stated, pretty-printed from the parse tree, with no sympy."""

from __future__ import annotations

import pytest

from quizcli.checker import pretty

SYMBOLS = ("w", "eta", "lam", "g", "x", "theta0", "beta1", "H", "k", "s")


@pytest.mark.parametrize(
    ("stated", "unicode", "ascii"),
    [
        ("w*(1 - eta*lam)", "w·(1 − η·λ)", "w*(1 - eta*lam)"),
        ("sigmoid(x)*(1 - sigmoid(x))", "σ(x)·(1 − σ(x))", "sigmoid(x)*(1 - sigmoid(x))"),
        ("floor((H - k)/s) + 1", "⌊(H − k)/s⌋ + 1", "floor((H - k)/s) + 1"),
        ("theta0 - eta*(1 + beta1)*x", "θ₀ − η·(1 + β₁)·x", "theta0 - eta*(1 + beta1)*x"),
        ("x**2/2 - x**(1/2)", "x²/2 − x^(1/2)", "x**2/2 - x**(1/2)"),
        ("2*x + abs(x) + sqrt(x + 1)", "2x + |x| + √(x + 1)", "2*x + abs(x) + sqrt(x + 1)"),
        ("0 if x <= -3 else (1 if x < 3 else 0)", "0 if x ≤ −3 else (1 if x < 3 else 0)",
         "0 if x <= -3 else (1 if x < 3 else 0)"),
        ("x - (g - w)", "x − (g − w)", "x - (g - w)"),
        ("-x**2", "−x²", "-x**2"),
    ],
)  # fmt: skip
def test_stated_order_in_unicode_and_ascii(stated: str, unicode: str, ascii: str) -> None:
    assert pretty(stated, SYMBOLS) == unicode
    assert pretty(stated, SYMBOLS, ascii=True) == ascii


def test_softmax_names() -> None:
    assert pretty("s_i*(delta_ij - s_j)", ["s_i", "s_j", "z_j"], "softmax") == "sᵢ·(δᵢⱼ − sⱼ)"
