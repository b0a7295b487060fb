"""`quizcli plot` and `show --plot`: curves as a user sees them, values checked against numpy."""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rich.color import Color
from typer.testing import CliRunner

from quizcli import env
from quizcli.cli import app
from quizcli.curves import DEFINITIONS
from quizcli.ui.plot import COLOURS, MARKERS
from tests.conftest import FIXTURES
from tests.test_startup import COLOUR, loaded_modules

ANSI = re.compile(r"\x1b\[[0-9;]*m")

runner = CliRunner()
BRAILLE = range(0x2801, 0x2900)
SELU_SCALE, SELU_ALPHA = 1.0507009873554805, 1.6732632423543772
erf = np.vectorize(math.erf)

# Written independently of quizcli's table, the way the frameworks define them.
NUMPY = {
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "tanh": np.tanh,
    "relu": lambda x: np.maximum(x, 0),
    "leaky-relu": lambda x: np.where(x > 0, x, 0.01 * x),
    "elu": lambda x: np.where(x > 0, x, np.expm1(x)),
    "selu": lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x)),
    "gelu": lambda x: 0.5 * x * (1 + erf(x / np.sqrt(2))),
    "gelu-tanh": lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
    "swish": lambda x: x / (1 + np.exp(-x)),
    "mish": lambda x: x * np.tanh(np.log1p(np.exp(x))),
    "softplus": lambda x: np.log1p(np.exp(x)),
    "relu6": lambda x: np.clip(x, 0, 6),
    "hard-sigmoid": lambda x: np.clip(x + 3, 0, 6) / 6,
    "hard-swish": lambda x: x * np.clip(x + 3, 0, 6) / 6,
}
KINKS = np.array([-3.0, 0.0, 3.0, 6.0])


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def curves_json(*args: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    code, out, err = invoke("plot", *args, "--json")
    assert code == 0, err
    data = json.loads(out)
    return np.array(data["x"]), {c["name"]: np.array(c["y"]) for c in data["curves"]}


def braille(text: str) -> bool:
    return any(ord(char) in BRAILLE for char in text)


@pytest.fixture
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")


def test_plot_with_derivatives_draws_braille_and_names_all_six(colour_terminal: None) -> None:
    code, out, _ = invoke("plot", "sigmoid", "tanh", "gelu", "--derivative")
    assert code == 0
    assert braille(out) and COLOUR.search(out)
    legend = ANSI.sub("", out.splitlines()[-1])
    names = ("sigmoid", "sigmoid′", "tanh", "tanh′", "gelu", "gelu′")
    keys = [f"━{marker}━" for marker in MARKERS[:6]]
    assert legend.split() == [part for pair in zip(keys, names, strict=True) for part in pair]


def test_each_curve_carries_its_marker_on_a_colour_chart(colour_terminal: None) -> None:
    """Colour is never the only cue: every curve's legend marker is drawn along it."""
    code, out, _ = invoke("plot", "sigmoid", "tanh", "gelu", "--derivative")
    chart = "\n".join(ANSI.sub("", line) for line in out.splitlines()[:-3])
    assert code == 0
    for marker in MARKERS[:6]:
        assert chart.count(marker) >= 3, marker


def _simulated(colour: str, matrix: list[list[float]]) -> list[float]:
    """sRGB as seen with a colour-vision deficiency (Machado, Oliveira, Fernandes 2009)."""
    true = Color.parse(colour).get_truecolor()
    linear = [_linear(v / 255) for v in (true.red, true.green, true.blue)]
    seen = [sum(m * v for m, v in zip(row, linear, strict=True)) for row in matrix]
    return [_gamma(min(max(v, 0.0), 1.0)) for v in seen]


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _gamma(v: float) -> float:
    return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


@pytest.mark.parametrize(
    "matrix",
    [
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.01182, 0.04294, 0.968881],
        ],
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ],
    ids=["deuteranopia", "protanopia"],
)
def test_six_curve_colours_stay_apart_with_red_green_colour_blindness(
    matrix: list[list[float]],
) -> None:
    seen = [_simulated(colour, matrix) for colour in COLOURS[:6]]
    closest = min(math.dist(a, b) for a, b in itertools.combinations(seen, 2))
    assert closest > 0.15


def test_sigmoid_derivative_peaks_at_a_quarter_at_zero() -> None:
    xs, ys = curves_json("sigmoid", "--derivative")
    peak = int(np.argmax(ys["sigmoid′"]))
    assert xs[peak] == 0.0 and ys["sigmoid′"][peak] == pytest.approx(0.25, abs=1e-12)


def test_gelu_of_one_is_x_times_the_normal_cdf() -> None:
    xs, ys = curves_json("gelu")
    assert ys["gelu"][list(xs).index(1.0)] == pytest.approx(0.841345, abs=1e-6)


def test_every_curve_and_derivative_matches_numpy_and_has_no_nan() -> None:
    names = list(NUMPY)
    xs, ys = curves_json(*names, "--derivative", "--range", "-7", "7")
    away = np.min(np.abs(xs[:, None] - KINKS[None, :]), axis=1) > 1e-3
    h = 1e-6
    for name, f in NUMPY.items():
        assert np.isfinite(ys[name]).all() and np.isfinite(ys[name + "′"]).all(), name
        np.testing.assert_allclose(ys[name], f(xs), rtol=1e-9, atol=1e-12, err_msg=name)
        slope = (f(xs[away] + h) - f(xs[away] - h)) / (2 * h)
        np.testing.assert_allclose(ys[name + "′"][away], slope, atol=1e-6, err_msg=name)


