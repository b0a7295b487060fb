"""Inline LaTeX read as Unicode, and Chinese broken into full lines."""

from __future__ import annotations

import pytest

from quizcli.textfmt import latex_to_unicode, to_ascii, width, wrap


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        (r"$\sigma(x) = \frac{1}{1+e^{-x}}$", "σ(x) = 1/(1+e⁻ˣ)"),
        (
            r"$\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}$",
            "x̂ᵢ = (xᵢ-μ_B)/√(σ_B²+ε)",
        ),
        (r"$1 - \tanh^2(x)$", "1-tanh²(x)"),
        (r"$\frac{\partial L}{\partial z_i} = s_i - y_i$", "∂L/∂zᵢ = sᵢ-yᵢ"),
        (r"$\mathrm{diag}(s) - s s^\top$", "diag(s)-ssᵀ"),
        (r"$\delta_{ij}$ and $W^{T}$", "δᵢⱼ and Wᵀ"),
        (r"$\lfloor \frac{H + 2p - k}{s} \rfloor + 1$", "⌊(H+2p-k)/s⌋+1"),
        (r"$\mathbb{E}[m_t] = (1-\beta_1^t)\,g$", "𝔼[mₜ] = (1-β₁ᵗ) g"),
        (r"costs \$5, $x \le 0$", "costs $5, x ≤ 0"),
        (r"$\text{if } x > 0$", "if x > 0"),
        (r"$-\log p(w)$ and $\log(x)$", "-log p(w) and log(x)"),
        (r"$\frac{\lambda}{2} w^2$", "(λ/2)w²"),
        (r"$x\tanh(\mathrm{softplus}(x))$", "x tanh(softplus(x))"),
        (r"$y\log\sigma(z)$", "y log σ(z)"),
    ],
)
def test_inline_latex_reads_as_unicode(latex: str, shown: str) -> None:
    assert latex_to_unicode(latex) == shown


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        (r"$\frac{a+b}{c+d}$", "(a+b)/(c+d)"),
        (r"$\frac{a}{b}$", "a/b"),
        (r"$\frac{a}{b} + c$", "a/b+c"),
        (r"$\frac{\gamma}{m\sigma}$", "γ/(mσ)"),
        (r"$\frac{1}{2}\epsilon^{-3/2}$", "(1/2)ε^(-3/2)"),
        (r"$x\frac{a}{b}$", "x(a/b)"),
        (r"$\frac{dy}{dx}$", "dy/dx"),
        (r"$\frac{\lambda}{2}\|w\|^2$", "(λ/2)‖w‖²"),
        (r"$\frac{e^x}{(1+e^x)^2}$", "eˣ/(1+eˣ)²"),
    ],
)
def test_frac_keeps_the_grouping(latex: str, shown: str) -> None:
    assert latex_to_unicode(latex) == shown


CHINESE = (
    "批归一化在训练时使用当前小批量的均值和方差，"
    "而推理时使用训练中累积的滑动平均值，因为推理时可能只有一个样本。"
)


@pytest.mark.parametrize("columns", [10, 17, 24, 40])
def test_chinese_lines_are_full_and_never_too_wide(columns: int) -> None:
    lines = wrap(CHINESE, columns)
    assert "".join(lines) == CHINESE
    assert all(width(line) <= columns for line in lines)
    assert all(width(line) >= columns - 4 for line in lines[:-1])
    assert not any(line.startswith(("，", "。")) for line in lines)


def test_mixed_text_breaks_at_spaces_and_between_characters() -> None:
    lines = wrap("使用 ReLU 激活函数可以缓解梯度消失问题，但是可能出现神经元死亡。", 16)
    assert all(width(line) <= 16 for line in lines)
    assert "ReLU" in "".join(lines) and all("ReL" not in line or "ReLU" in line for line in lines)
    assert width(lines[0]) >= 14


def test_latin_wraps_at_spaces_and_splits_overlong_words() -> None:
    assert wrap("alpha beta gamma", 11) == ["alpha beta", "gamma"]
    assert wrap("x" * 12, 5) == ["xxxxx", "xxxxx", "xx"]
    assert wrap("one\n\ntwo", 10) == ["one", "", "two"]


def test_formulas_are_never_split_across_lines() -> None:
    source = "当学习率满足 $\\eta \\le 2/L$ 时，梯度下降在凸问题上不会发散。"
    prose = latex_to_unicode(source, keep_together=True)
    for columns in range(12, 30):
        lines = wrap(prose, columns)
        assert any("η\u00a0≤\u00a02/L" in line for line in lines), (columns, lines)


def test_ascii_spells_greek_apart_from_its_neighbours() -> None:
    assert to_ascii("σ(βx)") == "sigma(beta x)"
    assert to_ascii("xβ + λ") == "x beta + lambda"
    assert to_ascii("δᵢⱼ, x̂ᵢ, e⁻ˣ") == "delta_ij, xhat_i, e^(-x)"


def test_ascii_leaves_nothing_a_plain_terminal_cannot_draw() -> None:
    assert to_ascii("Goodfellow et al. §6.2, § 7") == "Goodfellow et al. sec. 6.2, sec. 7"
    assert to_ascii("ŷ = ½ of 90°, Müller, θᵦ") == "y_hat = 1/2 of 90 deg, Muller, theta_beta"
    assert to_ascii("☃").isascii()
    assert to_ascii("平均池化，好。") == "平均池化，好。"
