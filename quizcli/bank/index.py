"""The id index: find one question without loading and validating the whole bank.

`show`, `check` and `history` need one question. For every bank file the index keeps
where each question's YAML item starts and ends (rebuilt when the file's size or mtime
changes, from YAML's node tree alone, nothing constructed), so a lookup reads and
validates only that item, padded so every line number stays the file's own. Anything
unusual (no index, the id missing, a problem in the item) answers None, and the caller
loads the whole bank, which reports problems in full.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quizcli.bank.loader import CACHE_FORMAT, MAX_BANK_BYTES, Origin, _parse, bank_files, display
from quizcli.bank.model import AnyQuestion

INDEX_FORMAT = 2
Spans = dict[str, list[int]]  # id -> [first line (0-based), first byte, end byte] of its item
# Line breaks YAML counts that a split on "\n" would not: a file with one is left to the full load.
_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def find_question(
    sources: Iterable[Path], question_id: str, cache: Path
) -> tuple[AnyQuestion, Origin] | None:
    """The question with this id and where it starts, from the first file that has it."""
    for path in bank_files(sources):
        try:
            spans = _spans(path, cache)
        except (OSError, ValueError):
            return None
        if spans is None:
            return None
        if question_id in spans:
            try:
                return _read_one(path, question_id, *spans[question_id])
            except (OSError, ValueError, TypeError):
                return None
    return None


def _spans(path: Path, cache: Path) -> Spans | None:
    info = path.stat()
    if info.st_size > MAX_BANK_BYTES:
        return None
    stamp = [CACHE_FORMAT, INDEX_FORMAT, info.st_size, info.st_mtime_ns]
    where = cache / "index" / f"{hashlib.sha256(str(path.resolve()).encode()).hexdigest()}.json"
    try:
        stored = json.loads(where.read_text("utf-8"))
        if stored["stamp"] == stamp:
            return dict(stored["ids"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    spans = _build(path.read_bytes().decode("utf-8"))  # not read_text: it rewrites \r\n
    if spans is not None:
        _write(where, {"stamp": stamp, "ids": spans})
    return spans


def _build(text: str) -> Spans | None:
    """Each question item's lines, read from YAML's node tree; None for an unusual file."""
    import yaml

    from quizcli.bank.yamlpos import Loader

    if _OTHER_BREAKS.search(text):
        return None
    try:
        root = yaml.compose(text, Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    items = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "questions"]
    if len(items) != 1 or not isinstance(items[0], yaml.SequenceNode):
        return None
    spans: Spans = {}
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line.encode("utf-8")) + 1)
    for item in items[0].value:
        ids = [v.value for k, v in _pairs(item) if k.value == "id" and isinstance(v.value, str)]
        first, last, end = item.start_mark.line, item.end_mark.line, item.end_mark.column
        if last >= len(lines) or not lines[last][:end].strip():
            last -= 1  # a block item ends where the next line's text begins
        if len(ids) == 1 and ids[0] not in spans and first >= 2:
            spans[ids[0]] = [first, offsets[first], offsets[last + 1]]
    return spans


def _pairs(node: Any) -> list[tuple[Any, Any]]:
    import yaml

    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        return []
    return [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]


def _read_one(
    path: Path, question_id: str, first: int, start: int, end: int
) -> tuple[AnyQuestion, Origin] | None:
    """Validate just this item: a one-question bank whose lines sit where the file has them."""
    with path.open("rb") as handle:
        handle.seek(start)
        item = handle.read(end - start).decode("utf-8")
    if not item.lstrip(" ").startswith("- "):
        return None
    text = "\n" * (first - 2) + "format_version: 1\nquestions:\n" + item
    result = _parse(display(path), text.encode("utf-8"))
    if result.problems or [q.id for q in result.questions] != [question_id]:
        return None
    return result.questions[0], result.origins[question_id]


def _write(where: Path, payload: dict[str, Any]) -> None:
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        tmp = where.with_name(f"{where.stem}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(payload), "utf-8")
        tmp.replace(where)
    except OSError:
        return