def test_derivative_at_a_kink_takes_the_pytorch_value() -> None:
    xs, ys = curves_json("relu", "leaky-relu", "relu6", "hard-sigmoid", "-d", "--range", "-6", "6")
    at = {x: i for i, x in enumerate(xs)}
    assert ys["relu′"][at[0.0]] == 0.0
    assert ys["leaky-relu′"][at[0.0]] == pytest.approx(0.01)
    assert ys["relu6′"][at[0.0]] == 0.0 and ys["relu6′"][at[6.0]] == 0.0
    assert ys["hard-sigmoid′"][at[-3.0]] == 0.0 and ys["hard-sigmoid′"][at[3.0]] == 0.0


def test_no_color_draws_one_marker_per_curve(
    colour_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = invoke("plot", "sigmoid", "tanh", "gelu", "-d")
    assert code == 0
    assert not braille(out) and not COLOUR.search(out)
    legend = " ".join(out.splitlines()[-2:])
    assert "• sigmoid " in legend and "× sigmoid′" in legend and "◆ gelu " in legend
    chart = "\n".join(out.splitlines()[:20])
    assert all(marker in chart for marker in "•×+∘◆*")


def test_ascii_option_prints_only_ascii() -> None:
    code, out, _ = invoke("--ascii", "plot", "sigmoid", "tanh", "gelu", "--derivative")
    assert code == 0
    assert out.isascii() and "sigmoid'" in out


def test_chart_and_legend_fit_a_narrow_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    code, out, _ = invoke("plot", "sigmoid", "tanh", "gelu", "-d")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 50
    assert "gelu′" in out


def test_plot_help_names_every_curve_in_the_table() -> None:
    code, out, _ = invoke("plot", "--help")
    assert code == 0
    assert ",".join(DEFINITIONS) + "." in "".join(out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sigmod"], "no curve 'sigmod'; did you mean 'sigmoid'?"),
        (["relu", "hardswish"], "did you mean 'hard-swish'?"),
        (["relu", "--range", "2", "-2"], "--range 2 -2 is empty"),
    ],
)
def test_bad_input_is_a_usage_error(args: list[str], message: str) -> None:
    code, _, err = invoke("plot", *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


def test_default_range_shows_where_relu6_is_capped() -> None:
    xs, ys = curves_json("relu6", "tanh")
    assert (xs[0], xs[-1]) == (-4.0, 8.0)
    assert ys["relu6"].max() == 6.0 and ys["relu6"][-1] == 6.0


def test_silu_is_swish() -> None:
    _, ys = curves_json("silu")
    assert list(ys) == ["swish"]


def test_show_plot_draws_the_tagged_curve(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    code, out, _ = invoke("show", "mini-derivation", "--plot")
    assert code == 0
    assert "mini-derivation" in out and "• sigmoid " in out and "× sigmoid′" in out


@pytest.mark.parametrize("tags", ["[silu]", "[silu, swish]"])
def test_show_plot_reads_a_curve_alias_in_the_tags(
    tags: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mini = (FIXTURES / "bank" / "mini.yaml").read_text(encoding="utf-8")
    tmp_path.joinpath("mini.yaml").write_text(
        mini.replace("tags: [basics]", f"tags: {tags}"), encoding="utf-8"
    )
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: tmp_path)
    code, out, _ = invoke("show", "mini-concept", "--plot")
    assert code == 0
    legend = out.splitlines()[-1].split()
    assert legend == ["•", "swish", "×", "swish′"]


def test_show_plot_without_a_curve_tag_says_so_and_exits_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(env, "bundled_banks_dir", lambda: FIXTURES / "bank")
    code, out, _ = invoke("show", "mini-concept", "--plot")
    assert code == 0
    assert "mini-concept" in out and out.strip().endswith("(see quizcli plot --help).")


@pytest.mark.parametrize(
    "args",
    [
        ["plot", "--help"],
        ["show", "--help"],
        ["--bank", str(FIXTURES / "bank"), "show", "mini-concept", "--plot"],
    ],
)
def test_help_and_plotless_show_import_no_heavy_module(args: list[str]) -> None:
    assert loaded_modules(*args) == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    ("words", "expected"),
    [("quizcli pl", ["plot"]), ("quizcli plot hard", ["hard-sigmoid", "hard-swish"])],
)
def test_bash_completion_script_completes_commands_and_curves(
    words: str, expected: list[str], tmp_path: Path
) -> None:
    """The script `--show-completion` prints, sourced in bash, asks quizcli for candidates."""
    launcher = tmp_path / "quizcli"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m quizcli "$@"\n')
    launcher.chmod(0o755)
    shell_env = {
        **os.environ,
        "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}",
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
    }
    script = subprocess.run(
        ["quizcli", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=shell_env,
        timeout=60,
        check=True,
    ).stdout
    session = (
        f"{script}\nCOMP_WORDS=({words}); COMP_CWORD={len(words.split()) - 1}\n"
        '_quizcli_completion quizcli; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile"],
        input=session,
        capture_output=True,
        text=True,
        env=shell_env,
        timeout=60,
    )
    assert done.stdout.split() == expected, done.stderr
