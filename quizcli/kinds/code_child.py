"""The child side of a code run: `python -I code_child.py JOB.json`, in a scratch directory.

Run twice per answer, in separate processes: once on the trusted reference, once on
the user's file (with the question's forbidden modules refused). Each builds the
cases from the same seed, so random inputs reach both in identical states, calls the
function on a deep copy of each case's arguments, and writes one JSON line per case
to `report.jsonl` and the case's output to `out-N.npz` (plain arrays only). The
parent compares the two runs; it never unpickles anything written here.

This file imports nothing from quizcli: it is run as a script by path.
"""

from __future__ import annotations

import copy
import importlib.abc
import json
import sys
import traceback
from pathlib import Path
from typing import Any

SEED = 20240607
SMALL = 24


def main(job_path: str) -> None:
    job = json.loads(Path(job_path).read_text("utf-8"))
    _limit(job["limits"])
    import numpy as np

    report = open("report.jsonl", "w", encoding="utf-8")  # noqa: SIM115 - lines flushed one by one

    def emit(**entry: Any) -> None:
        report.write(json.dumps(entry) + "\n")
        report.flush()

    cases_ns = _module(job["cases"], "<cases>")
    cases = cases_ns["cases"](np.random.default_rng(SEED))
    emit(event="cases", cases=[_meta(case, i) for i, case in enumerate(cases)])
    if job["forbid"]:
        sys.meta_path.insert(0, _Refuse(job["forbid"]))
    try:
        namespace = _module(Path(job["file"]).read_text("utf-8"), job["file"])
    except BaseException as exc:
        emit(event="load", error=_error(exc, job["file"]))
        return
    function = namespace.get(job["function"])
    if not callable(function):
        emit(event="load", error={"type": "missing", "message": job["function"], "trace": []})
        return
    for index, case in enumerate(cases):
        emit(event="start", index=index)
        emit(event="case", index=index, **_run_case(np, function, case, index, job["file"]))


def _limit(limits: dict[str, int]) -> None:
    """CPU seconds, address space and file size, set before any bank or user code runs (here
    rather than in a preexec_fn, which is unsafe when the parent has threads)."""
    try:
        import resource
    except ImportError:  # not POSIX: the wall-clock timeout is the only bound
        return
    cpu = limits["cpu"]
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_AS, (limits["memory"], limits["memory"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["output"], limits["output"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _meta(case: dict[str, Any], index: int) -> dict[str, Any]:
    """What the parent needs to judge a case, beside its output: name, cause, hint, compare."""
    hint = case.get("hint")
    return {
        "name": str(case.get("name", f"case {index + 1}")),
        "cause": case.get("cause"),
        "hint": {"en": str(hint.get("en", "")), "zh": str(hint.get("zh", ""))} if hint else None,
        "compare": case.get("compare", "values"),
        "rtol": case.get("rtol"),
        "atol": case.get("atol"),
    }


def _module(source: str, filename: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "__quizcli_code__"}
    exec(compile(source, filename, "exec"), namespace)
    return namespace


class _Refuse(importlib.abc.MetaPathFinder):
    """Refuses the question's forbidden modules, however they are imported."""

    def __init__(self, forbidden: list[str]) -> None:
        self.forbidden = forbidden

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        for module in self.forbidden:
            if name == module or name.startswith(module + "."):
                raise ImportError(f"forbidden:{module}")
        return None


def _run_case(
    np: Any, function: Any, case: dict[str, Any], index: int, file: str
) -> dict[str, Any]:
    args = list(case.get("args", []))
    kwargs = dict(case.get("kwargs", {}))
    # Each case works on its own copies, so a generator reaches it in the state the case
    # was built with, whatever earlier calls consumed; `before` shows in-place changes.
    before = copy.deepcopy((args, kwargs))
    flags: dict[str, bool] = {"overflow": False}

    def on_error(kind: str, flag: int) -> None:
        if "overflow" in kind:
            flags["overflow"] = True

    inputs = [_show(np, a) for a in args] + [f"{k}={_show(np, v)}" for k, v in kwargs.items()]
    given = copy.deepcopy((args, kwargs))
    old = np.seterrcall(on_error)
    try:
        with np.errstate(over="call", invalid="ignore", divide="ignore", under="ignore"):
            result = function(*given[0], **given[1])
    except BaseException as exc:
        return {"inputs": inputs, "error": _error(exc, file), "overflow": flags["overflow"]}
    finally:
        np.seterrcall(old)
    modified = not _same(np, given, before)
    shape = _save(np, result, f"out-{index}.npz")
    return {"inputs": inputs, "output": shape, "overflow": flags["overflow"], "modified": modified}


def _same(np: Any, a: Any, b: Any) -> bool:
    if isinstance(a, np.random.Generator):
        return True
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(_same(np, x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(np, a[k], b[k]) for k in a)
    return True


def _save(np: Any, result: Any, path: str) -> dict[str, Any]:
    """The output as plain arrays in an .npz, and its structure for the parent."""
    items = list(result) if isinstance(result, tuple | list) else [result]
    parts: list[dict[str, Any]] = []
    arrays: dict[str, Any] = {}
    for i, item in enumerate(items):
        if item is None:
            parts.append({"kind": "none"})
            continue
        try:
            array = np.asarray(item)
        except Exception:
            array = None
        if array is None or array.dtype.kind not in "biufc":
            parts.append({"kind": "other", "repr": repr(item)[:200]})
            continue
        arrays[f"o{i}"] = array
        parts.append(
            {"kind": "array", "scalar": array.ndim == 0 and not isinstance(item, np.ndarray)}
        )
    np.savez(path, **arrays)
    return {"sequence": isinstance(result, tuple | list), "parts": parts}


def _show(np: Any, value: Any) -> str:
    if isinstance(value, np.random.Generator):
        return "np.random.Generator"
    if isinstance(value, np.ndarray):
        if value.size <= SMALL:
            return str(np.array2string(value, precision=4, separator=", ")).replace("\n", "")
        return f"array of shape {value.shape}, {value.dtype}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _error(exc: BaseException, file: str) -> dict[str, Any]:
    """The exception and its traceback, trimmed to the frames in the user's file."""
    frames = [
        f"line {frame.lineno}, in {frame.name}: {(frame.line or '').strip()}"
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename == file
    ]
    if isinstance(exc, SyntaxError) and exc.filename == file:
        frames.append(f"line {exc.lineno}: {(exc.text or '').strip()}")
    message = str(exc)
    return {"type": type(exc).__name__, "message": message[:500], "trace": frames[-6:]}


if __name__ == "__main__":
    main(sys.argv[1])
