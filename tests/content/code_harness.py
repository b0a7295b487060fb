"""Runs the bundled code questions' trusted parts in-process, for the content tests.

The banks are read as plain YAML, so these checks do not depend on how the
`code` kind's schema or sandboxed runner is built: a reference, its cases and
its known mistakes are executed here directly (they are trusted code that ships
with quizcli), and outputs are compared the way the prompts promise: same
structure, same shapes, `np.allclose` with the question's rtol/atol, or mean
and standard deviation for cases marked `compare: moments`.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import yaml

from quizcli import env
from quizcli.kinds.code_child import SEED


@dataclass(frozen=True)
class CodeQuestion:
    """The parts of one `type: code` question that the content tests execute."""

    id: str
    topic: str
    raw: dict[str, Any]

    @property
    def answer(self) -> dict[str, Any]:
        return dict(self.raw["answer"])

    @property
    def function(self) -> str:
        return str(self.answer["function"])

    @property
    def rtol(self) -> float:
        return float(self.answer.get("rtol", 1e-6))

    @property
    def atol(self) -> float:
        return float(self.answer.get("atol", 1e-8))

    def reference(self) -> Callable[..., Any]:
        return load_function(self.answer["reference"], self.function)

    def stub(self) -> Callable[..., Any]:
        return load_function(self.answer["stub"], self.function)

    def mistakes(self) -> list[dict[str, Any]]:
        return list(self.answer.get("mistakes", []))

    def load_mistake(self, index: int) -> Callable[..., Any]:
        return load_function(self.mistakes()[index]["code"], self.function)

    def cases(self) -> list[dict[str, Any]]:
        namespace: dict[str, Any] = {}
        exec(compile(self.answer["cases"], f"<{self.id} cases>", "exec"), namespace)
        made = namespace["cases"](np.random.default_rng(SEED))
        return list(made)


def code_questions() -> list[CodeQuestion]:
    """Every `type: code` question of the bundled banks, in file order."""
    found = []
    for path in sorted(env.bundled_banks_dir().glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in document["questions"]:
            if raw.get("type") == "code":
                found.append(CodeQuestion(raw["id"], raw["topic"], raw))
    return found


def load_function(source: str, name: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<{name}>", "exec"), namespace)
    function = namespace[name]
    assert callable(function), name
    return function  # type: ignore[no-any-return]


def call(function: Callable[..., Any], case: dict[str, Any]) -> tuple[Any, list[Any]]:
    """Call on deep copies of the case's inputs; return the output and the copies."""
    out, after, _ = call_watching(function, case)
    return out, after


def call_watching(
    function: Callable[..., Any], case: dict[str, Any]
) -> tuple[Any, list[Any], bool]:
    """`call`, also telling whether NumPy reported an overflow on the way."""
    args = copy.deepcopy(list(case.get("args", [])))
    kwargs = copy.deepcopy(dict(case.get("kwargs", {})))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", RuntimeWarning)
        out = function(*args, **kwargs)
    overflow = any("overflow" in str(w.message) for w in caught)
    return out, args + list(kwargs.values()), overflow


def mutated(case: dict[str, Any], after: list[Any]) -> bool:
    """Whether a call changed any of its array inputs in place."""
    before = list(case.get("args", [])) + list(case.get("kwargs", {}).values())
    return any(
        isinstance(b, np.ndarray) and not np.array_equal(b, a, equal_nan=True)
        for b, a in zip(before, after, strict=True)
    )


def leaves(value: Any) -> list[Any]:
    """A nested tuple/list output flattened into its arrays and scalars."""
    if isinstance(value, tuple | list):
        return [leaf for item in value for leaf in leaves(item)]
    return [value]


def mismatch(question: CodeQuestion, case: dict[str, Any], got: Any, expected: Any) -> str | None:
    """Why `got` is not an acceptable output for `case`, or None when it is."""
    got_leaves, expected_leaves = leaves(got), leaves(expected)
    if len(got_leaves) != len(expected_leaves):
        return "shape"
    rtol = float(case.get("rtol", question.rtol))
    for g, e in zip(got_leaves, expected_leaves, strict=True):
        g_array = np.asarray(g, dtype=float)
        e_array = np.asarray(e, dtype=float)
        if g_array.shape != e_array.shape:
            return "shape"
        if case.get("compare") == "moments":
            scale = float(e_array.std())
            if abs(float(g_array.mean()) - float(e_array.mean())) > rtol * scale:
                return "moments"
            if abs(float(g_array.std()) - scale) > rtol * scale:
                return "moments"
            continue
        if np.isnan(g_array).any() and not np.isnan(e_array).any():
            return "nan"
        if not np.allclose(g_array, e_array, rtol=rtol, atol=question.atol):
            return "value"
        if isinstance(e, np.ndarray) and np.asarray(g).dtype != e.dtype:
            return "dtype"
    return None


def first_failure(
    question: CodeQuestion, function: Callable[..., Any]
) -> tuple[str, set[str]] | None:
    """The first case `function` fails and the causes seen there, or None if it passes all."""
    reference = question.reference()
    for case in question.cases():
        expected, _ = call(reference, case)
        try:
            got, after, overflow = call_watching(function, case)
        except NotImplementedError:
            return case["name"], {"not-implemented"}
        except Exception:  # a crash is a failure of this case
            return case["name"], {"exception"}
        causes = set()
        if mutated(case, after):
            causes.add("in-place")
        why = mismatch(question, case, got, expected)
        if why is not None:
            causes.add(why)
            if overflow:
                causes.add("overflow")
        if causes:
            if "cause" in case:
                causes.add(str(case["cause"]))
            return case["name"], causes
    return None
