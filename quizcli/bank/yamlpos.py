"""YAML to plain Python values, remembering where each key and item stood.

PyYAML keeps the last of two equal keys without a word and forgets line
numbers once it has built Python objects; both matter to someone fixing a
bank file, so this composes the node tree (with libyaml when present) and
builds the values itself. Building them ourselves also bounds a hostile file:
aliases may not expand past a budget (a 465-byte "billion laughs" file would
otherwise build 10^9 values), a value may not contain itself, nesting is capped,
tags other than YAML's plain types are refused, and terminal control
characters in text are escaped so that showing a question cannot drive the
terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from quizcli.controls import escape_controls
from quizcli.messages import Message, Pair, msg, say

Path = tuple[str | int, ...]
Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_ALIAS_VALUES = 10_000
MAX_DEPTH = 50
PLAIN = "tag:yaml.org,2002:"
TIMESTAMP = PLAIN + "timestamp"
PLAIN_TAGS = {PLAIN + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}


@dataclass(frozen=True)
class Located:
    """Parsed values, the (line, col) of every key and list item (1-based), and traps hit."""

    value: Any
    marks: dict[Path, tuple[int, int]]
    duplicates: list[tuple[Path, int, int]]
    cut_short: list[tuple[Path, int, int]]


class YamlSyntaxError(Exception):
    def __init__(self, line: int, col: int, message: Message) -> None:
        super().__init__(str(message))
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
        said = _pyyaml(escape_controls(str(exc).splitlines()[0]))
        raise YamlSyntaxError(1, 1, msg("lint.yaml_syntax", detail=said)) from None
    except RecursionError:
        raise YamlSyntaxError(1, 1, msg("lint.too_deep", n=MAX_DEPTH)) from None
    if node is None:
        return Located(None, {}, [], [])
    builder = _Builder(text.splitlines())
    value = builder.build(node, ())
    return Located(value, builder.marks, builder.duplicates, builder.cut_short)


# PyYAML's problems, by how they start, with their Chinese description's catalogue id.
PYYAML_PROBLEMS = {
    "found unexpected end of stream": "yaml.end_of_stream",
    "mapping values are not allowed here": "yaml.mapping_values",
    "could not find expected ':'": "yaml.expected_colon",
    "did not find expected key": "yaml.expected_key",
    "expected <block end>": "yaml.block_end",
    "found character": "yaml.bad_character",
    "found undefined alias": "yaml.undefined_alias",
}


def _describe(exc: yaml.MarkedYAMLError) -> Message:
    parts = [p for p in (exc.context, exc.problem) if p]
    return msg("lint.yaml_syntax", detail=_pyyaml(escape_controls("; ".join(parts)), exc.problem))


def _pyyaml(text: str, problem: str | None = None) -> Pair:
    """PyYAML's words in English; in Chinese, what that problem means (or that the file
    cannot be read, for one not in the table)."""
    key = next(
        (k for start, k in PYYAML_PROBLEMS.items() if (problem or "").startswith(start)), None
    )
    return Pair(text, say(key or "yaml.other", "zh"))


_COMMENT_IN_TEXT = re.compile(r" #\S")


class _Builder:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.marks: dict[Path, tuple[int, int]] = {}
        self.duplicates: list[tuple[Path, int, int]] = []
        self.cut_short: list[tuple[Path, int, int]] = []
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.open: list[int] = []
        self.visits = 0

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.marks.setdefault(path, _pos(node))
        self._bound(node)
        self.open.append(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if isinstance(node, yaml.SequenceNode):
                return [self._item(child, (*path, i)) for i, child in enumerate(node.value)]
            if isinstance(node, yaml.ScalarNode) and not node.style:
                self._check_cut_short(node, path)
            # An unquoted date stays the text it is: no field of a bank holds a datetime.
            value = node.value if node.tag == TIMESTAMP else self._construct(node)
        finally:
            self.open.pop()
        return escape_controls(value) if isinstance(value, str) else value

    def _construct(self, node: yaml.Node) -> Any:
        return self.constructor.construct_object(node, deep=True)

    def _key(self, node: yaml.Node) -> str:
        self._bound(node)
        if not isinstance(node, yaml.ScalarNode):
            line, col = _pos(node)
            raise YamlSyntaxError(line, col, msg("lint.key_not_text"))
        return escape_controls(str(self._construct(node)))

    def _bound(self, node: yaml.Node) -> None:
        """Refuse what no bank needs and a hostile file uses: self-containing aliases, aliases
        expanding past a budget, deep nesting, and tags that name Python objects."""
        line, col = _pos(node)
        if id(node) in self.open:
            raise YamlSyntaxError(line, col, msg("lint.recursive_alias"))
        self.visits += 1
        self.seen.add(id(node))
        if self.visits - len(self.seen) > MAX_ALIAS_VALUES:
            raise YamlSyntaxError(line, col, msg("lint.alias_bomb", n=f"{MAX_ALIAS_VALUES:,}"))
        if len(self.open) >= MAX_DEPTH:
            raise YamlSyntaxError(line, col, msg("lint.too_deep", n=MAX_DEPTH))
        if node.tag not in PLAIN_TAGS:
            tag = escape_controls(node.tag.replace(PLAIN, "!!"))
            raise YamlSyntaxError(line, col, msg("lint.yaml_tag", tag=tag))

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
            key = self._key(key_node)
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
