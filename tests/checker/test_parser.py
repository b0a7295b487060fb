"""The reader: every input style means what a person means by it, and bad input says where."""

from __future__ import annotations

import pytest
import sympy

from quizcli.checker import ParseError, parse, pretty

SCALAR = ("x", "alpha", "beta", "lam")
SOFTMAX = ("s_i", "s_j", "z_j", "y_i")


def same(
    typed: str, plain: str, symbols: tuple[str, ...] = SCALAR, setting: str | None = None
) -> None:
    assert parse(typed, symbols, setting) == parse(plain, symbols, setting), typed


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("x^2", "x**2"),
        ("2x", "2*x"),
        ("x e^x", "x*exp(x)"),
        ("σ(x)(1−σ(x))", "sigmoid(x)*(1 - sigmoid(x))"),
        ("sigma(x)*(1-sigma(x))", "sigmoid(x)*(1 - sigmoid(x))"),
        ("logistic(x)", "sigmoid(x)"),
        ("e^-x/2", "exp(-x)/2"),
        ("1/2x", "x/2"),
        ("-x^2", "-(x**2)"),
        ("2^-x", "2**(-x)"),
        ("x^2^3", "x**(2**3)"),
        ("tanh^2(x)", "tanh(x)**2"),
        ("tanh²(x)", "tanh(x)**2"),
        ("1 − tanh²x", "1 - tanh(x)**2"),
        ("sech²(x)", "sech(x)**2"),
        ("1/(4cosh²(x/2))", "1/(4*cosh(x/2)**2)"),
        ("eˣ/(1+eˣ)²", "exp(x)/(1 + exp(x))**2"),
        ("e⁻ˣ", "exp(-x)"),
        ("x·σ(βx)", "x*sigmoid(beta*x)"),
        ("x × 2", "2*x"),
        ("λx", "lam*x"),
        ("lambda*x", "lam*x"),
        ("α e^x", "alpha*exp(x)"),
        ("ln(x)", "log(x)"),
        ("√(2π)", "sqrt(2*pi)"),
        ("√x", "sqrt(x)"),
        ("|x|", "abs(x)"),
        ("2|x|", "2*abs(x)"),
        ("max(0, x)", "relu(x)"),
        ("Φ(x) + xφ(x)", "Phi(x) + x*phi(x)"),
        ("H(x)", "Heaviside(x)"),
        ("step(x)", "Heaviside(x)"),
        ("x（1+x）", "x*(1 + x)"),
        ("x(x+1)", "x*(x + 1)"),
        ("[x+1]{x-1}", "(x + 1)*(x - 1)"),
        ("0.5x", "0.5*x"),
        ("1e-3 x", "0.001*x"),
        ("1 if x > 0 else α e^x", "1 if x > 0 else alpha*exp(x)"),
        ("1 if x ≥ 0 else 0", "1 if x >= 0 else 0"),
        ("1 if -3 < x < 3 else 0", "1 if x > -3 and x < 3 else 0"),
    ],
)
def test_input_styles_read_as_the_plain_form(typed: str, plain: str) -> None:
    same(typed, plain)


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"\frac{1}{1+e^{-x}}", "1/(1 + exp(-x))"),
        (r"\sigma(x)\cdot(1-\sigma(x))", "sigmoid(x)*(1 - sigmoid(x))"),
        (r"\sigma\left(x\right)\left(1-\sigma\left(x\right)\right)", "sigmoid(x)*(1-sigmoid(x))"),
        (r"1-\tanh^2(x)", "1 - tanh(x)**2"),
        (r"1-\tanh^{2}(x)", "1 - tanh(x)**2"),
        (r"\operatorname{sech}^2(x)", "sech(x)**2"),
        (r"\exp(-x)", "exp(-x)"),
        (r"\alpha e^{x}", "alpha*exp(x)"),
        (r"\sqrt{2\pi}", "sqrt(2*pi)"),
        (r"\Phi(x) + x\,\phi(x)", "Phi(x) + x*phi(x)"),
        (r"\lambda x", "lam*x"),
        (r"\dfrac{e^x}{(1+e^x)^2}", "exp(x)/(1 + exp(x))**2"),
        (r"1 \text{ if } x \geq 0 \text{ else } 0", "1 if x >= 0 else 0"),
        (
            r"\begin{cases} 1 & x > 0 \\ \alpha & \text{otherwise} \end{cases}",
            "1 if x > 0 else alpha",
        ),
        (
            r"\begin{cases} 0 & x < -3 \\ 1 & x < 3 \\ 0 & x \ge 3 \end{cases}",
            "0 if x < -3 else (1 if x < 3 else 0)",
        ),
        (r"\left\lfloor \frac{x}{2} \right\rfloor + 1", "floor(x/2) + 1"),
        (r"\lceil x \rceil", "ceil(x)"),
    ],
)
def test_latex_subset(latex: str, plain: str) -> None:
    same(latex, plain)


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("⌊(x + 1)/2⌋ + 1", "floor((x + 1)/2) + 1"),
        ("⌈x/3⌉", "ceil(x/3)"),
        ("½x", "x/2"),
        ("¾ + x", "3/4 + x"),
        ("erfc(x)", "1 - erf(x)"),
        ("silu(x)", "x*sigmoid(x)"),
        ("gelu(x)", "x*Phi(x)"),
        ("hardswish(x)", "x*min(max(0, x + 3), 6)/6"),
    ],
)
def test_more_notation(typed: str, plain: str) -> None:
    x = sympy.Symbol("x", real=True)
    difference = parse(typed, SCALAR) - parse(plain, SCALAR)
    assert difference.xreplace({s: x for s in difference.free_symbols}).rewrite(sympy.erf) == 0 or (
        sympy.simplify(difference) == 0
    ), typed


