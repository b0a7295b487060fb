"""Judging one case of a code run: the user's output against the reference's, and why not.

Generic causes are detected first (the stub unchanged, the input modified in place,
a wrong shape or dtype, NaN, overflow); otherwise the case's own `cause` is named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizcli.kinds.code import CAUSES
from quizcli.kinds.code_runner import MEMORY_BYTES, STOPS, CaseReport, guarded
from quizcli.messages import both

if TYPE_CHECKING:
    from quizcli.kinds.code import CodeQuestion

SMALL = 24


def judge(
    meta: dict[str, Any],
    ref: dict[str, Any],
    user: dict[str, Any],
    ref_out: dict[str, Any],
    user_out: dict[str, Any] | None,
    question: CodeQuestion,
) -> CaseReport:
    hint = (meta["hint"]["en"], meta["hint"]["zh"]) if meta.get("hint") else None
    case = CaseReport(meta["name"], passed=False, inputs=list(user.get("inputs", [])), hint=hint)
    case.expected = _shown_output(ref["output"], ref_out)
    if "error" in user:
        return _raised(case, user["error"], meta)
    assert user_out is not None
    case.got = _shown_output(user["output"], user_out)
    if user.get("modified"):
        return _because(case, "in-place")
    problem = _mismatch(meta, ref, user, ref_out, user_out, question, case)
    if problem is None:
        case.passed = True
        return case
    if problem in ("shape", "dtype"):
        return _because(case, problem)
    if _has(user_out, "nan") and not _has(ref_out, "nan"):
        return _because(case, "overflow" if user.get("overflow") else "nan")
    if user.get("overflow") or (_has(user_out, "inf") and not _has(ref_out, "inf")):
        return _because(case, "overflow")
    return _because(case, meta.get("cause"), problem)


def _raised(case: CaseReport, error: dict[str, Any], meta: dict[str, Any]) -> CaseReport:
    case.trace = list(error["trace"])
    kind, message = error["type"], error["message"]
    if kind == "NotImplementedError":
        return _because(case, "not-implemented")
    if kind == "MemoryError":
        case.problem = both(STOPS["memory"], mib=MEMORY_BYTES // 2**20)
        return case
    case.problem = guarded(error)
    if case.problem is not None:
        return case
    if kind in ("ImportError", "ModuleNotFoundError") and message.startswith("forbidden:"):
        module = message.removeprefix("forbidden:")
        case.problem = both("code.forbidden_module", module=module)
        return case
    case.problem = both("code.raised", kind=kind, message=message)
    return case


def _because(case: CaseReport, cause: str | None, fallback: str | None = None) -> CaseReport:
    case.cause = cause
    if cause in CAUSES:
        case.problem = CAUSES[cause]
    elif fallback:
        key = _FALLBACKS.get(fallback)
        case.problem = both(key) if key else (fallback, fallback)
    return case


_FALLBACKS = {"values differ": "code.values_differ", "moments differ": "code.moments_differ"}


def _mismatch(
    meta: dict[str, Any],
    ref: dict[str, Any],
    user: dict[str, Any],
    ref_out: dict[str, Any],
    user_out: dict[str, Any],
    question: CodeQuestion,
    case: CaseReport,
) -> str | None:
    """None when the outputs agree; else `shape`, `dtype` or a short description."""
    import numpy as np

    want, have = ref["output"]["parts"], user["output"]["parts"]
    if len(want) != len(have) or ref["output"]["sequence"] != user["output"]["sequence"]:
        return "shape"
    rtol = float(meta["rtol"] if meta.get("rtol") is not None else question.answer.rtol)
    atol = float(meta["atol"] if meta.get("atol") is not None else question.answer.atol)
    worst = 0.0
    for index, (w, h) in enumerate(zip(want, have, strict=True)):
        if w["kind"] != h["kind"]:
            return "shape"
        if w["kind"] != "array":
            continue
        a, b = ref_out[f"o{index}"], user_out[f"o{index}"]
        if a.shape != b.shape:
            return "shape"
        if _dtype_family(a) != _dtype_family(b):
            return "dtype"
        if meta.get("compare") == "moments":
            if not _moments_close(np, a, b, rtol):
                return "moments differ"
            continue
        if a.size:
            diff = np.abs(a.astype(complex if a.dtype.kind == "c" else float) - b)
            largest = float(np.max(diff))
            worst = largest if largest != largest or largest > worst else worst
        if not np.allclose(b, a, rtol=rtol, atol=atol, equal_nan=True):
            case.largest_difference = worst
            return "values differ"
    return None


def _dtype_family(array: Any) -> str:
    kind = str(array.dtype.kind)
    return "int" if kind in "iu" else kind


def _moments_close(np: Any, a: Any, b: Any, rtol: float) -> bool:
    mean_ok = np.isclose(b.mean(), a.mean(), rtol=rtol, atol=rtol * max(float(a.std()), 1e-12))
    return bool(mean_ok and np.isclose(b.std(), a.std(), rtol=rtol))


def _has(outputs: dict[str, Any], what: str) -> bool:
    import numpy as np

    test = np.isnan if what == "nan" else np.isinf
    return any(a.dtype.kind in "fc" and bool(np.any(test(a))) for a in outputs.values())


def _shown_output(structure: dict[str, Any], outputs: dict[str, Any]) -> str:
    shown = []
    for index, part in enumerate(structure["parts"]):
        if part["kind"] == "none":
            shown.append("None")
        elif part["kind"] == "other":
            shown.append(part["repr"])
        else:
            shown.append(show_array(outputs[f"o{index}"]))
    if structure["sequence"]:
        return "(" + ", ".join(shown) + ")"
    return shown[0] if shown else ""


def show_array(array: Any) -> str:
    """Small arrays printed; large ones summarised by shape, dtype, range and mean."""
    import numpy as np

    if array.ndim == 0:
        return f"{array.item():.6g}" if array.dtype.kind == "f" else str(array.item())
    if array.size <= SMALL:
        return str(np.array2string(array, precision=6, separator=", ")).replace("\n", " ")
    with np.errstate(all="ignore"):
        summary = (
            f"min {np.nanmin(array):.4g}, max {np.nanmax(array):.4g}, mean {np.nanmean(array):.4g}"
        )
    return f"array of shape {array.shape}, {array.dtype} ({summary})"
