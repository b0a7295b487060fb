"""The order new questions come in: interleaved across topics and types.

Blocked practice (a whole topic file, then the next) leaves topics unseen for
weeks; mixing topics and types is also what interviews do. Due questions come
by recall, with near ties in random order, straight from SQL (store/cache.DUE_ORDER).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar


class Orderable(Protocol):
    @property
    def topic(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def difficulty(self) -> int: ...


Q = TypeVar("Q", bound=Orderable)
T = TypeVar("T")


def interleave(questions: Sequence[Q]) -> list[Q]:
    """Round robin over topics (in order of first appearance); within a topic easier
    questions first and, at one difficulty, the types taken in turn."""
    topics: dict[str, list[Q]] = {}
    for question in questions:
        topics.setdefault(question.topic, []).append(question)
    lanes = [_easier_first_types_mixed(group) for group in topics.values()]
    return list(_round_robin(lanes))


def _easier_first_types_mixed(questions: list[Q]) -> list[Q]:
    ordered: list[Q] = []
    for level in sorted({q.difficulty for q in questions}):
        kinds: dict[str, list[Q]] = {}
        for question in questions:
            if question.difficulty == level:
                kinds.setdefault(question.type, []).append(question)
        ordered.extend(_round_robin(list(kinds.values())))
    return ordered


def _round_robin(lanes: list[list[T]]) -> Iterable[T]:
    for index in range(max((len(lane) for lane in lanes), default=0)):
        yield from (lane[index] for lane in lanes if index < len(lane))
