"""Load bank files into questions, reporting every problem at its file:line:col.

A bad question does not hide the good ones: each question is validated on its
own, so one typo costs one question and the rest of the file still loads.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quizcli import __version__, kinds
from quizcli.bank import yamlpos
from quizcli.bank.model import AnyQuestion
from quizcli.controls import escape_controls

CACHE_FORMAT = f"{__version__}-3"
# The five bundled banks are about 200 kB each; 10,000 questions fit in 16 MB.
MAX_BANK_BYTES = 16 * 2**20


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a bank, printed as `file:line:col: id: field: message`."""

    path: str
    line: int
    col: int
    item: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.item}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Origin:
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class FileResult:
    """What one file yielded: its questions, where each starts, and its problems."""

    path: str
    questions: list[AnyQuestion] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_file(path: Path, cache: Path | None = None) -> FileResult:
    """Parse and validate one bank file, using the content-keyed cache when given."""
    shown = display(path)
    try:
        if path.stat().st_size > MAX_BANK_BYTES:
            limit = f"larger than {MAX_BANK_BYTES // 2**20} MB; split it into several files"
            return FileResult(shown, problems=[Problem(shown, 1, 1, "-", "-", limit)])
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return FileResult(
            shown, problems=[Problem(shown, 1, 1, "-", "-", f"cannot read: {reason}")]
        )
    key = hashlib.sha256(CACHE_FORMAT.encode() + raw).hexdigest()
    cached = _cache_read(cache, key)
    if cached is not None:
        result = _from_cache(shown, cached)
        if result is not None:
            return result
    result = _parse(shown, raw)
    if cache is not None and not result.problems:
        _cache_write(cache, key, result)
    return result


