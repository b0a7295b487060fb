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
import errno
import importlib.abc
import json
import linecache
import os
import sys
import traceback
from pathlib import Path
from typing import Any

SEED = 20240607
SMALL = 24
PROCESS = frozenset(
    [
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "os.posix_spawn",
        "os.posix_spawnp",
        "pty.spawn",
        "os.startfile",
    ]
)
NETWORK = frozenset(["socket.__new__", "socket.connect", "socket.bind", "socket.sendto"])
NATIVE = frozenset(
    ["ctypes.dlopen", "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.cdata", "ctypes.PyObj_FromPtr"]
)
WRITES = {
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.rename": (0, 1),
    "os.mkdir": (0,),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "shutil.rmtree": (0,),
    "shutil.copyfile": (1,),
    "shutil.copytree": (1,),
    "shutil.move": (0, 1),
    "shutil.make_archive": (0,),
}
"""Audit events refused in the child, by what they would do; WRITES gives the path args."""
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


class Refused(PermissionError):
    """What the audit hook refused; the parent names `action` (and `path`) in the verdict."""

    def __init__(self, action: str, path: str = "") -> None:
        self.action = action
        self.path = path
        what = f"{action} {path}".strip()
        super().__init__(f"drills may only compute with NumPy (refused: {what})")


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
    source = Path(job["file"]).read_text("utf-8")
    # Tracebacks read the file's lines through linecache, which the guard would refuse.
    linecache.cache[job["file"]] = (len(source), None, source.splitlines(True), job["file"])
    _guard(os.getcwd(), [sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix])
    try:
        namespace = _module(source, job["file"])
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


def _guard(workdir: str, prefixes: list[str]) -> None:
    """Refuse what a drill has no business doing, from here on: other processes, the network,
    ctypes, writing outside `workdir`, and reading outside it and the interpreter's own files.

    An accident guard, not a security boundary: audit hooks see only what Python reports,
    and C code can get around them. NumPy is imported before, so its start-up is unaffected.
    """
    home = os.path.realpath(workdir)
    roots = tuple(
        {os.path.realpath(p) for p in [*prefixes, *sys.path[1:], home] if p and os.path.isabs(p)}
    )
    own = os.getpid()

    def inside(path: Any, places: tuple[str, ...]) -> bool:
        if isinstance(path, int) or path is None:
            return True  # an open descriptor, already allowed when it was opened
        real = os.path.realpath(os.fsdecode(path))
        return any(real == p or real.startswith(p.rstrip(os.sep) + os.sep) for p in places)

    def shown(path: Any) -> str:
        text = os.fsdecode(path)
        return text if len(text) <= 120 else text[:117] + "..."

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path, mode, flags = args
            writes = bool((flags or 0) & WRITE_FLAGS) or any(c in (mode or "") for c in "wax+")
            if not inside(path, (home,) if writes else roots):
                raise Refused("write" if writes else "read", shown(path))
        elif event in WRITES:
            for index in WRITES[event]:
                if index < len(args) and not inside(args[index], (home,)):
                    raise Refused("write", shown(args[index]))
        elif event in PROCESS or (event in ("os.kill", "os.killpg") and args[0] not in (0, own)):
            raise Refused("process")
        elif event in NETWORK:
            raise Refused("network")
        elif event in NATIVE:
            raise Refused("native")

    _limit_more()
    sys.addaudithook(hook)


def _limit_more() -> None:
    """No new processes or threads, and few open files, once NumPy has started."""
    try:
        import resource
    except ImportError:
        return
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))


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
    if isinstance(exc, Refused):
        return {"type": "refused", "message": exc.action, "path": exc.path, "trace": frames[-6:]}
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG and _printed_too_much():
        return {"type": "output", "message": message, "trace": frames[-6:]}
    return {"type": type(exc).__name__, "message": message[:500], "trace": frames[-6:]}


def _printed_too_much() -> bool:
    """True when stdout or stderr reached the file-size limit (not some file of the user's)."""
    try:
        import resource
    except ImportError:
        return False
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    return any(os.fstat(fd).st_size >= limit for fd in (1, 2))


if __name__ == "__main__":
    main(sys.argv[1])
