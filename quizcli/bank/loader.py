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
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quizcli import __version__, kinds
from quizcli.bank import yamlpos
from quizcli.bank.model import AnyQuestion
from quizcli.controls import escape_controls
from quizcli.messages import Message, Pair, msg, reason

CACHE_FORMAT = f"{__version__}-3"
# The five bundled banks are about 200 kB each; 10,000 questions fit in 16 MB.
MAX_BANK_BYTES = 16 * 2**20


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a bank, printed as `file:line:col: id: field: message`.

    Given a catalogue Message, `message` keeps its English text (logs, tests) and `text`
    says it in the user's language; plain text (quoting a library) is shown as it is.
    """

    path: str
    line: int
    col: int
    item: str
    field: str
    message: str
    said: Message | Pair | None = dataclass_field(default=None, compare=False)

    @classmethod
    def of(
        cls, path: str, line: int, col: int, item: str, where: str, said: Message | Pair | str
    ) -> Problem:
        if isinstance(said, str):
            return cls(path, line, col, item, where, said)
        return cls(path, line, col, item, where, str(said), said)

    def text(self, lang: str) -> str:
        message = self.said.text(lang) if self.said is not None else self.message
        return f"{self.path}:{self.line}:{self.col}: {self.item}: {self.field}: {message}"

    def __str__(self) -> str:
        return self.text("en")


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
            limit = msg("lint.too_large", mb=MAX_BANK_BYTES // 2**20)
            return FileResult(shown, problems=[Problem.of(shown, 1, 1, "-", "-", limit)])
        raw = path.read_bytes()
    except OSError as exc:
        cannot = msg("lint.cannot_read", reason=reason(exc))
        return FileResult(shown, problems=[Problem.of(shown, 1, 1, "-", "-", cannot)])
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
            Problem.of(shown, 1, 1, "-", "-", msg("lint.not_utf8", byte=exc.start))
        )
        return result
    try:
        doc = yamlpos.load(text)
    except yamlpos.YamlSyntaxError as exc:
        result.problems.append(Problem.of(shown, exc.line, exc.col, "-", "-", exc.message))
        return result
    traps = [
        (doc.duplicates, msg("lint.duplicate_key")),
        (doc.cut_short, msg("lint.cut_short")),
    ]
    for found, said in traps:
        for path, line, col in found:
            item = _item_id(doc.value, path)
            where = _field_name(path[2:] if item != "-" else path)
            result.problems.append(Problem.of(shown, line, col, item, where, said))
    if not isinstance(doc.value, dict):
        result.problems.append(Problem.of(shown, 1, 1, "-", "-", msg("lint.not_mapping")))
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
            result.problems.append(
                Problem.of(result.path, kl, kc, "-", key, msg("lint.header_key"))
            )
    version = doc.value.get("format_version")
    if version != 1:
        vl, vc = doc.marks.get(("format_version",), (line, col))
        said = (
            msg("lint.no_version")
            if version is None
            else msg("lint.bad_version", version=repr(version))
        )
        result.problems.append(Problem.of(result.path, vl, vc, "-", "format_version", said))
    questions = doc.value.get("questions")
    if not isinstance(questions, list) or not questions:
        ql, qc = doc.marks.get(("questions",), (line, col))
        said = msg("lint.no_questions")
        result.problems.append(Problem.of(result.path, ql, qc, "-", "questions", said))


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
            said = _message(error)
            result.problems.append(Problem.of(result.path, *at, label, _field_name(loc), said))
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
    return Problem.of(
        at.path, at.line, at.col, question_id, "id", msg("lint.duplicate_id", first=first)
    )


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


# Pydantic's error types, said through the catalogue: (message id, the context field that
# fills {limit}, {n} or {expected}). Types not listed keep pydantic's English.
_FIXES: dict[str, tuple[str, str | None]] = {
    "missing": ("lint.missing", None),
    "extra_forbidden": ("lint.extra", None),
    "union_tag_invalid": ("lint.bad_type", None),
    "union_tag_not_found": ("lint.no_type", None),
    "string_type": ("lint.want_text", None),
    "int_type": ("lint.want_int", None),
    "int_parsing": ("lint.want_int", None),
    "int_from_float": ("lint.want_int", None),
    "float_type": ("lint.want_number", None),
    "float_parsing": ("lint.want_number", None),
    "bool_type": ("lint.want_bool", None),
    "bool_parsing": ("lint.want_bool", None),
    "list_type": ("lint.want_list", None),
    "tuple_type": ("lint.want_list", None),
    "dict_type": ("lint.want_mapping", None),
    "model_type": ("lint.want_mapping", None),
    "model_attributes_type": ("lint.want_mapping", None),
    "literal_error": ("lint.literal", "expected"),
    "greater_than_equal": ("lint.ge", "ge"),
    "greater_than": ("lint.gt", "gt"),
    "less_than_equal": ("lint.le", "le"),
    "less_than": ("lint.lt", "lt"),
    "string_too_short": ("lint.short_text", "min_length"),
    "string_too_long": ("lint.long_text", "max_length"),
    "too_short": ("lint.short_list", "min_length"),
    "too_long": ("lint.long_list", "max_length"),
    "string_pattern_mismatch": ("lint.pattern", None),
}


def _message(error: Any) -> Message | str:
    """A pydantic error as a catalogue message; a validator's own Message is kept as raised."""
    kind = error["type"]
    context = error.get("ctx") or {}
    raised = context.get("error")
    if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Message):
        return raised.args[0]
    if kind in _FIXES:
        key, name = _FIXES[kind]
        value = context.get(name) if name else None
        return msg(key, types=", ".join(kinds.names()), limit=value, n=value, expected=value)
    return str(error["msg"]).removeprefix("Value error, ")  # a validator's or pydantic's words


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