def _parse(shown: str, raw: bytes) -> FileResult:
    result = FileResult(shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        result.problems.append(
            Problem(shown, 1, 1, "-", "-", f"not UTF-8 (byte {exc.start}); save the file as UTF-8")
        )
        return result
    try:
        doc = yamlpos.load(text)
    except yamlpos.YamlSyntaxError as exc:
        result.problems.append(Problem(shown, exc.line, exc.col, "-", "-", exc.message))
        return result
    traps = [
        (doc.duplicates, "duplicate key; YAML would keep only the last one, so remove one of them"),
        (doc.cut_short, "text after ' #' is read as a YAML comment and dropped; quote the value"),
    ]
    for found, msg in traps:
        for path, line, col in found:
            item = _item_id(doc.value, path)
            where = _field_name(path[2:] if item != "-" else path)
            result.problems.append(Problem(shown, line, col, item, where, msg))
    if not isinstance(doc.value, dict):
        msg = "a bank file is a mapping with format_version and questions"
        result.problems.append(Problem(shown, 1, 1, "-", "-", msg))
        return result
    _check_header(result, doc)
    questions = doc.value.get("questions")
    if isinstance(questions, list):
        for index, data in enumerate(questions):
            _validate_question(result, doc, index, data)
    return result


def _check_header(result: FileResult, doc: yamlpos.Located) -> None:
    line, col = doc.marks.get((), (1, 1))
    for key in doc.value:
        if key not in ("format_version", "questions"):
            kl, kc = doc.marks[(key,)]
            msg = "unknown key; a bank file has only format_version and questions"
            result.problems.append(Problem(result.path, kl, kc, "-", key, msg))
    version = doc.value.get("format_version")
    if version != 1:
        vl, vc = doc.marks.get(("format_version",), (line, col))
        what = "is missing" if version is None else f"is {version!r}"
        msg = f"{what}; this quizcli reads format_version: 1"
        result.problems.append(Problem(result.path, vl, vc, "-", "format_version", msg))
    questions = doc.value.get("questions")
    if not isinstance(questions, list) or not questions:
        ql, qc = doc.marks.get(("questions",), (line, col))
        msg = "needs a list with at least one question"
        result.problems.append(Problem(result.path, ql, qc, "-", "questions", msg))


def _validate_question(result: FileResult, doc: yamlpos.Located, index: int, data: Any) -> None:
    base: yamlpos.Path = ("questions", index)
    line, col = doc.marks.get(base, (1, 1))
    item = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    label = item or f"questions[{index}]"
    try:
        question = _validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = _strip_tag(tuple(error["loc"]))
            if error["type"].startswith("union_tag") and not loc:
                loc = ("type",)
            at = _nearest_mark(doc.marks, base + loc, (line, col))
            msg = _message(error)
            result.problems.append(Problem(result.path, *at, label, _field_name(loc), msg))
        return
    if question.id in result.origins:
        here = Origin(result.path, line, col)
        result.problems.append(duplicate_id(here, question.id, result.origins[question.id]))
        return
    result.questions.append(question)
    result.origins[question.id] = Origin(result.path, line, col)


def _validate(data: Any) -> AnyQuestion:
    """The question `data` describes, as its kind's model; ValidationError if it is not one."""
    question: AnyQuestion = kinds.question_adapter().validate_python(data)
    return question


def duplicate_id(at: Origin, question_id: str, first: Origin) -> Problem:
    """Review history is keyed on ids, so two questions may never share one, in any bank."""
    msg = f"duplicate id; also defined at {first}; ids must be unique across all banks"
    return Problem(at.path, at.line, at.col, question_id, "id", msg)


def _strip_tag(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the union tag pydantic inserts (`derivation`) from an error location."""
    return loc[1:] if loc and loc[0] in kinds.names() else loc


def _nearest_mark(
    marks: dict[yamlpos.Path, tuple[int, int]], path: tuple[Any, ...], fallback: tuple[int, int]
) -> tuple[int, int]:
    for end in range(len(path), 0, -1):
        if path[:end] in marks:
            return marks[path[:end]]
    return fallback


def _field_name(loc: Sequence[Any]) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "-"


def _item_id(value: Any, path: yamlpos.Path) -> str:
    if len(path) >= 2 and path[0] == "questions" and isinstance(value, dict):
        questions = value.get("questions")
        index = path[1]
        if isinstance(questions, list) and isinstance(index, int) and index < len(questions):
            entry = questions[index]
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                return str(entry["id"])
    return "-"


_FIXES = {
    "missing": "is missing; add it (see questions/README.md)",
    "extra_forbidden": "unknown key; remove it or fix its spelling (see questions/README.md)",
    "union_tag_invalid": "must be one of {kinds}",
    "union_tag_not_found": "is missing; set type to one of {kinds}",
}


def _message(error: Any) -> str:
    kind = error["type"]
    if kind in _FIXES:
        return _FIXES[kind].format(kinds=", ".join(kinds.names()))
    text = str(error["msg"])
    return text.removeprefix("Value error, ")


def display(path: Path) -> str:
    """The path as problems name it: relative when that is shorter, control characters escaped."""
    shown = str(path)
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = shown
    return escape_controls(min(relative, shown, key=len))


def _cache_read(cache: Path | None, key: str) -> dict[str, Any] | None:
    if cache is None:
        return None
    try:
        data: dict[str, Any] = json.loads((cache / f"{key}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _from_cache(shown: str, cached: dict[str, Any]) -> FileResult | None:
    result = FileResult(shown)
    try:
        for data, (line, col) in zip(cached["questions"], cached["lines"], strict=True):
            question = _validate(data)
            result.questions.append(question)
            result.origins[question.id] = Origin(shown, line, col)
    except (KeyError, TypeError, ValueError):
        return None
    return result


def _cache_write(cache: Path, key: str, result: FileResult) -> None:
    payload = {
        "questions": [q.model_dump(mode="json") for q in result.questions],
        "lines": [[result.origins[q.id].line, result.origins[q.id].col] for q in result.questions],
    }
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f"{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
        tmp.replace(cache / f"{key}.json")
    except OSError:
        return


def bank_files(paths: Iterable[Path]) -> list[Path]:
    """Expand directories to the YAML files in them, sorted; keep files as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files
