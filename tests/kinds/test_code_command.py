"""`quizcli code ID --file PATH` as a user runs it: verdicts, causes, limits and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli.cli import app
from tests.kinds.conftest import CODE_BANK, write

runner = CliRunner()
NAIVE = """import numpy as np

def softmax(z, axis=-1):
    return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)
"""
STABLE = """import numpy as np

def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""


def code(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--bank", str(CODE_BANK), "code", *args])
    return result.exit_code, result.stdout, result.stderr


def cases(*args: str) -> dict[str, dict[str, object]]:
    status, out, _ = code(*args, "--json")
    report = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert status == (0 if report["verdict"] == "correct" else 1)
    return {case["name"]: case for case in report["cases"]}


@pytest.mark.usefixtures("trusted")
def test_naive_softmax_fails_the_large_logits_naming_overflow(tmp_path: Path) -> None:
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "naive.py", NAIVE)))
    assert status == 1
    assert "✗ logits of 1000" in out
    assert "✓ three logits" in out
    assert "first failing case: logits of 1000" in out
    assert "subtract the max" in out
    assert "hint: softmax(z) = softmax(z - c) for any c." in out
    assert "3/4 cases passed" in out


@pytest.mark.usefixtures("trusted")
def test_a_stable_softmax_passes_every_case(tmp_path: Path) -> None:
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "ok.py", STABLE)))
    assert status == 0
    assert "4/4 cases passed" in out
    assert "✗" not in out


@pytest.mark.usefixtures("trusted")
def test_json_names_each_case_its_cause_and_what_came_out(tmp_path: Path) -> None:
    report = cases("fx-softmax", "--file", str(write(tmp_path, "naive.py", NAIVE)))
    large = report["logits of 1000"]
    assert large["passed"] is False
    assert large["cause"] == "overflow"
    assert large["got"] == "[nan, nan, nan]"
    assert large["largest_difference"] is None  # not a number: strict JSON has no NaN
    assert large["inputs"] == ["[1000., 1001., 1002.]"]
    assert [c["passed"] for c in report.values()] == [True, False, True, True]


@pytest.mark.usefixtures("trusted")
def test_an_infinite_loop_is_stopped_by_the_cpu_limit_and_reported(tmp_path: Path) -> None:
    loop = write(tmp_path, "loop.py", "def softmax(z, axis=-1):\n    while True:\n        pass\n")
    status, out, _ = code("fx-softmax", "--file", str(loop))
    assert status == 1
    assert "stopped after 3 s of CPU time" in out
    assert "· logits of 1000 (not run)" in out


@pytest.mark.usefixtures("trusted")
def test_the_stub_unchanged_in_place_changes_and_a_wrong_axis_are_named(tmp_path: Path) -> None:
    stub = "import numpy as np\n\ndef softmax(z, axis=-1):\n    raise NotImplementedError\n"
    assert (
        cases("fx-softmax", "--file", str(write(tmp_path, "s.py", stub)))["three logits"]["cause"]
        == "not-implemented"
    )
    in_place = STABLE.replace(
        "e = np.exp(z - z.max", "z -= z.max(axis=axis, keepdims=True)\n    e = np.exp(z - z.max"
    )
    first = cases("fx-softmax", "--file", str(write(tmp_path, "i.py", in_place)))["three logits"]
    assert first["cause"] == "in-place"
    flat = STABLE.replace("axis=axis, keepdims=True", "")
    report = cases("fx-softmax", "--file", str(write(tmp_path, "a.py", flat)))
    assert report["batch along axis 0"]["cause"] == "axis"


@pytest.mark.usefixtures("trusted")
def test_an_exception_shows_its_traceback_trimmed_to_the_users_file(tmp_path: Path) -> None:
    source = "def helper(z):\n    return z[5]\n\ndef softmax(z, axis=-1):\n    return helper(z)\n"
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "e.py", source)))
    assert status == 1
    assert "raised IndexError: index 5 is out of bounds" in out
    assert "line 5, in softmax: return helper(z)" in out
    assert "line 2, in helper: return z[5]" in out
    assert "code_child" not in out


@pytest.mark.usefixtures("trusted")
def test_a_memory_blow_up_is_a_verdict(tmp_path: Path) -> None:
    source = "import numpy as np\n\ndef softmax(z, axis=-1):\n    return np.ones((10**6, 10**6))\n"
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "m.py", source)))
    assert status == 1
    assert "ran out of memory" in out


@pytest.mark.usefixtures("trusted")
def test_forbidden_imports_are_refused_written_or_hidden(tmp_path: Path) -> None:
    plain = "import scipy.special\n\ndef softmax(z, axis=-1):\n    return z\n"
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "f.py", plain)))
    assert status == 1
    assert "line 1 imports scipy.special; this question asks you to do without scipy" in out
    hidden = "def softmax(z, axis=-1):\n    return __import__('scipy').special.softmax(z)\n"
    report = cases("fx-softmax", "--file", str(write(tmp_path, "h.py", hidden)))
    assert report["three logits"]["message"] == "this question asks you to do without scipy"


