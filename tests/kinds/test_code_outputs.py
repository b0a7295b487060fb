"""Outputs of every shape the format allows: scalars, tuples and lists of arrays, None."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizcli.bank import load_bank
from quizcli.kinds import code_runner
from quizcli.kinds.code import CodeQuestion
from quizcli.kinds.code_runner import run_source
from tests.kinds.conftest import CODE_BANK, write

REFERENCE = """import numpy as np

def stats(x):
    return float(x.sum()), x * 2, None
"""
CASES = """import numpy as np

def cases(rng):
    return [
        {"name": "ints", "args": [np.arange(4)]},
        {"name": "matrix", "args": [rng.standard_normal((2, 3))]},
    ]
"""


def question() -> CodeQuestion:
    base = load_bank([CODE_BANK], use_cache=False).get("fx-softmax")
    assert isinstance(base, CodeQuestion)
    answer = base.answer.model_copy(
        update={
            "function": "stats",
            "stub": "def stats(x):\n    raise NotImplementedError\n",
            "reference": REFERENCE,
            "cases": CASES,
            "mistakes": [],
        }
    )
    return base.model_copy(update={"answer": answer})


def test_a_tuple_or_a_list_of_the_same_values_passes(tmp_path: Path) -> None:
    as_list = "def stats(x):\n    return [x.sum(), 2 * x, None]\n"
    assert run_source(question(), write(tmp_path, "a.py", REFERENCE)).passed
    assert run_source(question(), write(tmp_path, "b.py", as_list)).passed


def test_a_missing_part_or_a_wrong_dtype_is_named(tmp_path: Path) -> None:
    short = "def stats(x):\n    return x.sum(), 2 * x\n"
    report = run_source(question(), write(tmp_path, "c.py", short))
    assert [c.cause for c in report.cases] == ["shape", "shape"]
    as_bool = "def stats(x):\n    return float(x.sum()), (2 * x) > 0, None\n"
    report = run_source(question(), write(tmp_path, "d.py", as_bool))
    assert report.cases[0].cause == "dtype"
    assert report.cases[0].got == "(6, [False,  True,  True,  True], None)"


def test_ctrl_c_while_waiting_leaves_no_child_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[code_runner._Child] = []
    start = code_runner._Child.__init__

    def keep(child: code_runner._Child, *args: Any, **kwargs: Any) -> None:
        start(child, *args, **kwargs)
        started.append(child)

    def interrupted(child: code_runner._Child) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(code_runner._Child, "__init__", keep)
    monkeypatch.setattr(code_runner._Child, "wait", interrupted)
    loop = write(tmp_path, "loop.py", "def stats(x):\n    while True:\n        pass\n")
    with pytest.raises(KeyboardInterrupt):
        run_source(question(), loop)
    assert [child.process.poll() is not None for child in started] == [True, True]