@pytest.mark.parametrize(
    ("typed", "plain", "symbols"),
    [
        ("z_1 - z₂", "z1 - z2", ("z1", "z2")),
        ("θ₀ + θ_1", "theta0 + theta1", ("theta0", "theta1")),
        ("θ0", "theta0", ("theta0",)),
        ("θ0", "theta*0", ("theta",)),
        ("β₁ + beta_2", "beta1 + beta2", ("beta1", "beta2")),
        ("lambda_1 + λ₂", "lam1 + lam2", ("lam1", "lam2")),
    ],
)
def test_the_prompts_own_subscripted_names(
    typed: str, plain: str, symbols: tuple[str, ...]
) -> None:
    same(typed, plain, symbols)


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("s_i(δ_ij − s_j)", "s_i*(delta_ij - s_j)"),
        (r"s_i(\delta_{ij} - s_j)", "s_i*(delta_ij - s_j)"),
        ("s_i*(delta(i, j) - s_j)", "s_i*(delta_ij - s_j)"),
        ("sᵢ(δᵢⱼ − sⱼ)", "s_i*(delta_ij - s_j)"),
        ("diag(s) − s sᵀ", "diag(s) - s*s^T"),
        (r"diag(s) - s s^\top", "diag(s) - s*s^T"),
        ("diag(s) - s s^{T}", "diag(s) - s*s^T"),
        ("Σ_k y_k", "sum(y_k, k)"),
    ],
)
def test_softmax_names(typed: str, plain: str) -> None:
    same(typed, plain, SOFTMAX, "softmax")


def test_symbols_shadow_functions() -> None:
    assert parse("sigma(x)", ("x", "sigma")) == parse("sigma*x", ("x", "sigma"))
    assert parse("sigma(x)", ("x",)) != parse("sigma*x", ("x", "sigma"))


def test_euler_number_and_pi() -> None:
    assert parse("e") == sympy.E
    assert parse("π") == sympy.pi
    assert parse("e^x") == sympy.exp(sympy.Symbol("x", real=True))


def test_pretty_shows_a_formula_as_stated() -> None:
    assert pretty("sigmoid(x)*(1 - sigmoid(x))") == "σ(x)·(1 − σ(x))"
    assert pretty("lam*w") == "λ·w"
    assert pretty("exp(-x)/2") == "exp(−x)/2"


def test_pretty_returns_unreadable_text_unchanged() -> None:
    assert pretty("x +* 1") == "x +* 1"


def error(text: str, symbols: tuple[str, ...] | None = ("x",)) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse(text, symbols)
    return caught.value


@pytest.mark.parametrize(
    ("text", "position", "words", "suggestion"),
    [
        ("xe^x", 0, "unknown name 'xe'", "x*e"),
        ("xexp(x)", 0, "unknown name 'xexp'", "x*exp"),
        ("In(x)", 0, "unknown name 'In'", "ln"),
        ("x +", 3, "ends too early", ""),
        ("(x", 2, "never closed", ""),
        ("x)", 1, "no matching opening", ""),
        ("y", 0, "unknown name 'y'", ""),
        ("σ", 0, "needs an argument", ""),
        ("tanh^-1(x)", 5, "power of tanh", ""),
        ("x.real", 1, "'.' only appears in numbers", ""),
        ("'x'", 0, "quotes", ""),
        ("x \\foo", 2, "unknown LaTeX command", ""),
        ("1 if x > 0", 10, "needs an 'else'", ""),
        ("1 if x else 0", 7, "comparison", ""),
        ("2 3", 2, "two numbers", ""),
        ("max(x)", 0, "takes 2 to 8 argument", ""),
        ("", 0, "empty", ""),
    ],
)
def test_errors_say_where_and_suggest(
    text: str, position: int, words: str, suggestion: str
) -> None:
    caught = error(text)
    assert caught.position == position
    assert words in caught.en
    assert caught.zh and caught.zh != caught.en
    assert caught.suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('touch /tmp/quizcli-x')",
        "x.__class__",
        "().__class__.__bases__[0]",
        "lambda: 0",
        "exec('1')",
        "eval(x)",
        "open('f')",
        "factorial(10**10)",
        "9**9**9",
        "10^10^10",
        "x^1000",
        "(x^64)^64",
        "2^(10^10)",
        "1" * 40,
        "(" * 200 + "x" + ")" * 200,
        "-" * 200 + "x",
        "x^" * 100 + "x",
        "x\x00",
        "\\",
        "\\frac{1}",
    ],
)
def test_hostile_input_is_refused(text: str) -> None:
    error(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("exp(s)", "exp cannot be applied to a vector"),
        ("e^s", "^ cannot be applied to a vector"),
        ("2^-z", "^ cannot be applied to a vector"),
        ("diag(s_i)", "diag takes a vector"),
        ("diag(diag(s))", "diag takes a vector"),
        ("s Σ_k z", "cannot be computed"),
    ],
)
def test_vector_shapes_are_checked_at_read_time(text: str, words: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text, SOFTMAX, "softmax")
    assert words in caught.value.en


def test_permissive_scope_accepts_any_name() -> None:
    x, w = sympy.Symbol("x", real=True), sympy.Symbol("w", real=True)
    assert parse("w*x") == w * x
