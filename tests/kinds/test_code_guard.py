"""The child's guard: a drill may compute with NumPy, and is refused what a careless or
casual file could do besides (read or write outside its scratch directory, run programs,
use the network, load native code). The verdict names what was refused; nothing leaks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizcli.cli import app
from tests.kinds.conftest import CODE_BANK, write

runner = CliRunner()
RIGHT = """
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""
TAIL = "drills may only compute with NumPy"


def run(tmp_path: Path, body: str, head: str = "") -> tuple[int, str]:
    """`quizcli code fx-softmax --file F --json` on a softmax that does `body`, then returns
    the right answer: the exit status, and what the first case (or the loading) reports."""
    source = f"import numpy as np\n{head}\n\ndef softmax(z, axis=-1):\n{body}{RIGHT}"
    (tmp_path / "mine").mkdir(exist_ok=True)
    path = write(tmp_path / "mine", "answer.py", source)
    args = ["--bank", str(CODE_BANK), "code", "fx-softmax", "--file", str(path), "--json"]
    result = runner.invoke(app, args)
    report = json.loads(result.stdout)
    return result.exit_code, report["refused"] or report["cases"][0]["message"] or "passed"


@pytest.mark.usefixtures("trusted")
def test_a_file_outside_the_scratch_directory_is_not_read_into_the_verdict(
    tmp_path: Path,
) -> None:
    secret = write(tmp_path, "secret.txt", "TOKEN-41")
    status, said = run(tmp_path, f"    raise ValueError(open({str(secret)!r}).read())\n")
    assert (status, said) == (1, f"your code tried to read {secret}; {TAIL}")
    status, said = run(tmp_path, "", head=f"print(open({str(secret)!r}).read())")
    assert (status, said) == (1, f"your code tried to read {secret}; {TAIL}")
    result = runner.invoke(
        app,
        [
            "--lang",
            "zh",
            "--bank",
            str(CODE_BANK),
            "code",
            "fx-softmax",
            "--file",
            str(tmp_path / "mine" / "answer.py"),
        ],
    )
    assert f"你的代码试图读取 {secret}" in result.stdout
    assert "TOKEN-41" not in result.stdout


@pytest.mark.parametrize(
    "body",
    [
        "    open(TARGET, 'a').close()\n",
        "    __import__('pathlib').Path(TARGET).write_text('x')\n",
        "    __import__('os').remove(VICTIM)\n",
        "    __import__('os').rename(VICTIM, TARGET)\n",
        "    __import__('shutil').copyfile(VICTIM, TARGET)\n",
    ],
)
@pytest.mark.usefixtures("trusted")
def test_writing_or_deleting_outside_the_scratch_directory_is_refused_though_the_answer_is_right(
    tmp_path: Path, body: str
) -> None:
    target, victim = tmp_path / "PWNED", write(tmp_path, "victim.txt", "keep me")
    body = body.replace("TARGET", repr(str(target))).replace("VICTIM", repr(str(victim)))
    status, said = run(tmp_path, body)
    assert status == 1
    assert said.startswith("your code tried to write or delete ") and said.endswith(TAIL)
    assert not target.exists()
    assert victim.read_text() == "keep me"


@pytest.mark.usefixtures("trusted")
def test_files_in_the_scratch_directory_numpy_and_the_standard_library_still_work(
    tmp_path: Path,
) -> None:
    body = (
        "    import math, statistics, fractions, decimal, dataclasses, typing, functools\n"
        "    import numpy.linalg, numpy.fft, numpy.polynomial\n"
        "    from numpy.lib.stride_tricks import sliding_window_view\n"
        "    np.save('scratch.npy', z)\n"
        "    z = np.load('scratch.npy') + 0 * np.linalg.norm(np.fft.rfft(z).real)\n"
        "    with open('notes.txt', 'w') as notes:\n"
        "        notes.write(str(sliding_window_view(z.ravel(), 1).shape))\n"
        "    assert math.isfinite(np.random.default_rng(0).standard_normal())\n"
    )
    assert run(tmp_path, body) == (0, "passed")


@pytest.mark.parametrize(
    ("body", "action"),
    [
        ("    __import__('subprocess').run(['touch', MARK])\n", "start or signal another process"),
        ("    __import__('os').system('touch ' + MARK)\n", "start or signal another process"),
        (
            "    import os, sys\n    os.execv(sys.executable, [sys.executable, '-c', ''])\n",
            "start or signal another process",
        ),
        ("    import os\n    os.kill(os.getppid(), 0)\n", "start or signal another process"),
        ("    __import__('socket').socket()\n", "use the network"),
        ("    __import__('ctypes').CDLL(None)\n", "load native code with ctypes"),
    ],
)
@pytest.mark.usefixtures("trusted")
def test_programs_other_processes_the_network_and_ctypes_are_refused(
    tmp_path: Path, body: str, action: str
) -> None:
    mark = tmp_path / "ran"
    status, said = run(tmp_path, body.replace("MARK", repr(str(mark))))
    assert (status, said) == (1, f"your code tried to {action}; {TAIL}")
    assert not mark.exists()