@pytest.mark.usefixtures("trusted")
def test_printing_without_end_and_a_crash_are_verdicts_not_errors(tmp_path: Path) -> None:
    chatty = "def softmax(z, axis=-1):\n    while True:\n        print('x' * 10000)\n"
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "p.py", chatty)))
    assert status == 1
    assert "cause: your code printed more than 16 MiB; remove the prints" in out
    assert "File too large" not in out
    crash = (
        "import os, signal\n\ndef softmax(z, axis=-1):\n    os.kill(os.getpid(), signal.SIGSEGV)\n"
    )
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "c.py", crash)))
    assert status == 1
    assert "the process died: signal SIGSEGV" in out


@pytest.mark.usefixtures("trusted")
def test_a_file_that_does_not_parse_or_define_the_function_is_incorrect(tmp_path: Path) -> None:
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "x.py", "def softmax(:\n")))
    assert (status, "syntax error" in out) == (1, True)
    status, out, _ = code("fx-softmax", "--file", str(write(tmp_path, "y.py", "x = 1\n")))
    assert (status, "does not define softmax()" in out) == (1, True)


@pytest.mark.usefixtures("trusted")
def test_exit_2_for_an_unreadable_file_an_unknown_id_or_another_kind(tmp_path: Path) -> None:
    status, _, err = code("fx-softmax", "--file", str(tmp_path / "missing.py"))
    assert status == 2 and "cannot read" in err
    status, _, err = code("fx-softmaxx", "--file", str(tmp_path / "missing.py"))
    assert status == 2 and "did you mean 'fx-softmax'" in err
    status, _, err = code("mini-choice", "--file", str(tmp_path / "missing.py"))
    assert status == 2 and "is a choice question" in err


def test_code_from_an_untrusted_bank_is_not_run(tmp_path: Path) -> None:
    status, _, err = code("fx-softmax", "--file", str(write(tmp_path, "ok.py", STABLE)))
    assert status == 1
    assert "config trust_bank" in err
    result = runner.invoke(app, ["config", "trust_bank", str(CODE_BANK)])
    assert result.exit_code == 0
    status, _, _ = code("fx-softmax", "--file", str(write(tmp_path, "ok.py", STABLE)))
    assert status == 0


@pytest.mark.usefixtures("trusted")
def test_without_file_the_stub_is_kept_in_the_data_dir_and_the_editor_opened(
    tmp_path: Path, quizcli_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    status, _, err = code("fx-softmax")
    kept = quizcli_home / "code" / "fx-softmax.py"
    assert status == 2 and "set $VISUAL or $EDITOR" in err
    assert "raise NotImplementedError" in kept.read_text()
    editor = write(
        tmp_path,
        "editor.py",
        f"import sys, shutil\nshutil.copy({str(tmp_path / 'ok.py')!r}, sys.argv[1])\n",
    )
    write(tmp_path, "ok.py", STABLE)
    monkeypatch.setenv("EDITOR", f"python3 {editor}")
    status, out, _ = code("fx-softmax")
    assert status == 0, out
    assert kept.read_text() == STABLE


@pytest.mark.usefixtures("trusted")
def test_random_initialisers_are_compared_by_mean_and_spread(tmp_path: Path) -> None:
    other_draws = (
        "import numpy as np\n\ndef he_normal(fan_in, fan_out, rng):\n"
        "    draws = np.random.default_rng(99).standard_normal((fan_in, fan_out))\n"
        "    return np.sqrt(2 / fan_in) * draws\n"
    )
    status, out, _ = code("fx-he-normal", "--file", str(write(tmp_path, "he.py", other_draws)))
    assert status == 0, out
    xavier = other_draws.replace("np.sqrt(2 / fan_in)", "np.sqrt(1 / fan_in)")
    status, out, _ = code("fx-he-normal", "--file", str(write(tmp_path, "x.py", xavier)))
    assert status == 1
    assert "cause: moments differ" in out


@pytest.mark.usefixtures("trusted")
def test_a_failing_editor_or_an_untouched_stub_runs_nothing_and_says_why(
    tmp_path: Path, quizcli_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    kept = quizcli_home / "code" / "fx-softmax.py"
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c 'raise SystemExit(1)'")
    status, out, err = code("fx-softmax")
    assert status == 2
    assert err == f"quizcli: the editor exited with status 1; your file is kept at {kept}\n"
    assert out == ""
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c ''")
    status, out, err = code("fx-softmax")
    assert status == 2
    assert err.endswith(f"{kept} is still the question's stub; write softmax() and save it\n")
    assert out == ""
    copy = write(tmp_path, "copy.py", kept.read_text())
    status, _, err = code("fx-softmax", "--file", str(copy), "--json")
    assert status == 2 and "is still the question's stub" in err


@pytest.mark.usefixtures("trusted")
def test_a_file_that_is_not_utf8_is_named_with_the_fix(tmp_path: Path) -> None:
    latin = tmp_path / "latin.py"
    latin.write_bytes(STABLE.replace("import numpy", "# \xe9t\xe9\nimport numpy").encode("latin-1"))
    status, out, err = code("fx-softmax", "--file", str(latin))
    assert status == 2 and out == ""
    assert err == f"quizcli: {latin} is not UTF-8 text; save it as UTF-8\n"
