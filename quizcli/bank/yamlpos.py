"""YAML to plain Python values, remembering where each key and item stood.

PyYAML keeps the last of two equal keys without a word and forgets line
numbers once it has built Python objects; both matter to someone fixing a
bank file, so this composes the node tree (with libyaml when present) and
builds the values itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

Path = tuple[str | int, ...]
Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Located:
    """Parsed values, the (line, col) of every key and list item (1-based), and traps hit."""

    value: Any
    marks: dict[Path, tuple[int, int]]
    duplicates: list[tuple[Path, int, int]]
    cut_short: list[tuple[Path, int, int]]


class YamlSyntaxError(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def load(text: str) -> Located:
    """Parse one YAML document; raise YamlSyntaxError with its position."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlSyntaxError(line, col, _describe(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1, 1, str(exc).splitlines()[0]) from None
    if node is None:
        return Located(None, {}, [], [])
    builder = _Builder(text.splitlines())
    value = builder.build(node, ())
    return Located(value, builder.marks, builder.duplicates, builder.cut_short)


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "YAML syntax: " + "; ".join(parts) + " (check indentation, colons and quotes)"


_COMMENT_IN_TEXT = re.compile(r" #\S")


class _Builder:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.marks: dict[Path, tuple[int, int]] = {}
        self.duplicates: list[tuple[Path, int, int]] = []
        self.cut_short: list[tuple[Path, int, int]] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.marks.setdefault(path, _pos(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self._item(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and not node.style:
            self._check_cut_short(node, path)
        return self.constructor.construct_object(node, deep=True)

    def _check_cut_short(self, node: yaml.ScalarNode, path: Path) -> None:
        """An unquoted value followed by ` #226` lost that text: YAML read it as a comment."""
        end = node.end_mark
        rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
        if _COMMENT_IN_TEXT.match(rest):
            self.cut_short.append((path, end.line + 1, end.column + 2))

    def _item(self, node: yaml.Node, path: Path) -> Any:
        self.marks[path] = _pos(node)
        return self.build(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(self.constructor.construct_object(key_node, deep=True))
            line, col = _pos(key_node)
            where = (*path, key)
            if key in result:
                self.duplicates.append((where, line, col))
                continue
            self.marks[where] = (line, col)
            result[key] = self.build(value_node, where)
        return result


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
